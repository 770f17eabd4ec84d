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
}


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
    return { durationSec: D, windowSec: W, crossfadeSec: C, chunks: [{ index: 0, startSec: 0, endSec: D, keepStartSec: 0, keepEndSec: D }] }
  }
  const n = Math.ceil((D - C) / (W - C) - FLOAT_EPS)
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
