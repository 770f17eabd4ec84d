// Pure edits of segments (ranges that get generated sound) on the sound lanes. Invariant: segments on one lane
// never overlap, and each is at least MIN_SEGMENT_SEC long. An edit that changes nothing returns the same
// Project, so the history records no entry.
import { DEFAULT_GENERATION, type Project, type Segment } from '../../../shared/domain/project'
import { clamp, roundSec } from '../lib/timecode'

/** Shorter ranges are not worth a generation (and providers reject sub-second videos). */
export const MIN_SEGMENT_SEC = 0.5

export type SegmentEdge = 'start' | 'end'

interface Range {
  startSec: number
  endSec: number
}

const overlaps = (a: Range, b: Range) => a.startSec < b.endSec - 1e-9 && b.startSec < a.endSec - 1e-9

function laneSegments(project: Project, lane: number, exceptId?: string): Segment[] {
  return project.segments.filter((s) => s.lane === lane && s.id !== exceptId).sort((a, b) => a.startSec - b.startSec)
}

/** The lowest lane, from `preferredLane` upwards, where the range is free. */
export function firstFreeLane(project: Project, range: Range, preferredLane = 0, exceptId?: string): number {
  for (let lane = preferredLane; ; lane++) {
    if (!laneSegments(project, lane, exceptId).some((s) => overlaps(s, range))) return lane
  }
}

/**
 * Where a block of `lengthSec` can sit on a lane nearest to `desiredStartSec` without overlapping `occupied`
 * (sorted by start) and not before 0. The last gap is open-ended, so there is always an answer.
 */
export function nearestFreeStart(occupied: readonly Range[], lengthSec: number, desiredStartSec: number): number {
  let best = Infinity
  let bestDist = Infinity
  let gapStart = 0
  for (const r of [...occupied, { startSec: Infinity, endSec: Infinity }]) {
    const gapEnd = r.startSec
    if (gapEnd - gapStart >= lengthSec - 1e-9) {
      const s = clamp(desiredStartSec, gapStart, gapEnd - lengthSec)
      const d = Math.abs(s - desiredStartSec)
      if (d < bestDist) {
        best = s
        bestDist = d
      }
    }
    gapStart = Math.max(gapStart, r.endSec)
  }
  return best
}

/**
 * Marks a new segment over [startSec, endSec] with the default generation settings. It goes on `lane` if that
 * range is free there, else on the first free lane below. Too short a range adds nothing.
 */
export function addSegment(project: Project, id: string, range: Range, lane = 0): Project {
  const startSec = roundSec(Math.max(0, Math.min(range.startSec, range.endSec)))
  const endSec = roundSec(Math.max(range.startSec, range.endSec))
  if (endSec - startSec < MIN_SEGMENT_SEC - 1e-9) return project
  const segment: Segment = {
    id,
    startSec,
    endSec,
    lane: firstFreeLane(project, { startSec, endSec }, Math.max(0, lane)),
    params: DEFAULT_GENERATION,
    takes: [],
    activeTakeId: null,
  }
  return { ...project, segments: [...project.segments, segment] }
}

function replaceSegment(project: Project, seg: Segment, next: Segment): Project {
  if (next.startSec === seg.startSec && next.endSec === seg.endSec && next.lane === seg.lane) return project
  return { ...project, segments: project.segments.map((s) => (s === seg ? next : s)) }
}

/**
 * Moves a segment to `startSec` on `lane`, keeping its length. Where that lane is taken it slides to the nearest
 * free place, if that is no further than its own length; otherwise it stays where it was dropped and goes to the
 * first free lane below (it never jumps far along the timeline).
 */
export function moveSegment(project: Project, segmentId: string, startSec: number, lane: number): Project {
  const seg = project.segments.find((s) => s.id === segmentId)
  if (!seg) return project
  const lengthSec = seg.endSec - seg.startSec
  const desired = Math.max(0, startSec)
  let targetLane = Math.max(0, lane)
  let start = nearestFreeStart(laneSegments(project, targetLane, seg.id), lengthSec, desired)
  if (Math.abs(start - desired) > lengthSec + 1e-9) {
    start = desired
    targetLane = firstFreeLane(project, { startSec: desired, endSec: desired + lengthSec }, targetLane, seg.id)
  }
  start = roundSec(start)
  return replaceSegment(project, seg, { ...seg, lane: targetLane, startSec: start, endSec: roundSec(start + lengthSec) })
}

/** Moves one edge of a segment by `deltaSec`, stopping at its lane neighbours, at 0 and at MIN_SEGMENT_SEC. */
export function resizeSegment(project: Project, segmentId: string, edge: SegmentEdge, deltaSec: number): Project {
  const seg = project.segments.find((s) => s.id === segmentId)
  if (!seg) return project
  const lane = laneSegments(project, seg.lane, seg.id)
  if (edge === 'start') {
    const prevEnd = lane.filter((s) => s.endSec <= seg.startSec + 1e-9).reduce((m, s) => Math.max(m, s.endSec), 0)
    const startSec = clamp(seg.startSec + deltaSec, prevEnd, seg.endSec - MIN_SEGMENT_SEC)
    return replaceSegment(project, seg, { ...seg, startSec: roundSec(startSec) })
  }
  const nextStart = lane.filter((s) => s.startSec >= seg.endSec - 1e-9).reduce((m, s) => Math.min(m, s.startSec), Infinity)
  const endSec = clamp(seg.endSec + deltaSec, seg.startSec + MIN_SEGMENT_SEC, nextStart)
  return replaceSegment(project, seg, { ...seg, endSec: roundSec(endSec) })
}

export function deleteSegment(project: Project, segmentId: string): Project {
  if (!project.segments.some((s) => s.id === segmentId)) return project
  return { ...project, segments: project.segments.filter((s) => s.id !== segmentId) }
}

/** How many sound lanes to draw: every used lane plus one free lane to mark on. */
export function soundLaneCount(project: Project): number {
  return project.segments.reduce((n, s) => Math.max(n, s.lane + 1), 0) + 1
}
