import { describe, expect, it } from 'vitest'
import { CUT_GUARD_SEC, planChunks } from '../../../shared/domain/chunks'

const windows = (d: number, w?: number, c?: number): number[][] =>
  planChunks(d, { ...(w ? { windowSec: w } : {}), ...(c ? { crossfadeSec: c } : {}) }).chunks.map((k) => [
    k.startSec,
    k.endSec,
  ])

describe('planChunks: 8 s windows overlapping by the crossfade, joined with equal-power fades', () => {
  it('D=20, W=8, C=1 → [0,8], [6,14], [12,20] with contact edges at the overlap midpoints ± C/2', () => {
    const plan = planChunks(20, { windowSec: 8, crossfadeSec: 1 })
    expect(plan.chunks).toEqual([
      { index: 0, startSec: 0, endSec: 8, keepStartSec: 0, keepEndSec: 7.5 },
      { index: 1, startSec: 6, endSec: 14, keepStartSec: 6.5, keepEndSec: 13.5 },
      { index: 2, startSec: 12, endSec: 20, keepStartSec: 12.5, keepEndSec: 20 },
    ])
  })

  it('defaults to the 8 s window and 1 s crossfade', () => {
    expect(windows(20)).toEqual([
      [0, 8],
      [6, 14],
      [12, 20],
    ])
  })

  it('D ≤ W is one chunk of exactly D', () => {
    expect(planChunks(8).chunks).toEqual([{ index: 0, startSec: 0, endSec: 8, keepStartSec: 0, keepEndSec: 8 }])
    expect(planChunks(0.4).chunks).toEqual([{ index: 0, startSec: 0, endSec: 0.4, keepStartSec: 0, keepEndSec: 0.4 }])
  })

  it('an exact fit does not get an extra chunk from float error: D=15, W=8, C=1 → two windows overlapping by C', () => {
    expect(windows(15, 8, 1)).toEqual([
      [0, 8],
      [7, 15],
    ])
    // 0.1-steps that are not exact in binary
    expect(planChunks(2.9, { windowSec: 1.6, crossfadeSec: 0.3 }).chunks).toHaveLength(2)
  })

  it('just over one window gives two heavily overlapping windows', () => {
    expect(windows(8.5)).toEqual([
      [0, 8],
      [0.5, 8.5],
    ])
  })

  it('every chunk is W long, overlaps are equal and ≥ C, kept parts overlap by exactly C and tile [0, D]', () => {
    for (const [d, w, c] of [
      [20, 8, 1],
      [61.3, 8, 0.25],
      [100, 10, 2],
      [9, 8, 1],
      [33.3, 9.5, 1.5],
    ] as const) {
      const { chunks } = planChunks(d, { windowSec: w, crossfadeSec: c })
      expect(chunks[0]?.startSec).toBe(0)
      expect(chunks.at(-1)?.endSec).toBe(d)
      expect(chunks[0]?.keepStartSec).toBe(0)
      expect(chunks.at(-1)?.keepEndSec).toBe(d)
      const overlaps = chunks.slice(1).map((k, i) => (chunks[i]?.endSec ?? 0) - k.startSec)
      for (const k of chunks) expect(k.endSec - k.startSec).toBeCloseTo(w, 9)
      for (const o of overlaps) {
        expect(o).toBeGreaterThanOrEqual(c - 1e-9)
        expect(o).toBeCloseTo(overlaps[0] ?? 0, 9)
      }
      chunks.slice(1).forEach((k, i) => {
        expect((chunks[i]?.keepEndSec ?? 0) - k.keepStartSec).toBeCloseTo(c, 9)
        // the kept part lies inside the window the model generated
        expect(k.keepStartSec).toBeGreaterThanOrEqual(k.startSec - 1e-9)
        expect(chunks[i]?.keepEndSec ?? 0).toBeLessThanOrEqual((chunks[i]?.endSec ?? 0) + 1e-9)
      })
      // joined length = sum of kept parts − one crossfade per seam = D
      const joined = chunks.reduce((s, k) => s + k.keepEndSec - k.keepStartSec, 0) - c * (chunks.length - 1)
      expect(joined).toBeCloseTo(d, 9)
    }
  })

  it('the number of chunks is ceil((D−C)/(W−C))', () => {
    expect(planChunks(22, { windowSec: 8, crossfadeSec: 1 }).chunks).toHaveLength(3)
    expect(planChunks(22.01, { windowSec: 8, crossfadeSec: 1 }).chunks).toHaveLength(4)
    expect(planChunks(3600).chunks).toHaveLength(Math.ceil(3599 / 7))
  })

  it('rejects lengths and settings that cannot be planned', () => {
    expect(() => planChunks(0)).toThrow(RangeError)
    expect(() => planChunks(-1)).toThrow(RangeError)
    expect(() => planChunks(Number.NaN)).toThrow(RangeError)
    expect(() => planChunks(20, { crossfadeSec: 0 })).toThrow(/crossfade/)
    expect(() => planChunks(20, { windowSec: 2, crossfadeSec: 2 })).toThrow(/crossfade/)
    expect(() => planChunks(20, { windowSec: 0 })).toThrow(/window/)
  })
})

