// What a long segment shows of its chunk plan: the overlap bands where neighbouring windows crossfade and the
// seam in the middle of each. Times are seconds from the segment's start.
import { planChunks } from '../../../../shared/domain/chunks'
import { loopPlan } from '../../../../shared/domain/loop'
import { segmentLengthSec } from '../../../../shared/domain/placement'
import type { Segment } from '../../../../shared/domain/project'

export interface ChunkMarks {
  chunkCount: number
  /** Where two windows overlap: [start of the later window, end of the earlier one]. */
  overlaps: ReadonlyArray<{ startSec: number; endSec: number }>
  /** The contact point in each overlap (where the crossfade is centred). */
  seamsSec: readonly number[]
}

const NONE: ChunkMarks = { chunkCount: 1, overlaps: [], seamsSec: [] }

export function chunkMarks(durationSec: number, windowSec: number): ChunkMarks {
  if (!(durationSec > 0) || durationSec <= windowSec) return NONE
  const plan = planChunks(durationSec, { windowSec })
  const overlaps = plan.chunks.slice(1).map((c, i) => ({ startSec: c.startSec, endSec: plan.chunks[i]!.endSec }))
  return {
    chunkCount: plan.chunks.length,
    overlaps,
    seamsSec: overlaps.map((o) => (o.startSec + o.endSec) / 2),
  }
}

export interface SegmentMarks extends ChunkMarks {
  /** Repeats of a loop bed (0 for a segment that is not a loop). */
  loopRepeats: number
}

/**
 * What a segment's block shows: a loop's seams (where each repeat crossfades into the next, for the window its
 * take has, or will have), else the chunk plan's overlaps. A loop is one call whatever its length.
 */
export function segmentMarks(segment: Pick<Segment, 'anchor' | 'params' | 'takes' | 'activeTakeId'>): SegmentMarks {
  const lengthSec = segmentLengthSec(segment)
  if (!segment.params.loop) return { ...chunkMarks(lengthSec, segment.params.windowSec), loopRepeats: 0 }
  const takeSec = segment.takes.find((t) => t.id === segment.activeTakeId)?.durationSec ?? Math.min(lengthSec, segment.params.windowSec)
  const plan = loopPlan(lengthSec, takeSec)
  return {
    chunkCount: 1,
    overlaps: plan.repeats.slice(1).map((r) => ({ startSec: r.startSec, endSec: r.startSec + plan.crossfadeSec })),
    seamsSec: plan.seamsSec,
    loopRepeats: plan.repeats.length,
  }
}
