// Shots: where a clip's picture cuts. Main analyses a file once (ffmpeg scdet + blackdetect + luma, cached by
// content hash) into the changes it saw; which of them count as cuts is decided here, PURE, for a threshold the
// person can move without decoding anything again. A fade through black is one cut at the middle of the black;
// a flash (the picture brightens for a moment and comes back) is never a cut; two cuts are never closer than a
// minimum shot length, so a burst of changes gives one cut (the strongest).
import { z } from 'zod'
import { roundSec } from './time'

/** ffmpeg scdet's own default; its score is 0..100, a hard cut at 320 px scores about 20–60. */
export const DEFAULT_SHOT_THRESHOLD = 10
export const SHOT_THRESHOLD_RANGE = { min: 3, max: 60 } as const
/** Shorter shots are flashes or flicker, not shots (and too short to generate for). */
export const MIN_SHOT_SEC = 0.5
/** Black longer than this is a shot of its own (a title card, a dark scene), cut at both ends. */
export const MAX_FADE_BLACK_SEC = 3

const Sec = z.number().nonnegative()

export const ShotAnalysis = z.object({
  durationSec: z.number().positive(),
  /**
   * Frames where the picture changed at once: the first frame of what follows, with scdet's score. Only scores
   * of at least the threshold range's minimum are kept; frames that were part of a flash are left out.
   */
  changes: z.array(z.object({ timeSec: Sec, score: z.number().min(0).max(100) })).max(100_000),
  /** Stretches of (nearly) black picture, as blackdetect reports them. */
  blacks: z.array(z.object({ startSec: Sec, endSec: Sec })).max(100_000),
  /** Flashes found (left out of `changes`): said, so a person can see why a bright frame was not a cut. */
  flashes: z.array(z.object({ startSec: Sec, endSec: Sec })).max(100_000),
})
export type ShotAnalysis = z.infer<typeof ShotAnalysis>

export interface ShotCutOptions {
  threshold?: number
  minShotSec?: number
}

/** The cuts (seconds of the file, ascending) at `threshold`: never closer than minShotSec to each other or to an end. */
export function shotCuts(analysis: ShotAnalysis, options: ShotCutOptions = {}): number[] {
  const threshold = options.threshold ?? DEFAULT_SHOT_THRESHOLD
  const minShotSec = options.minShotSec ?? MIN_SHOT_SEC
  const end = analysis.durationSec
  // A black stretch that starts or ends the file is a fade in or out, not a cut.
  const blacks = analysis.blacks.filter((b) => b.startSec > minShotSec / 2 && b.endSec < end - minShotSec / 2)
  const inBlack = (t: number) => blacks.some((b) => t >= b.startSec - 0.1 && t <= b.endSec + 0.1)
  const points: Array<{ t: number; strength: number }> = [
    ...analysis.changes
      .filter((c) => c.score >= threshold && !inBlack(c.timeSec))
      .map((c) => ({ t: c.timeSec, strength: c.score })),
    ...blacks.flatMap((b) =>
      b.endSec - b.startSec <= MAX_FADE_BLACK_SEC
        ? [{ t: (b.startSec + b.endSec) / 2, strength: Infinity }]
        : [
            { t: b.startSec, strength: Infinity },
            { t: b.endSec, strength: Infinity },
          ],
    ),
  ]
    .filter((p) => p.t >= minShotSec && p.t <= end - minShotSec)
    .sort((a, b) => a.t - b.t)
  const kept: Array<{ t: number; strength: number }> = []
  for (const p of points) {
    const last = kept[kept.length - 1]
    if (last && p.t - last.t < minShotSec) {
      if (p.strength > last.strength) kept[kept.length - 1] = p
    } else kept.push(p)
  }
  return kept.map((p) => roundSec(p.t))
}

export interface Shot {
  startSec: number
  endSec: number
}

/**
 * The shots of [fromSec, toSec) of a file: split at the cuts inside it. A cut closer than minShotSec to either end
 * of the range is not split at (the sliver joins its neighbour), so every shot is at least that long.
 */
export function shotsIn(cuts: readonly number[], fromSec: number, toSec: number, minShotSec = MIN_SHOT_SEC): Shot[] {
  if (!(toSec > fromSec)) return []
  const inner = cutsWithin(cuts, fromSec, toSec, minShotSec)
  const edges = [fromSec, ...inner, toSec]
  return edges.slice(1).map((endSec, i) => ({ startSec: roundSec(edges[i]!), endSec: roundSec(endSec) }))
}

/** The cuts at least `marginSec` inside (fromSec, toSec), ascending. */
export function cutsWithin(cuts: readonly number[], fromSec: number, toSec: number, marginSec = 0): number[] {
  const inner: number[] = []
  // Cuts from shotCuts are never closer than a shot, but a list from elsewhere may be denser: keep slivers out.
  for (const t of [...cuts].sort((a, b) => a - b)) {
    const last = inner[inner.length - 1]
    if (t > fromSec + marginSec && t < toSec - marginSec && (last === undefined || t - last >= marginSec)) inner.push(t)
  }
  return inner
}
