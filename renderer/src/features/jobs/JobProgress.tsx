// One generation job on its segment's panel: what it is doing in words, a real progress bar, and Cancel; when
// it failed or was cancelled, main's sentence and the next step, where the person is looking.
import type { ProviderId } from '../../../../shared/domain/ids'
import { errorText } from '../../lib/errorText'
import { failureOf, isFinished, type TrackedJob } from './jobState'
import { jobStageText } from './jobText'

interface JobProgressProps {
  job: TrackedJob
  onCancel: (jobId: string) => void
  onDismiss: (jobId: string) => void
  onOpenSettings: (provider: ProviderId) => void
}

export function JobProgress({ job, onCancel, onDismiss, onOpenSettings }: JobProgressProps) {
  const u = job.update
  const failure = failureOf(job)
  const finished = isFinished(job)
  const progress = u?.progress ?? null
  const words = u ? jobStageText(u) : 'Starting'
  return (
    <div
      className={`job${failure ? ' failed' : ''}${u?.status === 'cancelled' ? ' cancelled' : ''}`}
      data-testid="job"
      data-status={u?.status ?? 'starting'}
    >
      <div className="job-line">
        <span className="job-label">{job.label}</span>
        <span className="job-stage" data-testid="job-stage" role={finished ? 'status' : undefined}>
          {failure ? 'Failed' : words}
        </span>
        {finished ? (
          <button type="button" className="small" onClick={() => onDismiss(job.jobId)} aria-label="Dismiss">
            ×
          </button>
        ) : (
          <button type="button" className="small" onClick={() => onCancel(job.jobId)}>
            Cancel
          </button>
        )}
      </div>
      {!finished && (
        <div
          className={`job-bar${progress === null ? ' indeterminate' : ''}`}
          role="progressbar"
          aria-label={words}
          aria-valuemin={0}
          aria-valuemax={100}
          aria-valuenow={progress === null ? undefined : Math.round(progress * 100)}
        >
          <div className="job-bar-fill" style={{ width: `${Math.round((progress ?? 0) * 100)}%` }} />
        </div>
      )}
      {failure && <JobFailure message={failure} provider={job.provider} onOpenSettings={onOpenSettings} />}
    </div>
  )
}

function JobFailure(props: {
  message: Parameters<typeof errorText>[0]
  provider: ProviderId
  onOpenSettings: (p: ProviderId) => void
}) {
  const text = errorText(props.message)
  return (
    <div className="job-error" role="alert">
      <div>{text.message}</div>
      {text.next && <div className="job-next">{text.next}</div>}
      {props.message.code === 'PROVIDER_AUTH' && (
        <button type="button" className="link" onClick={() => props.onOpenSettings(props.provider)}>
          Open the key in Settings
        </button>
      )}
    </div>
  )
}