describe('planChunks with cuts: seams move off the picture cuts', () => {
  const seamsOf = (plan: ReturnType<typeof planChunks>) =>
    plan.chunks.slice(1).map((k) => [k.keepStartSec, k.keepStartSec + plan.crossfadeSec])
  const clearOf = (plan: ReturnType<typeof planChunks>, cuts: number[]) =>
    seamsOf(plan).every(([a, b]) => cuts.every((t) => t <= a! - CUT_GUARD_SEC || t >= b! + CUT_GUARD_SEC))

  /** What every plan must keep: windows W long inside [0, D], kept parts tiling [0, D] with C overlaps. */
  function expectWellFormed(plan: ReturnType<typeof planChunks>) {
    const { chunks, durationSec: d, windowSec: w, crossfadeSec: c } = plan
    expect(chunks[0]!.startSec).toBe(0)
    expect(chunks.at(-1)!.endSec).toBe(d)
    expect(chunks[0]!.keepStartSec).toBe(0)
    expect(chunks.at(-1)!.keepEndSec).toBe(d)
    for (const k of chunks) {
      expect(k.endSec - k.startSec).toBeCloseTo(w, 9)
      expect(k.startSec).toBeGreaterThanOrEqual(-1e-9)
      expect(k.keepStartSec).toBeGreaterThanOrEqual(k.startSec - 1e-9)
      expect(k.keepEndSec).toBeLessThanOrEqual(k.endSec + 1e-9)
      expect(k.keepEndSec - k.keepStartSec).toBeGreaterThanOrEqual(2 * c - 1e-9)
    }
    for (const [i, k] of chunks.slice(1).entries()) expect(chunks[i]!.keepEndSec - k.keepStartSec).toBeCloseTo(c, 9)
  }

  it('a cut on the even seam moves that seam clear of it, with the same number of calls', () => {
    // Even plan for D=20: seams [6.5, 7.5] and [12.5, 13.5]. A cut at 7.0 sits in the first crossfade.
    const even = planChunks(20)
    expect(clearOf(even, [7])).toBe(false)
    const plan = planChunks(20, { cutsSec: [7] })
    expectWellFormed(plan)
    expect(plan.chunks).toHaveLength(3)
    expect(clearOf(plan, [7])).toBe(true)
    // Moved as little as it can: the seam now ends a guard before the cut, or starts a guard after it.
    const [first] = seamsOf(plan)
    expect(
      Math.min(Math.abs(first![1]! - (7 - CUT_GUARD_SEC)), Math.abs(first![0]! - (7 + CUT_GUARD_SEC))),
    ).toBeLessThan(1e-9)
  })

  it('cuts that do not touch a seam leave the even plan exactly as it was', () => {
    expect(planChunks(20, { cutsSec: [3, 10, 17] })).toEqual(planChunks(20))
    expect(planChunks(6, { cutsSec: [3] })).toEqual(planChunks(6)) // one chunk: no seam at all
  })

  it('every seam clears every cut on long segments with cuts all over', () => {
    for (const [d, cuts] of [
      [61.3, [7.1, 13.3, 13.9, 27, 40.2, 41, 55.5]],
      [30, [6.9, 7.4, 13.1, 20.2]],
      [100, Array.from({ length: 30 }, (_, i) => 1.7 + i * 3.3)],
    ] as const) {
      const plan = planChunks(d, { cutsSec: [...cuts] })
      expectWellFormed(plan)
      expect(clearOf(plan, [...cuts]), `D=${d}`).toBe(true)
      expect(plan.chunks.length).toBeLessThanOrEqual(planChunks(d).chunks.length + 1)
    }
  })

  it('takes one more window only when the cuts leave no room with as many as before', () => {
    // Cuts every 0.6 s around the first seam: no place within its reach is clear with 3 windows.
    const cuts = [5.4, 6.0, 6.6, 7.2, 7.8, 8.4]
    const plan = planChunks(20, { cutsSec: cuts })
    expectWellFormed(plan)
    expect(plan.chunks).toHaveLength(4)
    expect(clearOf(plan, cuts)).toBe(true)
  })

  it('when nothing can clear a cut (cuts everywhere), the plan stays well formed', () => {
    const cuts = Array.from({ length: 80 }, (_, i) => 0.25 + i * 0.25)
    const plan = planChunks(20, { cutsSec: cuts })
    expectWellFormed(plan)
    expect(plan.chunks).toHaveLength(3)
  })
})
