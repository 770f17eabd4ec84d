// What a long segment shows of its chunk plan: the overlap bands where neighbouring windows crossfade and the
// seam in the middle of each. Times are seconds from the segment's start.
import { planChunks } from '../../../../shared/domain/chunks'
import { loopPlan } from '../../../../shared/domain/loop'
import { segmentLengthSec } from '../../../../shared/domain/placement'
import type { Segment } from '../../../../shared/domain/project'
import { cutsWithin } from '../../../../shared/domain/shots'

export interface ChunkMarks {
  chunkCount: number
  /** Where two windows overlap: [start of the later window, end of the earlier one]. */
  overlaps: ReadonlyArray<{ startSec: number; endSec: number }>
  /** The contact point in each overlap (where the crossfade is centred). */
  seamsSec: readonly number[]
}

const NONE: ChunkMarks = { chunkCount: 1, overlaps: [], seamsSec: [] }

/** `cutsSec`: where the picture cuts, from the segment's start (seams keep off them, as the generation's do). */
export function chunkMarks(durationSec: number, windowSec: number, cutsSec: readonly number[] = []): ChunkMarks {
  if (!(durationSec > 0) || durationSec <= windowSec) return NONE
  const plan = planChunks(durationSec, { windowSec, cutsSec })
  const overlaps = plan.chunks.slice(1).map((c, i) => ({ startSec: c.startSec, endSec: plan.chunks[i]!.endSec }))
  return {
    chunkCount: plan.chunks.length,
    overlaps,
    // The middle of each crossfade (the middle of the overlap, unless a cut moved the seam).
    seamsSec: plan.chunks.slice(1).map((c) => c.keepStartSec + plan.crossfadeSec / 2),
  }
}

/** The cuts inside a segment made from a picture, in seconds from its start. */
export function segmentCutsSec(segment: Pick<Segment, 'anchor'>, cutsOf: (assetId: string) => readonly number[]) {
  const a = segment.anchor
  return a.kind === 'source' ? cutsWithin(cutsOf(a.assetId), a.inSec, a.outSec).map((t) => t - a.inSec) : []
}

export interface SegmentMarks extends ChunkMarks {
  /** Repeats of a loop bed (0 for a segment that is not a loop). */
  loopRepeats: number
}

/**
 * What a segment's block shows: a loop's seams (where each repeat crossfades into the next, for the window its
 * take has, or will have), else the chunk plan's overlaps. A loop is one call whatever its length.
 */
export function segmentMarks(
  segment: Pick<Segment, 'anchor' | 'params' | 'takes' | 'activeTakeId'>,
  cutsSec: readonly number[] = [],
): SegmentMarks {
  const lengthSec = segmentLengthSec(segment)
  if (!segment.params.loop) return { ...chunkMarks(lengthSec, segment.params.windowSec, cutsSec), loopRepeats: 0 }
  const takeSec =
    segment.takes.find((t) => t.id === segment.activeTakeId)?.durationSec ??
    Math.min(lengthSec, segment.params.windowSec)
  const plan = loopPlan(lengthSec, takeSec)
  return {
    chunkCount: 1,
    overlaps: plan.repeats.slice(1).map((r) => ({ startSec: r.startSec, endSec: r.startSec + plan.crossfadeSec })),
    seamsSec: plan.seamsSec,
    loopRepeats: plan.repeats.length,
  }
}
