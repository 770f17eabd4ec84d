// The export dialog's state, pure: what to make (an MP4 or stems preset, or the hand-off pack for an editor) and
// where, then the job from start to its end (done, failed or cancelled), with the words and numbers the dialog
// shows. Job updates are matched to the job by id; one that arrives before the start has answered with the id is
// kept until it does.
import type { AppErrorData } from '../../../../shared/domain/errors'
import { EXPORT_PRESETS, type ExportPresetId, type ExportResult } from '../../../../shared/domain/export'
import { safeFileName } from '../../../../shared/domain/fileNames'
import type { HandoffResult } from '../../../../shared/domain/handoff'
import type { JobStage, JobUpdate } from '../../../../shared/domain/job'

/** "For your editor": the hand-off pack, chosen beside the presets. */
export const HANDOFF = 'handoff'
export type ExportChoice = ExportPresetId | typeof HANDOFF

/** What the destination is: an MP4 or WAV name from the save dialog, or a folder for the pack. */
export function destinationKind(choice: ExportChoice): 'mp4' | 'wav' | 'folder' {
  return choice === HANDOFF ? 'folder' : EXPORT_PRESETS[choice].container
}

export type ExportPhase =
  | { kind: 'setup' }
  | { kind: 'starting' }
  | { kind: 'running'; jobId: string; update: JobUpdate | null; cancelling: boolean }
  /** An MP4 or stems written with this preset. */
  | { kind: 'done'; result: ExportResult; preset: ExportPresetId }
  | { kind: 'packed'; result: HandoffResult }
  | { kind: 'failed'; error: AppErrorData }
  | { kind: 'cancelled' }

export interface ExportState {
  preset: ExportChoice
  /** Chosen in the save (or folder) dialog for this choice's kind of destination; main writes only there. */
  destination: string | null
  phase: ExportPhase
  /** Export updates seen while starting, by job id. */
  early: Record<string, JobUpdate>
}

export type ExportEvent =
  | { type: 'presetChosen'; preset: ExportChoice }
  | { type: 'destinationChosen'; path: string }
  | { type: 'starting' }
  | { type: 'started'; jobId: string }
  | { type: 'startFailed'; error: AppErrorData }
  | { type: 'jobUpdated'; update: JobUpdate }
  | { type: 'cancelRequested' }
  | { type: 'backToSetup' }

export function initialExportState(preset: ExportChoice = 'web'): ExportState {
  return { preset, destination: null, phase: { kind: 'setup' }, early: {} }
}

/** What an update means for the dialog: still running, or how the job ended. */
function phaseFor(jobId: string, update: JobUpdate, cancelling: boolean, choice: ExportChoice): ExportPhase {
  switch (update.status) {
    case 'running':
      return { kind: 'running', jobId, update, cancelling }
    case 'succeeded':
      if (update.handoffResult) return { kind: 'packed', result: update.handoffResult }
      return update.exportResult && choice !== HANDOFF
        ? { kind: 'done', result: update.exportResult, preset: choice }
        : { kind: 'failed', error: { code: 'INTERNAL', message: 'The export finished without saying what it wrote.' } }
    case 'cancelled':
      return { kind: 'cancelled' }
    case 'failed':
      return update.error?.code === 'CANCELLED'
        ? { kind: 'cancelled' }
        : { kind: 'failed', error: update.error ?? { code: 'INTERNAL', message: 'The export failed.' } }
  }
}

/** Failures that are about where the file goes: the next try asks for another destination. */
function destinationRefused(error: AppErrorData): boolean {
  return error.field === 'destinationPath' || error.field === 'folder' || ['DESTINATION_IS_SOURCE', 'PERMISSION_DENIED'].includes(error.code)
}

export function exportReducer(state: ExportState, event: ExportEvent): ExportState {
  const next = step(state, event)
  if (next.phase.kind === 'failed' && next.phase !== state.phase && destinationRefused(next.phase.error)) {
    return { ...next, destination: null }
  }
  return next
}

function step(state: ExportState, event: ExportEvent): ExportState {
  const { phase } = state
  const busy = phase.kind === 'starting' || phase.kind === 'running'
  switch (event.type) {
    case 'presetChosen': {
      if (busy || event.preset === state.preset) return state
      const sameContainer = destinationKind(event.preset) === destinationKind(state.preset)
      return { ...state, preset: event.preset, destination: sameContainer ? state.destination : null, phase: { kind: 'setup' } }
    }
    case 'destinationChosen':
      return busy ? state : { ...state, destination: event.path, phase: { kind: 'setup' } }
    case 'starting':
      return busy || !state.destination ? state : { ...state, phase: { kind: 'starting' }, early: {} }
    case 'started': {
      if (phase.kind !== 'starting') return state
      const early = state.early[event.jobId]
      return { ...state, early: {}, phase: early ? phaseFor(event.jobId, early, false, state.preset) : { kind: 'running', jobId: event.jobId, update: null, cancelling: false } }
    }
    case 'startFailed':
      return phase.kind === 'starting' ? { ...state, phase: { kind: 'failed', error: event.error } } : state
    case 'jobUpdated': {
      const { update } = event
      if (update.kind === 'generate') return state
      if (phase.kind === 'starting') return { ...state, early: { ...state.early, [update.jobId]: update } }
      if (phase.kind !== 'running' || update.jobId !== phase.jobId) return state
      return { ...state, phase: phaseFor(phase.jobId, update, phase.cancelling, state.preset) }
    }
    case 'cancelRequested':
      return phase.kind === 'running' ? { ...state, phase: { ...phase, cancelling: true } } : state
    case 'backToSetup':
      return busy ? state : { ...state, phase: { kind: 'setup' } }
  }
}

