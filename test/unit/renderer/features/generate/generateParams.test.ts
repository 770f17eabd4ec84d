// What the Generate panel sends: the picture under a segment (or its length in text mode), and the settings
// each provider has, clamped to its ranges.
import { describe, expect, it } from 'vitest'
import { DEFAULT_GENERATION, DEFAULT_TAKE_MIX } from '../../../../../shared/domain/project'
import { takeOrigin } from '../../../../../renderer/src/features/takes/takeText'
import { costText } from '../../../../../renderer/src/features/generate/costText'
import {
  clampParams,
  controlsFor,
  effectiveProvider,
} from '../../../../../renderer/src/features/generate/providerParams'
import { generationRequest, segmentSource } from '../../../../../renderer/src/features/generate/segmentSource'
import { attached, clip, segment, twoClipProject } from '../../fixtures'
import { deleteClip, moveClip, splitClip, trimClip } from '../../../../../renderer/src/state/clipEdits'
import type { Project } from '../../../../../shared/domain/project'
import { CAPS, info } from '../../providerFixtures'
import type { JobUpdate } from '../../../../../shared/domain/job'
import { EMPTY_JOBS, jobsOfSegment, jobsReducer, unsettled } from '../../../../../renderer/src/features/jobs/jobState'
import { jobStageText } from '../../../../../renderer/src/features/jobs/jobText'

describe('the source of a segment', () => {
  // Clip A = a[0,6) at 0; clip B = b[0,4) at 6.
  it('maps the timeline range onto the clip under it: in = clip in + (segment start − clip start)', () => {
    const p = twoClipProject({ clips: [clip('A', 'a', 0, 2, 8), clip('B', 'b', 6, 0, 4)] })
    expect(segmentSource(p, segment('s', 1, 3.5))).toEqual({
      ok: true,
      source: { path: '/media/a.mp4', inSec: 3, outSec: 5.5 },
      attaches: true,
    })
    expect(segmentSource(p, segment('s', 7, 10))).toEqual({
      ok: true,
      source: { path: '/media/b.mp4', inSec: 1, outSec: 4 },
      attaches: true,
    })
  })

  it('a segment made from a picture asks for its own range of its file, wherever its clips are now', () => {
    const moved = twoClipProject({ clips: [clip('B', 'b', 0, 0, 4), clip('A', 'a', 9, 2, 5)] })
    expect(segmentSource(moved, attached('s', 'a', 3, 4.5))).toEqual({
      ok: true,
      source: { path: '/media/a.mp4', inSec: 3, outSec: 4.5 },
    })
    // even when no clip shows it now: the picture it belongs to is still the same
    const gone = twoClipProject({ clips: [clip('B', 'b', 0, 0, 4)] })
    expect(segmentSource(gone, attached('s', 'a', 3, 4.5))).toMatchObject({
      ok: true,
      source: { inSec: 3, outSec: 4.5 },
    })
    const lost = { ...gone, assets: gone.assets.filter((a) => a.id !== 'a') }
    expect(segmentSource(lost, attached('s', 'a', 3, 4.5))).toMatchObject({
      ok: false,
      message: expect.stringMatching(/no longer in the project/),
    })
  })

  it('after any clip edit a segment made from a picture asks for the very same request (so the cache answers it)', () => {
    const p0 = twoClipProject({ segments: [attached('s', 'b', 1, 3)] })
    const ask = (p: Project) => generationRequest(p, p.segments[0]!, DEFAULT_GENERATION, false)
    const edited = [
      moveClip(p0, 'B', 9),
      splitClip(p0, 'B', 7.5, 'B2'),
      trimClip(p0, 'B', 'start', 1.5),
      deleteClip(p0, 'A', true),
      deleteClip(p0, 'B'),
    ]
    for (const p of edited) expect(ask(p)).toEqual(ask(p0))
    expect(ask(p0)).toEqual({
      ok: true,
      request: { segmentId: 's', source: { path: '/media/b.mp4', inSec: 1, outSec: 3 }, params: DEFAULT_GENERATION },
    })
  })

  it('refuses a segment across a cut, naming both clips and where to split', () => {
    const r = segmentSource(twoClipProject(), segment('s', 5, 7))
    expect(r.ok).toBe(false)
    expect(!r.ok && r.message).toMatch(/spans a cut \(a\.mp4 → b\.mp4 at 0:06\.00\)\. Split it/)
  })

  it('refuses a segment over a gap or past the last clip, and offers text only', () => {
    const past = segmentSource(twoClipProject(), segment('s', 9, 12))
    expect(!past.ok && past.message).toMatch(/no picture under it.*text only/)
    const none = segmentSource(twoClipProject(), segment('s', 20, 22))
    expect(!none.ok && none.message).toMatch(/no picture under this segment/i)
  })

  it('text mode asks for the segment length and needs a prompt', () => {
    const seg = segment('s', 20, 24.5)
    expect(generationRequest(twoClipProject(), seg, DEFAULT_GENERATION, true)).toMatchObject({
      ok: false,
      message: expect.stringMatching(/needs a prompt/),
    })
    const r = generationRequest(twoClipProject(), seg, { ...DEFAULT_GENERATION, prompt: 'rain' }, true)
    expect(r).toEqual({
      ok: true,
      request: { segmentId: 's', durationSec: 4.5, params: { ...DEFAULT_GENERATION, prompt: 'rain' } },
    })
  })
})

