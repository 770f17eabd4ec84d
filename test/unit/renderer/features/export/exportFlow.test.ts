// The export dialog's state: a job's updates move it from starting to running to done, failed or cancelled;
// updates of other jobs are ignored; one that beats export:start's answer is not lost; a preset with another
// container forgets the destination (main writes only where the save dialog said).
import { describe, expect, it } from 'vitest'
import type { JobUpdate } from '../../../../../shared/domain/job'
import {
  defaultFileName,
  etaText,
  exportReducer,
  initialExportState,
  HANDOFF,
  packLines,
  resultLines,
  resultWarnings,
  type ExportEvent,
  type ExportState,
} from '../../../../../renderer/src/features/export/exportFlow'

const update = (jobId: string, patch: Partial<JobUpdate> = {}): JobUpdate => ({
  jobId,
  kind: 'export',
  status: 'running',
  stage: 'measuring',
  progress: 0.5,
  ...patch,
})
const run = (...events: ExportEvent[]): ExportState => events.reduce(exportReducer, initialExportState())
const ready: ExportEvent[] = [{ type: 'destinationChosen', path: '/out/film.mp4' }, { type: 'starting' }]
const result = { paths: ['/out/film.mp4'], durationSec: 6, videoCopied: true, integratedLufs: -14.04, truePeakDbtp: -1.2 }

describe('the export dialog state', () => {
  it('runs through a job: running with its stage, then done with the result', () => {
    const running = run(...ready, { type: 'started', jobId: 'j1' }, { type: 'jobUpdated', update: update('j1') })
    expect(running.phase).toMatchObject({ kind: 'running', jobId: 'j1', update: { stage: 'measuring' } })
    const done = exportReducer(running, { type: 'jobUpdated', update: update('j1', { status: 'succeeded', stage: 'finishing', progress: 1, exportResult: result }) })
    expect(done.phase).toEqual({ kind: 'done', result, preset: 'web' })
  })

  it('ignores updates of other jobs and of generations', () => {
    const s = run(...ready, { type: 'started', jobId: 'j1' })
    expect(exportReducer(s, { type: 'jobUpdated', update: update('j2', { status: 'failed' }) })).toBe(s)
    expect(exportReducer(s, { type: 'jobUpdated', update: update('j1', { kind: 'generate' }) })).toBe(s)
  })

  it('keeps an update that arrives before export:start answers with the job id', () => {
    const s = run(...ready, { type: 'jobUpdated', update: update('j1', { stage: 'encoding', progress: 0.2 }) }, { type: 'started', jobId: 'j1' })
    expect(s.phase).toMatchObject({ kind: 'running', update: { stage: 'encoding' } })
  })

  it('a failure carries main’s error; a cancel (or CANCELLED failure) ends as cancelled', () => {
    const error = { code: 'DISK_FULL' as const, message: 'The disk is full.' }
    const started = run(...ready, { type: 'started', jobId: 'j1' })
    expect(exportReducer(started, { type: 'jobUpdated', update: update('j1', { status: 'failed', error }) }).phase).toEqual({ kind: 'failed', error })
    const cancelling = exportReducer(started, { type: 'cancelRequested' })
    expect(cancelling.phase).toMatchObject({ kind: 'running', cancelling: true })
    const cancelled = exportReducer(cancelling, { type: 'jobUpdated', update: update('j1', { status: 'failed', error: { code: 'CANCELLED', message: 'x' } }) })
    expect(cancelled.phase).toEqual({ kind: 'cancelled' })
    expect(run(...ready, { type: 'startFailed', error }).phase).toEqual({ kind: 'failed', error })
  })

  it('a refused destination (the source, no permission) is forgotten, so the next try asks for another', () => {
    const started = run(...ready, { type: 'started', jobId: 'j1' })
    const refused = exportReducer(started, { type: 'jobUpdated', update: update('j1', { status: 'failed', error: { code: 'DESTINATION_IS_SOURCE', message: 'x' } }) })
    expect(refused.destination).toBeNull()
    const full = exportReducer(started, { type: 'jobUpdated', update: update('j1', { status: 'failed', error: { code: 'DISK_FULL', message: 'x' } }) })
    expect(full.destination).toBe('/out/film.mp4')
  })

  it('cannot start without a destination; preset and destination are fixed while a job runs', () => {
    expect(run({ type: 'starting' }).phase.kind).toBe('setup')
    const s = run(...ready, { type: 'started', jobId: 'j1' })
    expect(exportReducer(s, { type: 'presetChosen', preset: 'podcast' })).toBe(s)
    expect(exportReducer(s, { type: 'destinationChosen', path: '/x.mp4' })).toBe(s)
  })

  it('switching to stems (WAV) or the hand-off (a folder) forgets an MP4 destination; between MP4 presets it stays', () => {
    const chosen = run({ type: 'destinationChosen', path: '/out/film.mp4' })
    expect(exportReducer(chosen, { type: 'presetChosen', preset: 'youtube' }).destination).toBe('/out/film.mp4')
    expect(exportReducer(chosen, { type: 'presetChosen', preset: 'original' }).destination).toBe('/out/film.mp4')
    expect(exportReducer(chosen, { type: 'presetChosen', preset: 'stems' }).destination).toBeNull()
    expect(exportReducer(chosen, { type: 'presetChosen', preset: HANDOFF }).destination).toBeNull()
  })

  it('the hand-off: its job ends with the pack; a folder refused for the person’s files is forgotten', () => {
    const packing = run({ type: 'presetChosen', preset: HANDOFF }, { type: 'destinationChosen', path: '/out' }, { type: 'starting' }, { type: 'started', jobId: 'h1' })
    const pack = { folder: '/out/Film hand-off', files: ['/out/Film hand-off/Film.fcpxml'], soundFiles: 3, stems: 4, durationSec: 9.5 }
    const done = exportReducer(packing, { type: 'jobUpdated', update: update('h1', { kind: 'handoff', status: 'succeeded', stage: 'finishing', progress: 1, handoffResult: pack }) })
    expect(done.phase).toEqual({ kind: 'packed', result: pack })
    const refused = exportReducer(packing, { type: 'jobUpdated', update: update('h1', { kind: 'handoff', status: 'failed', error: { code: 'BAD_INPUT', message: 'x', field: 'folder' } }) })
    expect(refused.destination).toBeNull()
  })
})