/** A file name from the project's name, with the preset's extension. */
export function defaultFileName(projectName: string, preset: ExportPresetId): string {
  return `${safeFileName(projectName, 'Untitled', 200)}.${EXPORT_PRESETS[preset].container}`
}

const STAGE_WORDS: Partial<Record<JobStage, string>> = {
  preparing: 'Preparing',
  mixing: 'Mixing',
  measuring: 'Mixing and measuring loudness',
  encoding: 'Encoding',
  finishing: 'Checking the result',
}


/** What a hand-off pack's stages are doing. */
const PACK_STAGE_WORDS: Partial<Record<JobStage, string>> = {
  encoding: 'Writing the sound files and stems',
  finishing: 'Writing the timelines',
}

export function stageText(stage: JobStage, choice?: ExportChoice): string {
  return (choice === HANDOFF ? PACK_STAGE_WORDS[stage] : undefined) ?? STAGE_WORDS[stage] ?? 'Working'
}


export function etaText(etaSec: number | undefined): string | null {
  if (etaSec === undefined || !Number.isFinite(etaSec)) return null
  const s = Math.max(1, Math.round(etaSec))
  if (s < 60) return `about ${s} s left`
  return `about ${Math.floor(s / 60)} min ${String(s % 60).padStart(2, '0')} s left`
}

/** The result in words: loudness and peak as measured, and whether the picture was copied untouched. */
export function resultLines(result: ExportResult, preset: ExportPresetId): string[] {
  const p = EXPORT_PRESETS[preset]
  const lines: string[] = []
  if (result.integratedLufs !== null) {
    lines.push(`Loudness ${result.integratedLufs.toFixed(1)} LUFS integrated${p.targetLufs !== null ? ` (target ${p.targetLufs})` : ' (not normalised)'}`)
  }
  if (result.truePeakDbtp !== null) {
    lines.push(`True peak ${result.truePeakDbtp.toFixed(1)} dBTP${p.targetLufs !== null ? ` (limit ${p.truePeakDbtp.toFixed(1)})` : ''}`)
  }
  if (p.container === 'mp4') {
    lines.push(result.videoCopied ? 'Picture stream-copied: not re-encoded' : 'Picture re-encoded (H.264): the timeline joins or trims clips')
  }
  return lines
}

/** Above 0 dBTP a player's converter clips: said when a preset without a limiter let the mix go there. */
export function resultWarnings(result: ExportResult, preset: ExportPresetId): string[] {
  const p = EXPORT_PRESETS[preset]
  if (p.targetLufs !== null || result.truePeakDbtp === null || result.truePeakDbtp <= 0) return []
  return [
    `The mix clips: its peaks reach +${result.truePeakDbtp.toFixed(1)} dBTP, above full scale. Lower the gain of the loudest takes, or export with a normalised preset.`,
  ]
}

/** What a hand-off pack holds, in words. */
export function packLines(result: HandoffResult): string[] {
  const files = (n: number, one: string) => `${n} ${one}${n === 1 ? '' : 's'}`
  return [
    'Timelines: FCPXML 1.10 (Final Cut Pro, Resolve), Premiere XML, OpenTimelineIO, MLT (Shotcut)',
    `${files(result.soundFiles, 'sound file')} as Broadcast WAV, each at its timecode; ${files(result.stems, 'stem')}`,
    'README.txt in the pack says how to import it into each editor',
  ]
}

/** The line under a choice's name. */
export function choiceDetail(choice: ExportChoice): string {
  if (choice === HANDOFF) return 'Your timeline for Final Cut Pro, Premiere, Resolve, Shotcut or Kdenlive: every sound as a Broadcast WAV at its timecode, stems, a README'
  return presetDetail(choice)
}

export function presetDetail(preset: ExportPresetId): string {
  const p = EXPORT_PRESETS[preset]
  if (p.container === 'wav') return 'Mix, generated-only and original-only WAV files, 48 kHz 24-bit, not normalised'
  if (p.targetLufs === null) return `MP4 · AAC ${p.audioBitrateKbps} kbps · levels as mixed: no normalisation, no limiter`
  return `MP4 · AAC ${p.audioBitrateKbps} kbps · ${p.targetLufs} LUFS · true peak ≤ ${p.truePeakDbtp} dBTP`
}
