// Export: a preset, a destination from the save dialog, then progress (stage, %, ETA) with Cancel, and at the
// end the measured loudness and "Show in folder" — or main's sentence and what to do about it.
import { useEffect, useRef } from 'react'
import { EXPORT_PRESET_IDS, EXPORT_PRESETS } from '../../../../shared/domain/export'
import type { Project } from '../../../../shared/domain/project'
import { errorText } from '../../lib/errorText'
import { etaText, presetDetail, resultLines, stageText } from './exportFlow'
import { useExport } from './useExport'
import '../project/project.css'
import './export.css'

export function ExportDialog({ project, onClose }: { project: Project; onClose: () => void }) {
  const ex = useExport(project)
  const { preset, destination, phase } = ex.state
  const busy = phase.kind === 'starting' || phase.kind === 'running'
  const ref = useRef<HTMLDivElement>(null)
  useEffect(() => ref.current?.focus(), [])
  // Escape with the focus outside the dialog (a button that disabled itself drops focus to the body). One
  // listener for the dialog's life: one swapped while a key is dispatched (another handler re-rendering the
  // app) would miss that key.
  const escape = useRef({ busy, onClose })
  escape.current = { busy, onClose }
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => e.key === 'Escape' && !escape.current.busy && escape.current.onClose()
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [])

  const update = phase.kind === 'running' ? phase.update : null
  const progress = update?.progress ?? null // whole-job progress from main
  const failure = phase.kind === 'failed' ? errorText(phase.error) : null
  return (
    <div className="modal-backdrop">
      <div
        className="modal export-dialog"
        role="dialog"
        aria-modal="true"
        aria-labelledby="export-title"
        tabIndex={-1}
        ref={ref}
        // Keys pressed in the dialog stay in it (S must not split a clip behind it, Escape must not deselect).
        onKeyDown={(e) => {
          e.stopPropagation()
          if (e.key === 'Escape' && !busy) onClose()
        }}
      >
        <h2 id="export-title">Export</h2>
        <fieldset className="export-presets" disabled={busy}>
          <legend>Preset</legend>
          {EXPORT_PRESET_IDS.map((id) => (
            <label key={id} className={`export-preset${preset === id ? ' chosen' : ''}`}>
              <input type="radio" name="export-preset" checked={preset === id} onChange={() => ex.choosePreset(id)} />
              <span className="export-preset-name">{EXPORT_PRESETS[id].label}</span>
              <span className="export-preset-detail">{presetDetail(id)}</span>
            </label>
          ))}
        </fieldset>
        <div className="export-destination">
          <span className="field-label">Destination</span>
          <span className="export-path" title={destination ?? undefined} data-testid="export-destination">
            {destination ?? 'Chosen when you export'}
          </span>
          <button className="small" onClick={() => void ex.chooseDestination()} disabled={busy}>
            Choose…
          </button>
        </div>

        {busy && (
          <div className="export-progress" aria-live="polite">
            <div className="export-stage">
              {phase.kind === 'running' && phase.cancelling ? 'Cancelling…' : update ? stageText(update.stage) : 'Starting…'}
              {progress !== null && <span className="export-percent">{Math.round(progress * 100)}%</span>}
              {update && etaText(update.etaSec) && <span className="export-eta">{etaText(update.etaSec)}</span>}
            </div>
            <div className="progress-bar" role="progressbar" aria-valuemin={0} aria-valuemax={100} aria-valuenow={progress === null ? undefined : Math.round(progress * 100)}>
              <div className={progress === null ? 'indeterminate' : undefined} style={{ width: `${Math.round((progress ?? 0.3) * 100)}%` }} />
            </div>
          </div>
        )}
        {phase.kind === 'done' && (
          <div className="export-done" role="status">
            <p className="export-ok">Exported {phase.result.paths.length > 1 ? `${phase.result.paths.length} files` : 'to'}</p>
            <ul className="export-paths">
              {phase.result.paths.map((p) => (
                <li key={p}>{p}</li>
              ))}
            </ul>
            <ul className="export-facts">
              {resultLines(phase.result, preset).map((l) => (
                <li key={l}>{l}</li>
              ))}
            </ul>
          </div>
        )}
        {phase.kind === 'cancelled' && <p className="export-note">Export cancelled. Nothing was written.</p>}
        {failure && (
          <div className="export-failed" role="alert">
            <p className="export-error">{failure.message}</p>
            {failure.next && <p className="export-next">{failure.next}</p>}
          </div>
        )}

        <div className="modal-actions export-actions">
          {phase.kind === 'done' && (
            <button className="primary" onClick={() => ex.showInFolder(phase.result.paths[0]!)}>
              Show in folder
            </button>
          )}
          {!busy && phase.kind !== 'done' && (
            <button className="primary" onClick={() => void ex.start()} disabled={project.clips.length === 0} title={project.clips.length === 0 ? 'Add a clip to the timeline first' : undefined}>
              {!destination ? (phase.kind === 'failed' ? 'Choose another file…' : 'Export…') : phase.kind === 'setup' ? 'Export' : 'Try again'}
            </button>
          )}
          <span className="spacer" />
          {busy ? (
            <button onClick={ex.cancel} disabled={phase.kind !== 'running' || phase.cancelling}>
              Cancel
            </button>
          ) : (
            <button onClick={onClose}>{phase.kind === 'done' ? 'Done' : 'Close'}</button>
          )}
        </div>
      </div>
    </div>
  )
}
