// The chunk plan for a segment longer than the model's window: overlapping windows joined with equal-power
// crossfades at the middle of each overlap. Pure: the renderer draws chunk boundaries from it and
// the job engine cuts, generates and joins by it.

import { FLOAT_EPS } from './time'

/** MMAudio's trained length; users may raise the window to MAX_WINDOW_SEC. */
export const DEFAULT_WINDOW_SEC = 8
export const MAX_WINDOW_SEC = 10
export const DEFAULT_CROSSFADE_SEC = 1

export interface ChunkWindow {
  index: number
  /** The window the model generates, in seconds from the segment's start. Length = windowSec (or D if D ≤ W). */
  startSec: number
  endSec: number
  /**
   * The part of this chunk used in the join, in seconds from the segment's start: from the previous contact
   * edge (overlap midpoint − C/2) to the next (midpoint + C/2). Neighbours' kept parts overlap by exactly C.
   */
  keepStartSec: number
  keepEndSec: number
}

export interface ChunkPlan {
  durationSec: number
  windowSec: number
  crossfadeSec: number
  chunks: readonly ChunkWindow[]
}

export interface ChunkPlanOptions {
  windowSec?: number
  crossfadeSec?: number
  /**
   * Where the picture cuts, in seconds from the segment's start: seams are moved off them (see seamsOffCuts), so
   * no crossfade blends the sound of two shots across a cut.
   */
  cutsSec?: readonly number[]
}

/** A seam's crossfade stays at least this far from a cut. */
export const CUT_GUARD_SEC = 0.25

/**
 * D ≤ W: one chunk [0, D]. Otherwise n = ceil((D−C)/(W−C)) windows of length W, equally spaced from 0 to D,
 * so every overlap is equal and ≥ C. Example: D=20, W=8, C=1 → [0,8], [6,14], [12,20].
 */
export function planChunks(durationSec: number, options: ChunkPlanOptions = {}): ChunkPlan {
  const windowSec = options.windowSec ?? DEFAULT_WINDOW_SEC
  const crossfadeSec = options.crossfadeSec ?? DEFAULT_CROSSFADE_SEC
  if (!(Number.isFinite(durationSec) && durationSec > 0)) {
    throw new RangeError(`segment length must be a positive number of seconds, got ${durationSec}`)
  }
  if (!(Number.isFinite(windowSec) && windowSec > 0)) {
    throw new RangeError(`window must be a positive number of seconds, got ${windowSec}`)
  }
  if (!(Number.isFinite(crossfadeSec) && crossfadeSec > 0 && crossfadeSec < windowSec)) {
    throw new RangeError(`crossfade must be more than 0 and less than the ${windowSec} s window, got ${crossfadeSec}`)
  }
  const D = durationSec
  const W = windowSec
  const C = crossfadeSec
  if (D <= W + FLOAT_EPS) {
    return {
      durationSec: D,
      windowSec: W,
      crossfadeSec: C,
      chunks: [{ index: 0, startSec: 0, endSec: D, keepStartSec: 0, keepEndSec: D }],
    }
  }
  const n = Math.ceil((D - C) / (W - C) - FLOAT_EPS)
  const even = evenPlan(D, W, C, n)
  const cuts = (options.cutsSec ?? []).filter((t) => t > 0 && t < D)
  return cuts.length === 0 || seamsClear(even, cuts) ? even : seamsOffCuts(even, cuts, n)
}

/** n windows of length W equally spaced from 0 to D, joined at the middle of each overlap. */
function evenPlan(D: number, W: number, C: number, n: number): ChunkPlan {
  const stepSec = (D - W) / (n - 1)
  const starts = Array.from({ length: n }, (_, i) => (i === n - 1 ? D - W : i * stepSec))
  // Contact edge i sits at the middle of the overlap between window i and window i+1.
  const midpoints = starts.slice(1).map((nextStart, i) => (nextStart + (starts[i] as number) + W) / 2)
  const chunks = starts.map((startSec, i) => ({
    index: i,
    startSec,
    endSec: i === n - 1 ? D : startSec + W,
    keepStartSec: i === 0 ? 0 : (midpoints[i - 1] as number) - C / 2,
    keepEndSec: i === n - 1 ? D : (midpoints[i] as number) + C / 2,
  }))
  return { durationSec: D, windowSec: W, crossfadeSec: C, chunks }
}

