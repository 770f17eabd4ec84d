// Export: a preset (an MP4, stems, or the hand-off pack "For your editor"), a destination from the save dialog (a
// folder for the pack), then progress (stage, %, ETA) with Cancel, and at the end the measured loudness (or what
// the pack holds) and "Show in folder" — or main's sentence and what to do about it.
import { useEffect, useRef } from 'react'
import { Modal } from '../../components/Modal'
import { EXPORT_PRESET_IDS, EXPORT_PRESETS } from '../../../../shared/domain/export'
import { handoffFolderName } from '../../../../shared/domain/fileNames'
import type { Project } from '../../../../shared/domain/project'
import { errorText } from '../../lib/errorText'
import {
  choiceDetail,
  etaText,
  HANDOFF,
  packLines,
  resultLines,
  resultWarnings,
  stageText,
  type ExportChoice,
} from './exportFlow'
import { useExport } from './useExport'
import '../project/project.css'
import './export.css'

/** The MP4 and stems presets, then the hand-off pack. */
const CHOICES: readonly ExportChoice[] = [...EXPORT_PRESET_IDS, HANDOFF]

export function ExportDialog({ project, onClose }: { project: Project; onClose: () => void }) {
  const ex = useExport(project)
  const { preset, destination, phase } = ex.state
  const busy = phase.kind === 'starting' || phase.kind === 'running'
  const ref = useRef<HTMLDivElement>(null)
  useEffect(() => ref.current?.focus(), [])
  // Escape with the focus outside the dialog (a button that disabled itself drops focus to the body). One
  // listener for the dialog's life: one swapped while a key is dispatched (another handler re-rendering the
  // app) would miss that key.
  const closing = useRef({ busy, onClose })
  closing.current = { busy, onClose }
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => e.key === 'Escape' && !closing.current.busy && closing.current.onClose()
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [])

  const update = phase.kind === 'running' ? phase.update : null
  const progress = update?.progress ?? null // whole-job progress from main
  const failure = phase.kind === 'failed' ? errorText(phase.error) : null
  const packing = preset === HANDOFF
  const finished = phase.kind === 'done' || phase.kind === 'packed'
  return (
    <Modal labelledBy="export-title" className="export-dialog" onClose={onClose} canClose={!busy} dialogRef={ref}>
      <h2 id="export-title">Export</h2>
      <fieldset className="export-presets" disabled={busy}>
        <legend>Preset</legend>
        {CHOICES.map((id) => (
          <label
            key={id}
            className={`export-preset${preset === id ? ' chosen' : ''}${id === HANDOFF ? ' export-handoff' : ''}`}
          >
            <input type="radio" name="export-preset" checked={preset === id} onChange={() => ex.choosePreset(id)} />
            <span className="export-preset-name">
              {id === HANDOFF ? 'For your editor (hand-off pack)' : EXPORT_PRESETS[id].label}
            </span>
            <span className="export-preset-detail">{choiceDetail(id)}</span>
          </label>
        ))}
      </fieldset>
      <div className="export-destination">
        <span className="field-label">{packing ? 'Folder' : 'Destination'}</span>
        <span className="export-path" title={destination ?? undefined} data-testid="export-destination">
          {destination ?? 'Chosen when you export'}
        </span>
        <button type="button" className="small" onClick={() => void ex.chooseDestination()} disabled={busy}>
          Choose…
        </button>
      </div>
      {packing && (
        <p className="export-note" data-testid="handoff-folder-note">
          The pack goes into a folder “{handoffFolderName(project.name)}” inside it: FCPXML, Premiere XML, OTIO and MLT
          timelines, Sound/ and Stems/ as Broadcast WAV, and a README on importing.
        </p>
      )}

      {busy && (
        <div className="export-progress" aria-live="polite">
          <div className="export-stage">
            {phase.kind === 'running' && phase.cancelling
              ? 'Cancelling…'
              : update
                ? stageText(update.stage, preset)
                : 'Starting…'}
            {progress !== null && <span className="export-percent">{Math.round(progress * 100)}%</span>}
            {update && etaText(update.etaSec) && <span className="export-eta">{etaText(update.etaSec)}</span>}
          </div>
          <div
            className="progress-bar"
            role="progressbar"
            aria-valuemin={0}
            aria-valuemax={100}
            aria-valuenow={progress === null ? undefined : Math.round(progress * 100)}
          >
            <div
              className={progress === null ? 'indeterminate' : undefined}
              style={{ width: `${Math.round((progress ?? 0.3) * 100)}%` }}
            />
          </div>
        </div>
      )}
      {phase.kind === 'done' && (
        <div className="export-done" role="status">
          <p className="export-ok">
            Exported {phase.result.paths.length > 1 ? `${phase.result.paths.length} files` : 'to'}
          </p>
          <ul className="export-paths">
            {phase.result.paths.map((p) => (
              <li key={p}>{p}</li>
            ))}
          </ul>
          <ul className="export-facts">
            {resultLines(phase.result, phase.preset).map((l) => (
              <li key={l}>{l}</li>
            ))}
          </ul>
          {resultWarnings(phase.result, phase.preset).map((w) => (
            <p key={w} className="export-warning" role="alert">
              {w}
            </p>
          ))}
        </div>
      )}
      {phase.kind === 'packed' && (
        <div className="export-done" role="status">
          <p className="export-ok">Hand-off pack written to</p>
          <ul className="export-paths">
            <li>{phase.result.folder}</li>
          </ul>
          <ul className="export-facts">
            {packLines(phase.result).map((l) => (
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
        {(phase.kind === 'done' || phase.kind === 'packed') && (
          <button
            type="button"
            className="primary"
            onClick={() => ex.showInFolder(phase.kind === 'done' ? phase.result.paths[0]! : phase.result.folder)}
          >
            Show in folder
          </button>
        )}
        {!busy && !finished && (
          <button
            type="button"
            className="primary"
            onClick={() => void ex.start()}
            disabled={project.clips.length === 0}
            title={project.clips.length === 0 ? 'Add a clip to the timeline first' : undefined}
          >
            {!destination
              ? phase.kind === 'failed'
                ? 'Choose another file…'
                : 'Export…'
              : phase.kind === 'setup'
                ? 'Export'
                : 'Try again'}
          </button>
        )}
        <span className="spacer" />
        {busy ? (
          <button type="button" onClick={ex.cancel} disabled={phase.kind !== 'running' || phase.cancelling}>
            Cancel
          </button>
        ) : (
          <button type="button" onClick={onClose}>
            {finished ? 'Done' : 'Close'}
          </button>
        )}
      </div>
    </Modal>
  )
}
