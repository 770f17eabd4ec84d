// Generations a crash or quit left unfinished, offered as "Resume": the same request runs again and picks up
// what the provider already accepted or finished, so nothing is paid twice.
import { formatTimecode } from '../../lib/timecode'
import type { InterruptedGeneration } from './useGenerationJobs'

interface InterruptedListProps {
  entries: readonly InterruptedGeneration[]
  /** Whether an entry's segment is in the open project: its takes need somewhere to land. */
  canResume: (entry: InterruptedGeneration) => boolean
  onResume: (entry: InterruptedGeneration) => void
  onDismiss: (entry: InterruptedGeneration) => void
}

export function InterruptedList({ entries, canResume, onResume, onDismiss }: InterruptedListProps) {
  if (entries.length === 0) return null
  return (
    <section className="interrupted" aria-label="Unfinished generations">
      <div className="section-title">Unfinished generations</div>
      {entries.map((e) => {
        const r = e.request
        const lengthSec = r.source ? r.source.outSec - r.source.inSec : (r.durationSec ?? 0)
        const what = r.params.prompt.trim() || (r.source ? r.source.path.split(/[\\/]/).pop() : 'Text')
        return (
          <div key={JSON.stringify(e.request)} className="interrupted-item" data-testid="interrupted">
            <span className="interrupted-what" title={what}>
              {what} · {formatTimecode(lengthSec, 1)} · {r.params.takes} take{r.params.takes === 1 ? '' : 's'}
            </span>
            {canResume(e) ? (
              <button
                type="button"
                className="small primary"
                onClick={() => onResume(e)}
                title="Runs it again; what was already paid for is not paid again"
              >
                Resume
              </button>
            ) : (
              <span className="muted" title="Its segment is not in this project">
                open its project to resume
              </span>
            )}
            <button type="button" className="small" onClick={() => onDismiss(e)} aria-label="Dismiss">
              ×
            </button>
          </div>
        )
      })}
    </section>
  )
}