describe('what the dialog says', () => {
  it('a default file name from the project with the preset’s extension', () => {
    expect(defaultFileName('Beach: take 2/final', 'web')).toBe('Beach take 2 final.mp4')
    expect(defaultFileName('  ', 'stems')).toBe('Untitled.wav')
  })

  it('ETA in words', () => {
    expect(etaText(7.4)).toBe('about 7 s left')
    expect(etaText(65)).toBe('about 1 min 05 s left')
    expect(etaText(undefined)).toBeNull()
  })

  it('the result: measured loudness against the target, true peak, stream copy', () => {
    expect(resultLines(result, 'web')).toEqual([
      'Loudness -14.0 LUFS integrated (target -14)',
      'True peak -1.2 dBTP (limit -1.0)',
      'Picture stream-copied: not re-encoded',
    ])
    expect(resultWarnings(result, 'web')).toEqual([])
  })

  it('original levels: loudness as it is; a true peak over 0 dBTP is a warning that the mix clips', () => {
    const quiet = { ...result, integratedLufs: -27.7, truePeakDbtp: -16.7 }
    expect(resultLines(quiet, 'original').slice(0, 2)).toEqual(['Loudness -27.7 LUFS integrated (not normalised)', 'True peak -16.7 dBTP'])
    expect(resultWarnings(quiet, 'original')).toEqual([])
    expect(resultWarnings({ ...result, truePeakDbtp: 2.34 }, 'original')).toEqual([
      'The mix clips: its peaks reach +2.3 dBTP, above full scale. Lower the gain of the loudest takes, or export with a normalised preset.',
    ])
  })

  it('a pack in words', () => {
    expect(packLines({ folder: '/p', files: ['/p/a'], soundFiles: 1, stems: 3, durationSec: 2 })[1]).toBe('1 sound file as Broadcast WAV, each at its timecode; 3 stems')
  })
})
