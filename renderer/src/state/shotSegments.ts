// "Segment by shots": one segment per shot of the picture, proposed in one edit (one undo). PURE.
import { segmentPieces } from '../../../shared/domain/placement'
import { DEFAULT_GENERATION, type Project, type Segment } from '../../../shared/domain/project'
import { shotsIn } from '../../../shared/domain/shots'
import { TIME_EPS } from '../../../shared/domain/time'
import { firstFreeLane, MIN_SEGMENT_SEC } from './segmentEdits'

/** The source ranges of each asset that the clips use, joined where they overlap or touch, in source order. */
function usedRanges(project: Project, clipIds: readonly string[] | null): Map<string, Array<[number, number]>> {
  const byAsset = new Map<string, Array<[number, number]>>()
  const clips = clipIds ? project.clips.filter((c) => clipIds.includes(c.id)) : project.clips
  for (const c of [...clips].sort((a, b) => a.inSec - b.inSec)) {
    const ranges = byAsset.get(c.assetId) ?? []
    const last = ranges[ranges.length - 1]
    if (last && c.inSec <= last[1] + TIME_EPS) last[1] = Math.max(last[1], c.outSec)
    else ranges.push([c.inSec, c.outSec])
    byAsset.set(c.assetId, ranges)
  }
  return byAsset
}

/**
 * One segment per shot of the given clips (every clip when null), made from their picture (so each follows its
 * shot through any later edit). A stretch of a file that two clips show gets one set of segments. Only assets whose
 * cuts are known are proposed. All go on the first lane that is free wherever any of them shows. Nothing to
 * propose returns the same Project (no history entry). Ids are `${idPrefix}-0`, `-1`, …
 */
export function segmentByShots(
  project: Project,
  clipIds: readonly string[] | null,
  cutsByAsset: ReadonlyMap<string, readonly number[]>,
  idPrefix: string,
): Project {
  const proposed: Segment[] = []
  for (const [assetId, ranges] of usedRanges(project, clipIds)) {
    const cuts = cutsByAsset.get(assetId)
    if (!cuts) continue
    for (const [fromSec, toSec] of ranges) {
      if (toSec - fromSec < MIN_SEGMENT_SEC - TIME_EPS) continue
      for (const shot of shotsIn(cuts, fromSec, toSec, MIN_SEGMENT_SEC)) {
        proposed.push({
          id: `${idPrefix}-${proposed.length}`,
          anchor: { kind: 'source', assetId, inSec: shot.startSec, outSec: shot.endSec },
          lane: 0,
          params: DEFAULT_GENERATION,
          takes: [],
          activeTakeId: null,
        })
      }
    }
  }
  if (proposed.length === 0) return project
  const lane = firstFreeLane(
    project,
    proposed.flatMap((s) => segmentPieces(project.clips, s)),
  )
  return { ...project, segments: [...project.segments, ...proposed.map((s) => ({ ...s, lane }))] }
}
