// "Generate all" at the top of the Inspector: every segment without a take (or every segment over the selected
// clip), its total cost and calls before anything is sent, then one overall progress with each segment's own,
// Cancel all, and the failures with their sentences and Retry failed.
import type { Project } from '../../../../shared/domain/project'
import { errorText } from '../../lib/errorText'
import type { Selection } from '../../state/editor'
import { jobStageText } from '../jobs/jobText'
import { type BatchScope, batchProgress, entryError, entryState, etaText } from './batch'
import { costText } from './costText'
import type { GenerateAll as GenerateAllState } from './useGenerateAll'

interface Props {
  project: Project
  selection: Selection
  all: GenerateAllState
  /** Providers are known (the proposal needs them). */
  ready: boolean
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`

function scopeOf(project: Project, selection: Selection): { scope: BatchScope; words: string } {
  const clip = selection?.kind === 'clip' ? project.clips.find((c) => c.id === selection.id) : undefined
  if (!clip) return { scope: { kind: 'untaken' }, words: 'every segment without a take' }
  const name = project.assets.find((a) => a.id === clip.assetId)?.name ?? 'the selected clip'
  return { scope: { kind: 'clip', clipId: clip.id }, words: `every segment over ${name}` }
}

export function GenerateAll({ project, selection, all, ready }: Props) {
  const { batch, confirming } = all
  if (batch) return <BatchView all={all} />
  if (confirming) {
    const n = confirming.items.length
    return (
      <section className="generate-all" aria-label="Generate all">
        <div className="section-title">Generate all</div>
        {n === 0 ? (
          <p className="muted" data-testid="batch-cost">
            Nothing to generate.
          </p>
        ) : (
          <p data-testid="batch-cost">
            {plural(n, 'segment')}: {confirming.total ? costText(confirming.total) : ''}
          </p>
        )}
        {confirming.skipped.length > 0 && (
          <ul className="batch-skipped" aria-label="Left out">
            {confirming.skipped.map((s) => (
              <li key={s.segmentId}>
                {s.label}: {s.message}
              </li>
            ))}
          </ul>
        )}
        <div className="field-row">
          {n > 0 && (
            <button type="button" className="primary" onClick={all.confirm}>
              Generate {plural(n, 'segment')}
            </button>
          )}
          <button type="button" onClick={all.cancelConfirm}>
            {n > 0 ? 'Cancel' : 'Close'}
          </button>
        </div>
      </section>
    )
  }
  const { scope, words } = scopeOf(project, selection)
  return (
    <section className="generate-all" aria-label="Generate all">
      <button
        type="button"
        disabled={!ready || all.preparing || project.segments.length === 0}
        onClick={() => void all.prepare(scope)}
        title={`Generate ${words} in one go; the total cost is shown before anything is sent`}
      >
        {all.preparing ? 'Estimating…' : 'Generate all…'}
      </button>
    </section>
  )
}

function BatchView({ all }: { all: GenerateAllState }) {
  const batch = all.batch!
  const p = batchProgress(batch, all.nowMs)
  const pct = Math.round(p.progress * 100)
  const failures = batch.entries.filter((e) => entryState(e) === 'failed')
  const summary = [
    `${p.done} / ${p.total} segments done`,
    p.failed ? `${p.failed} failed` : '',
    p.cancelled ? `${p.cancelled} cancelled` : '',
    p.running && p.etaSec !== null ? etaText(p.etaSec) : '',
  ]
    .filter(Boolean)
    .join(' · ')
  return (
    <section className="generate-all" aria-label="Generate all">
      <div className="section-title">Generate all</div>
      <div className="job-line">
        <span className="job-stage" data-testid="batch-summary" role="status">
          {summary}
        </span>
        {p.running ? (
          <button type="button" className="small" onClick={all.cancelAll}>
            Cancel all
          </button>
        ) : (
          <button type="button" className="small" onClick={all.dismiss} aria-label="Close Generate all">
            ×
          </button>
        )}
      </div>
      <div
        className="job-bar"
        role="progressbar"
        aria-label="Generate all"
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={pct}
      >
        <div className="job-bar-fill" style={{ width: `${pct}%` }} />
      </div>
      <ul className="batch-entries">
        {batch.entries.map((e) => {
          const state = entryState(e)
          const error = entryError(e)
          const words = error ? 'Failed' : e.update ? jobStageText(e.update) : 'Starting'
          return (
            <li key={e.segmentId} className={`batch-entry ${state}`} data-testid="batch-entry" data-state={state}>
              <span className="batch-label">{e.label}</span>
              <span className="job-stage">{words}</span>
              {state === 'running' && (
                <span className="batch-bar" aria-hidden>
                  <span style={{ width: `${Math.round((e.update?.progress ?? 0) * 100)}%` }} />
                </span>
              )}
            </li>
          )
        })}
      </ul>
      {failures.length > 0 && (
        <div className="batch-failures" role="alert">
          {failures.map((e) => {
            const text = errorText(entryError(e)!)
            return (
              <div key={e.segmentId} className="job-error" data-testid="batch-failure">
                <div>
                  {e.label}: {text.message}
                </div>
                {text.next && <div className="job-next">{text.next}</div>}
              </div>
            )
          })}
          {!p.running && (
            <button type="button" className="primary" onClick={all.retryFailed}>
              Retry failed
            </button>
          )}
        </div>
      )}
    </section>
  )
}
