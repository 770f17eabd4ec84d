import { describe, expect, it } from 'vitest'
import {
  type Batch,
  batchProgress,
  batchReducer,
  entryError,
  entryState,
  etaText,
  proposeBatch,
} from '../../../../../renderer/src/features/generate/batch'
import { totalCost } from '../../../../../shared/domain/generation'
import type { JobUpdate } from '../../../../../shared/domain/job'
import { DEFAULT_GENERATION, type Take } from '../../../../../shared/domain/project'
import { attached, segment, twoClipProject } from '../../fixtures'
import { info } from '../../providerFixtures'

const take: Take = {
  id: 't',
  provider: 'fal',
  seed: 1,
  path: '/t.wav',
  durationSec: 2,
  requestIds: [],
  createdAt: 'now',
  mix: { gainDb: 0, fadeInMs: 0, fadeOutMs: 0, nudgeMs: 0, muted: false, solo: false },
}
const noCuts = () => []

describe('which segments "Generate all" takes', () => {
  const project = twoClipProject({
    segments: [
      attached('late', 'b', 1, 3), // shows at 7–9
      attached('early', 'a', 0, 2), // shows at 0–2
      { ...attached('taken', 'a', 3, 5), takes: [take], activeTakeId: 't' },
      { ...segment('bed', 8, 12, 1), params: { ...DEFAULT_GENERATION, textOnly: true } }, // no prompt
      segment('across', 5, 7, 2), // over the cut A|B: no single picture
    ],
  })

  it('every segment without a take, in timeline order; those that cannot be asked for are left out with why', () => {
    const { items, skipped } = proposeBatch(project, [info('fal')], { kind: 'untaken' }, noCuts)
    expect(items.map((i) => [i.segmentId, i.label])).toEqual([
      ['early', '0:00.00 – 0:02.00'],
      ['late', '0:07.00 – 0:09.00'],
    ])
    expect(items[0]!.request).toMatchObject({
      segmentId: 'early',
      source: { path: '/media/a.mp4', inSec: 0, outSec: 2 },
    })
    expect(skipped.map((s) => [s.segmentId, s.message])).toEqual([
      ['across', expect.stringContaining('spans a cut')],
      ['bed', 'Text-only generation needs a prompt: describe the sound.'],
    ])
  })

  it('over the selected clip: its segments, takes or not; the cuts inside a range go with the request', () => {
    const { items, skipped } = proposeBatch(project, [info('fal')], { kind: 'clip', clipId: 'A' }, (id) =>
      id === 'a' ? [1, 4] : [],
    )
    expect(items.map((i) => i.segmentId)).toEqual(['early', 'taken'])
    expect(skipped.map((s) => s.segmentId)).toEqual(['across']) // over A too, but across its cut
    expect(items[0]!.request.source).toEqual({ path: '/media/a.mp4', inSec: 0, outSec: 2, cutsSec: [1] })
  })

  it('no provider with a key: everything is left out with the sentence to set one', () => {
    const { items, skipped } = proposeBatch(project, [info('fal', false)], { kind: 'untaken' }, noCuts)
    expect(items).toEqual([])
    expect(skipped[0]!.message).toMatch(/Settings/)
  })

  it('the total adds calls and seconds; the price is unknown when any part has none', () => {
    const a = { calls: 3, chunks: 1, billedSec: 24, usd: 0.024 }
    const b = { calls: 2, chunks: 2, billedSec: 16, usd: 0.016 }
    expect(totalCost([a, b])).toEqual({ calls: 5, chunks: 3, billedSec: 40, usd: expect.closeTo(0.04, 9) })
    expect(totalCost([a, { ...b, usd: null }]).usd).toBeNull()
  })
})

describe('a batch as it runs', () => {
  const items = ['s1', 's2', 's3', 's4'].map((segmentId) => ({
    segmentId,
    label: segmentId,
    request: { segmentId, params: DEFAULT_GENERATION, durationSec: 2 },
  }))
  const update = (jobId: string, over: Partial<JobUpdate>): JobUpdate => ({
    jobId,
    kind: 'generate',
    status: 'running',
    stage: 'generating',
    progress: 0,
    ...over,
  })
  const started = (): Batch => {
    let b = batchReducer(null, { type: 'started', items, nowMs: 0 })
    for (const [i, it] of items.entries())
      b = batchReducer(b, { type: 'jobStarted', segmentId: it.segmentId, jobId: `j${i + 1}` })
    return b!
  }

  it('overall progress: segments done of the total, the mean of their own progress, and an ETA at the pace so far', () => {
    let b: Batch | null = started()
    b = batchReducer(b, { type: 'updated', update: update('j1', { status: 'succeeded', progress: 1 }) })
    b = batchReducer(b, { type: 'updated', update: update('j2', { progress: 0.5 }) })
    b = batchReducer(b, { type: 'updated', update: update('other', { progress: 0.9 }) }) // not in the batch
    const p = batchProgress(b!, 30_000)
    expect(p).toMatchObject({ done: 1, failed: 0, total: 4, running: true, progress: 0.375 })
    expect(p.etaSec).toBeCloseTo(50, 6) // 30 s for 37.5 %: 50 s for the rest
    expect(etaText(p.etaSec!)).toBe('about 50 s left')
    expect(etaText(80)).toBe('about 1 min 20 s left')
  })

  it('failures keep their sentences; Retry failed sends those again and the ETA goes by the new round', () => {
    let b: Batch | null = started()
    const error = { code: 'PROVIDER_FAILED' as const, message: 'fal.ai could not generate this chunk.' }
    b = batchReducer(b, { type: 'updated', update: update('j1', { status: 'succeeded', progress: 1 }) })
    b = batchReducer(b, { type: 'updated', update: update('j2', { status: 'failed', error }) })
    b = batchReducer(b, { type: 'refused', segmentId: 's3', error: { code: 'BAD_INPUT', message: 'No key.' } })
    b = batchReducer(b, { type: 'updated', update: update('j4', { status: 'cancelled' }) })
    expect(b!.entries.map(entryState)).toEqual(['done', 'failed', 'failed', 'cancelled'])
    expect(entryError(b!.entries[1]!)).toEqual(error)
    expect(batchProgress(b!, 5000)).toMatchObject({ done: 1, failed: 2, cancelled: 1, running: false, etaSec: null })

    b = batchReducer(b, { type: 'retrying', segmentIds: ['s2', 's3'], nowMs: 10_000 })
    expect(b!.entries.map(entryState)).toEqual(['done', 'starting', 'starting', 'cancelled'])
    b = batchReducer(b, { type: 'jobStarted', segmentId: 's2', jobId: 'j5' })
    b = batchReducer(b, { type: 'updated', update: update('j5', { progress: 0.5 }) })
    // The new round is s2 (half done) and s3 (not started): 25 % in 10 s → 30 s left.
    expect(batchProgress(b!, 20_000).etaSec).toBeCloseTo(30, 6)
  })
})
