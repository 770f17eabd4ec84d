import { describe, expect, it } from 'vitest'
import { planChunks } from '../../../shared/domain/chunks'
import {
  chunkLeadSec,
  chunkWindowSec,
  cutsInRange,
  joinPlanFor,
  validateSegment,
} from '../../../electron/jobs/generationRequest'
import { madeByPlan } from '../../../electron/jobs/takeFiles'
import { DEFAULT_GENERATION } from '../../../shared/domain/project'

const src = (inSec: number, outSec: number) => ({ source: { path: '/v.mp4', inSec, outSec } })

describe('segment request rules', () => {
  it('an upload starts on the 25 fps grid: the lead is how far before the chunk it begins (never for text)', () => {
    expect(chunkLeadSec(src(2, 22), { startSec: 6 })).toBe(0)
    expect(chunkLeadSec(src(1.5, 3), { startSec: 0 })).toBeCloseTo(0.02, 9)
    expect(chunkLeadSec(src(0.1, 9), { startSec: 0.013 })).toBeCloseTo(0.033, 9)
    expect(chunkLeadSec(src(1.52, 3), { startSec: 0 })).toBe(0) // 1.52 s is frame 38, float noise aside
    expect(chunkLeadSec({}, { startSec: 3.3 })).toBe(0)
  })

  it('the join plan moves each chunk’s file start back by its lead and keeps the kept spans', () => {
    const plan = planChunks(20)
    const join = joinPlanFor(src(0.01, 20.01), plan)
    expect(join.chunks.map((c) => c.startSec)).toEqual(plan.chunks.map((c) => c.startSec - 0.01))
    expect(join.chunks.map((c) => [c.keepStartSec, c.keepEndSec])).toEqual(
      plan.chunks.map((c) => [c.keepStartSec, c.keepEndSec]),
    )
    expect(join.durationSec).toBe(20)
  })

  it('the window never passes 10 s or the provider’s maximum; modes must be offered', () => {
    expect(chunkWindowSec(10, { durationSec: { min: 1, max: 30 } })).toBe(10)
    expect(chunkWindowSec(12, { durationSec: { min: 1, max: 30 } })).toBe(10)
    expect(chunkWindowSec(8, { durationSec: { min: 1, max: 5 } })).toBe(5)
    const textOnly = { label: 'Pixazo', capabilities: { videoToAudio: false, textToAudio: true } as never }
    const params = { ...DEFAULT_GENERATION, prompt: 'rain' }
    expect(() => validateSegment({ ...src(0, 4), params }, textOnly)).toThrow(/only generates from text/)
    expect(validateSegment({ durationSec: 4, params }, textOnly)).toEqual({ mode: 'text', durationSec: 4 })
    expect(() => validateSegment({ ...src(3, 3), params }, textOnly)).toThrow(/must end after it starts/)
  })
})

describe('picture cuts in a request', () => {
  it('cutsInRange: the cuts inside the range, in seconds from its start; text mode and no cuts give none', () => {
    const source = { path: '/v.mp4', inSec: 10, outSec: 30, cutsSec: [4, 10, 12.5, 29.9, 30, 41] }
    expect(cutsInRange({ source })).toEqual([2.5, 19.9].map((t) => expect.closeTo(t, 9)))
    expect(cutsInRange({ source: { path: '/v.mp4', inSec: 0, outSec: 5 } })).toEqual([])
    expect(cutsInRange({})).toEqual([])
  })

  it('madeByPlan: a take joined by other seams (cuts moved them) cannot have one chunk remade into it', () => {
    const chunk = { seed: 1, provider: 'fal' as const, requestId: null, path: '/c.wav' }
    const even = planChunks(20)
    const moved = planChunks(20, { cutsSec: [7] })
    const keeps = even.chunks.map((c) => [c.keepStartSec, c.keepEndSec] as [number, number])
    const manifest = { version: 1 as const, takeId: 't', seed: 1, chunks: [chunk, chunk, chunk], keeps }
    expect(madeByPlan(manifest, even)).toBe(true)
    expect(madeByPlan(manifest, moved)).toBe(false)
    expect(madeByPlan({ ...manifest, chunks: [chunk, chunk] }, even)).toBe(false)
    // A manifest from before kept places were recorded is judged by its chunk count.
    const { keeps: _k, ...older } = manifest
    expect(madeByPlan(older, moved)).toBe(true)
  })
})
