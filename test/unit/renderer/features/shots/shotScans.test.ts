import { describe, expect, it } from 'vitest'
import {
  NO_SCANS,
  type ShotScansAction,
  scansToDrop,
  scansToStart,
  shotScansReducer,
} from '../../../../../renderer/src/features/shots/shotScans'
import type { JobUpdate } from '../../../../../shared/domain/job'
import { twoClipProject } from '../../fixtures'

const run = (...actions: ShotScansAction[]) => actions.reduce(shotScansReducer, NO_SCANS)
const analysis = { durationSec: 10, changes: [{ timeSec: 3, score: 30 }], blacks: [], flashes: [] }
const update = (jobId: string, over: Partial<JobUpdate> = {}): JobUpdate => ({
  jobId,
  kind: 'shots',
  status: 'running',
  stage: 'measuring',
  progress: 0.5,
  ...over,
})

describe('shot scans', () => {
  it('asked, running with progress, then done with the analysis', () => {
    const s = run(
      { type: 'requested', assetId: 'a' },
      { type: 'started', assetId: 'a', jobId: 'j' },
      { type: 'updated', update: update('j', { progress: 0.4 }) },
    )
    expect(s.byAsset.a).toEqual({ status: 'running', jobId: 'j', progress: 0.4 })
    const done = shotScansReducer(s, {
      type: 'updated',
      update: update('j', { status: 'succeeded', progress: 1, shotsResult: { assetId: 'a', analysis } }),
    })
    expect(done.byAsset.a).toEqual({ status: 'done', analysis })
  })

  it('an end that arrives before the start has answered is kept and applied then', () => {
    const failed = update('j', { status: 'failed', error: { code: 'FFMPEG', message: 'ffmpeg failed: broken file' } })
    const s = run(
      { type: 'requested', assetId: 'a' },
      { type: 'updated', update: failed },
      { type: 'started', assetId: 'a', jobId: 'j' },
    )
    expect(s.byAsset.a).toEqual({ status: 'failed', message: 'ffmpeg failed: broken file' })
    expect(s.early).toEqual({})
  })

  it('a scan cancelled elsewhere is forgotten, so it is asked for again', () => {
    const s = run({ type: 'requested', assetId: 'a' }, { type: 'started', assetId: 'a', jobId: 'j' })
    const after = shotScansReducer(s, { type: 'updated', update: update('j', { status: 'cancelled' }) })
    expect(after.byAsset).toEqual({})
    expect(scansToStart(twoClipProject(), after)).toContain('a')
  })

  it('other jobs’ updates are not shots', () => {
    const s = run({ type: 'requested', assetId: 'a' }, { type: 'started', assetId: 'a', jobId: 'j' })
    expect(shotScansReducer(s, { type: 'updated', update: update('j', { kind: 'generate', progress: 0.9 }) })).toBe(s)
  })

  it('assets on the timeline are scanned once; a scan whose clips all left is dropped with its job id', () => {
    const p = twoClipProject()
    expect(scansToStart(p, NO_SCANS)).toEqual(['a', 'b'])
    const s = run(
      { type: 'requested', assetId: 'a' },
      { type: 'started', assetId: 'a', jobId: 'ja' },
      { type: 'requested', assetId: 'b' },
    )
    expect(scansToStart(p, s)).toEqual([])
    const withoutA = { clips: p.clips.filter((c) => c.assetId !== 'a') }
    expect(scansToDrop(withoutA, s)).toEqual([{ assetId: 'a', jobId: 'ja' }])
    const dropped = shotScansReducer(s, { type: 'dropped', assetId: 'a' })
    expect(scansToStart(withoutA, dropped)).toEqual([])
    expect(scansToStart(p, dropped)).toEqual(['a']) // placed again (undo): scanned again
  })
})