describe('controls per provider', () => {
  it('fal has seed, steps, CFG (slider 1–10) and mask; both modes', () => {
    const c = controlsFor(CAPS.fal)
    expect(c).toMatchObject({
      seed: { min: 0, max: 65535 },
      steps: { min: 4, max: 50 },
      cfg: { min: 1, max: 10 },
      maskAwayClip: true,
      textOnlyToggle: true,
      textOnlyForced: false,
    })
    expect(c.window).toEqual({ min: 1, max: 10, step: 0.5 })
  })

  it('WaveSpeed has no seed and takes whole seconds; no text mode', () => {
    const c = controlsFor(CAPS.wavespeed)
    expect(c.seed).toBeNull()
    expect(c.window.step).toBe(1)
    expect(c.textOnlyToggle).toBe(false)
  })

  it('Pixazo is text only, with a 2 s minimum window', () => {
    expect(controlsFor(CAPS.pixazo)).toMatchObject({
      textOnlyForced: true,
      textOnlyToggle: false,
      seed: null,
      window: { min: 2, max: 10, step: 1 },
    })
  })

  it('Eachlabs keeps the seed in 0–65535 and has no mask', () => {
    expect(controlsFor(CAPS.eachlabs)).toMatchObject({ seed: { min: 0, max: 65535 }, maskAwayClip: false })
  })
})

describe('clamping to the provider', () => {
  const wild = { ...DEFAULT_GENERATION, seed: 70000, steps: 3, cfg: 15, windowSec: 9.5, maskAwayClip: true, takes: 7 }
  it('fal: steps up to its minimum, CFG down to the slider, takes to 4, window kept', () => {
    expect(clampParams(wild, info('fal'))).toMatchObject({
      provider: 'fal',
      seed: 65535,
      steps: 4,
      cfg: 10,
      windowSec: 9.5,
      maskAwayClip: true,
      takes: 4,
    })
  })
  it('WaveSpeed: no seed (random), whole-second window', () => {
    expect(clampParams(wild, info('wavespeed'))).toMatchObject({
      provider: 'wavespeed',
      seed: null,
      windowSec: 10,
      steps: 4,
    })
  })
  it('Eachlabs: no mask sent', () => {
    expect(clampParams(wild, info('eachlabs')).maskAwayClip).toBe(false)
  })
  it('Pixazo: steps at least 10', () => {
    expect(clampParams({ ...wild, steps: 3 }, info('pixazo')).steps).toBe(10)
  })
})

describe('provider choice, No voices, cost line', () => {
  it('only providers with a key are usable; the wanted one when it has a key, else the first that has', () => {
    const list = [info('fal', false), info('wavespeed'), info('pixazo')]
    expect(effectiveProvider(list, 'pixazo')?.id).toBe('pixazo')
    expect(effectiveProvider(list, 'fal')?.id).toBe('wavespeed')
    expect(effectiveProvider([info('fal', false)], 'fal')).toBeNull()
  })

  it('says the price, calls and billed seconds, or that no price is published', () => {
    expect(costText({ calls: 3, chunks: 1, billedSec: 24, usd: 0.024 })).toBe('$0.024 · 3 calls · 24 s billed')
    expect(costText({ calls: 1, chunks: 1, billedSec: 2.5, usd: null })).toBe(
      'price not published · 1 call · 2.5 s billed',
    )
    expect(costText({ calls: 2, chunks: 1, billedSec: 2.9999999, usd: 0.003 })).toBe('$0.003 · 2 calls · 3 s billed')
  })
})

describe('jobs in words', () => {
  it('names each stage, with the percentage where it is known and the queue position from 1', () => {
    const u = (stage: JobUpdate['stage'], extra: Partial<JobUpdate> = {}) =>
      jobStageText({ status: 'running', stage, progress: 0.42, ...extra })
    expect(u('uploading')).toBe('Uploading 42 %')
    expect(u('queued', { queuePosition: 2 })).toBe('In queue — position 3 (2 ahead)')
    expect(u('queued', { queuePosition: 0 })).toBe('In queue — next in line')
    expect(u('generating', { progress: null })).toBe('Generating')
    expect(u('mixing')).toBe('Joining the chunks')
    expect(jobStageText({ status: 'cancelled', stage: 'generating', progress: 0.5 })).toBe('Cancelled')
  })

  it('an update that arrives before its start answered is kept and joined; a finished job ignores late updates', () => {
    const upd = (status: JobUpdate['status'], progress = 0.5): JobUpdate => ({
      jobId: 'j',
      kind: 'generate',
      status,
      stage: 'generating',
      progress,
    })
    let s = jobsReducer(EMPTY_JOBS, { type: 'updated', update: upd('running', 0.1) })
    s = jobsReducer(s, { type: 'started', meta: { jobId: 'j', segmentId: 's', provider: 'fal', label: '3 takes' } })
    expect(s.jobs[0]!.update?.progress).toBe(0.1)
    s = jobsReducer(s, { type: 'updated', update: upd('cancelled') })
    s = jobsReducer(s, { type: 'updated', update: upd('running', 0.9) })
    expect(s.jobs[0]!.update?.status).toBe('cancelled')
    expect(unsettled(s)).toHaveLength(1)
    expect(jobsOfSegment(s, 's')).toHaveLength(1)
  })
})

describe('takes that come from regenerating a chunk', () => {
  const t = (id: string, seed: number, requestIds: string[]) => ({
    id,
    provider: 'fal' as const,
    seed,
    path: `/t/${id}.wav`,
    durationSec: 12,
    requestIds,
    createdAt: '',
    mix: DEFAULT_TAKE_MIX,
  })
  it('name the take and the chunks they redid; takes of their own say nothing', () => {
    const takes = [t('a', 5, ['r1', 'r2']), t('b', 9, ['r3', 'r4']), t('c', 5, ['r1', 'r5'])]
    expect(takeOrigin(takes[2]!, takes)).toBe('from take 1, chunk 2 new')
    expect(takeOrigin(takes[1]!, takes)).toBeNull()
    expect(takeOrigin(takes[0]!, takes)).toBeNull()
  })
})
