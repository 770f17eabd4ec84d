// A loopable bed: one generated window repeated over a segment of any length, each repeat crossfading into the
// next with equal power (uncorrelated ambience keeps its level through the seam). PURE: the mix places the
// repeats, the lane draws the seams.

import { TIME_EPS } from './time'

/** The crossfade at each seam, at most a quarter of the window (so a repeat is mostly itself). */
export const LOOP_CROSSFADE_SEC = 1

export interface LoopRepeat {
  /** Where the repeat's file time 0 sounds, in loop time (0 = the segment's start). */
  startSec: number
  /** How much of the file it plays (the whole window, or less for the last one, cut at the segment's end). */
  durationSec: number
  /** Crossfades in from the repeat before / out into the next one, over crossfadeSec of its own time. */
  fadeIn: boolean
  fadeOut: boolean
}

export interface LoopPlan {
  crossfadeSec: number
  repeats: LoopRepeat[]
  /** The middle of each crossfade, in loop time: where the lane draws a seam. */
  seamsSec: number[]
}

/**
 * Repeats of a `takeSec` window that cover `lengthSec`: repeat k starts at k × (takeSec − crossfade). One repeat,
 * no seam, when the window already covers the length.
 */
export function loopPlan(lengthSec: number, takeSec: number, crossfadeSec = LOOP_CROSSFADE_SEC): LoopPlan {
  const fade = Math.min(crossfadeSec, takeSec / 4)
  const stepSec = takeSec - fade
  const repeats: LoopRepeat[] = []
  if (!(lengthSec > 0 && takeSec > 0)) return { crossfadeSec: fade, repeats, seamsSec: [] }
  for (let k = 0; k * stepSec < lengthSec - TIME_EPS; k++) {
    const startSec = k * stepSec
    repeats.push({
      startSec,
      durationSec: Math.min(takeSec, lengthSec - startSec),
      fadeIn: k > 0,
      fadeOut: startSec + takeSec < lengthSec,
    })
  }
  return { crossfadeSec: fade, repeats, seamsSec: repeats.slice(1).map((r) => r.startSec + fade / 2) }
}
