// Snapping: pull a time (or the edges of a moving block) onto the nearest target within a threshold given in
// screen pixels, so it feels the same at every zoom.
import { pxToSec } from './timecode'

export const SNAP_THRESHOLD_PX = 8

export interface SnapResult {
  /** The time after snapping (unchanged when nothing was near). */
  sec: number
  /** The target it snapped to, for the snap indicator; null when it did not snap. */
  snappedToSec: number | null
}

export function snapThresholdSec(pxPerSec: number, thresholdPx = SNAP_THRESHOLD_PX): number {
  return pxToSec(thresholdPx, pxPerSec)
}

/** The nearest target to `sec` within `thresholdSec`, ties going to the earlier target. */
export function snapPoint(sec: number, targetsSec: readonly number[], thresholdSec: number): SnapResult {
  let best: number | null = null
  let bestDist = Infinity
  for (const t of targetsSec) {
    const d = Math.abs(t - sec)
    if (d > thresholdSec) continue
    if (d < bestDist || (d === bestDist && best !== null && t < best)) {
      best = t
      bestDist = d
    }
  }
  return best === null ? { sec, snappedToSec: null } : { sec: best, snappedToSec: best }
}

/**
 * Snap a block of `lengthSec` whose start is proposed at `startSec`: whichever edge (start or end) lies nearer
 * to a target wins, and the whole block shifts by that amount.
 */
export function snapBlock(
  startSec: number,
  lengthSec: number,
  targetsSec: readonly number[],
  thresholdSec: number,
): SnapResult & { startSec: number } {
  const head = snapPoint(startSec, targetsSec, thresholdSec)
  const tail = snapPoint(startSec + lengthSec, targetsSec, thresholdSec)
  const headDist = head.snappedToSec === null ? Infinity : Math.abs(head.sec - startSec)
  const tailDist = tail.snappedToSec === null ? Infinity : Math.abs(tail.sec - (startSec + lengthSec))
  if (headDist === Infinity && tailDist === Infinity) return { startSec, sec: startSec, snappedToSec: null }
  if (headDist <= tailDist) return { startSec: head.sec, sec: head.sec, snappedToSec: head.snappedToSec }
  return { startSec: tail.sec - lengthSec, sec: tail.sec - lengthSec, snappedToSec: tail.snappedToSec }
}
