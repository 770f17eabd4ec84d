// What a long segment shows of its chunk plan: the overlap bands where neighbouring windows crossfade and the
// seam in the middle of each. Times are seconds from the segment's start.
import { planChunks } from '../../../../shared/domain/chunks'

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