/** Whether every seam's crossfade (from the later chunk's keepStart to the earlier one's keepEnd) keeps clear of the cuts. */
export function seamsClear(plan: ChunkPlan, cutsSec: readonly number[]): boolean {
  return plan.chunks.slice(1).every((k) => seamClear(k.keepStartSec + plan.crossfadeSec, plan.crossfadeSec, cutsSec))
}

/** A seam whose crossfade ends at `endSec` (and lasts C) is clear when no cut is within CUT_GUARD_SEC of it. */
const seamClear = (endSec: number, C: number, cuts: readonly number[]) =>
  cuts.every((t) => t <= endSec - C - CUT_GUARD_SEC || t >= endSec + CUT_GUARD_SEC)

/**
 * The plan with its seams moved off the cuts: each seam, from the first, goes to the clear place nearest to where
 * the even plan had it, within what the window length allows (every kept part at most W and at least 2C long, and
 * the chunks after it still able to reach D). With n windows that cannot clear every cut, one more is tried; if
 * that cannot either, the n-window plan with as many seams cleared as it allows is used. Each window stays W long
 * (the same call) and is centred on its kept part.
 */
function seamsOffCuts(even: ChunkPlan, cuts: readonly number[], n: number): ChunkPlan {
  const first = nudged(even, cuts, n)
  if (first.clear) return first.plan
  const more = nudged(evenPlan(even.durationSec, even.windowSec, even.crossfadeSec, n + 1), cuts, n + 1)
  return more.clear ? more.plan : first.plan
}

function nudged(even: ChunkPlan, cuts: readonly number[], n: number): { plan: ChunkPlan; clear: boolean } {
  const { durationSec: D, windowSec: W, crossfadeSec: C } = even
  const minKeep = Math.min(2 * C, W)
  const ends: number[] = [] // keepEnd of chunk i (the end of seam i), i = 0..n−2
  let clear = true
  let prevEnd = C // so chunk 0's kept part starts at prevEnd − C = 0
  for (let i = 0; i < n - 1; i++) {
    const after = n - 1 - i
    const lo = Math.max(prevEnd - C + minKeep, D - after * (W - C))
    const hi = Math.min(prevEnd - C + W, D - after * (minKeep - C))
    const ideal = Math.min(hi, Math.max(lo, even.chunks[i]!.keepEndSec))
    const candidates = [ideal, lo, hi, ...cuts.flatMap((t) => [t - CUT_GUARD_SEC, t + C + CUT_GUARD_SEC])]
      .filter((e) => e >= lo - FLOAT_EPS && e <= hi + FLOAT_EPS && seamClear(e, C, cuts))
      .sort((a, b) => Math.abs(a - ideal) - Math.abs(b - ideal))
    const end = candidates[0] ?? ideal
    if (candidates.length === 0) clear = false
    ends.push(end)
    prevEnd = end
  }
  const chunks = Array.from({ length: n }, (_, i) => {
    const keepStartSec = i === 0 ? 0 : ends[i - 1]! - C
    const keepEndSec = i === n - 1 ? D : ends[i]!
    const centred = keepStartSec - (W - (keepEndSec - keepStartSec)) / 2
    const startSec = i === 0 ? 0 : i === n - 1 ? D - W : Math.min(D - W, Math.max(0, centred))
    return { index: i, startSec, endSec: i === n - 1 ? D : startSec + W, keepStartSec, keepEndSec }
  })
  return { plan: { ...even, chunks }, clear }
}
