// Pure edits of segments (ranges that get generated sound) on the sound lanes. Segments are drawn where
// shared/domain/placement.ts puts them: a segment made from a picture shows wherever clips show that picture,
// so an edit works on the piece the person grabbed and stores the result in the segment's own time (its asset's
// source, or the timeline). Invariants: no two pieces on a lane overlap as drawn, and each segment is at least
// MIN_SEGMENT_SEC long. An edit that changes nothing returns the same Project, so the history records no entry.
import {
  anchorForRange,
  anchorRange,
  clipCovering,
  clipEndSec,
  layoutSegments,
  layoutWithout,
  segmentLengthSec,
  segmentPieces,
  sourceAnchorIn,
  type Piece,
  type TimeRange,
} from '../../../shared/domain/placement'
import { DEFAULT_GENERATION, type Project, type Segment, type SegmentAnchor } from '../../../shared/domain/project'
import { clamp, roundSec, TIME_EPS } from '../../../shared/domain/time'
import type { Edge } from './clipEdits'

/** Shorter ranges are not worth a generation (and providers reject sub-second videos). */
export const MIN_SEGMENT_SEC = 0.5

const overlaps = (a: TimeRange, b: TimeRange) => a.startSec < b.endSec - TIME_EPS && b.startSec < a.endSec - TIME_EPS

/** What other segments show on `lane`, as drawn, sorted by start. */
function occupiedOn(project: Project, lane: number, exceptId: string): TimeRange[] {
  return layoutWithout(project, exceptId)
    .pieces.filter((p) => p.lane === lane)
    .sort((a, b) => a.startSec - b.startSec)
}

/** The lowest lane, from `preferredLane` down, where all the pieces are free of other segments. */
export function firstFreeLane(
  project: Project,
  pieces: readonly TimeRange[],
  preferredLane = 0,
  exceptId = '',
): number {
  const others = layoutWithout(project, exceptId)
  for (let lane = Math.max(0, preferredLane); ; lane++) {
    const taken = others.pieces.filter((p) => p.lane === lane)
    if (!pieces.some((p) => taken.some((q) => overlaps(p, q)))) return lane
  }
}

/**
 * Where a block of `lengthSec` can sit on a lane nearest to `desiredStartSec` without overlapping `occupied`
 * (sorted by start) and not before 0. The last gap is open-ended, so there is always an answer.
 */
export function nearestFreeStart(occupied: readonly TimeRange[], lengthSec: number, desiredStartSec: number): number {
  let best = Infinity
  let bestDist = Infinity
  let gapStart = 0
  for (const r of [...occupied, { startSec: Infinity, endSec: Infinity }]) {
    const gapEnd = r.startSec
    if (gapEnd - gapStart >= lengthSec - TIME_EPS) {
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

function withSegment(project: Project, seg: Segment, next: Segment): Project {
  const a = seg.anchor
  const b = next.anchor
  const same =
    next.lane === seg.lane &&
    a.kind === b.kind &&
    anchorRange(a).fromSec === anchorRange(b).fromSec &&
    anchorRange(a).toSec === anchorRange(b).toSec &&
    (a.kind !== 'source' || b.kind !== 'source' || a.assetId === b.assetId)
  if (same) return project
  return { ...project, segments: project.segments.map((s) => (s === seg ? next : s)) }
}

/** The segment and its piece that starts at `pieceStartSec` (the one grabbed; else its first), if it shows. */
function grab(project: Project, segmentId: string, pieceStartSec: number): { seg: Segment; piece: Piece } | null {
  const seg = project.segments.find((s) => s.id === segmentId)
  const pieces = seg ? segmentPieces(project.clips, seg) : []
  const piece = pieces.find((p) => Math.abs(p.startSec - pieceStartSec) <= TIME_EPS) ?? pieces[0]
  return seg && piece ? { seg, piece } : null
}

/** The timeline span of the clips a piece shows through. */
function clipsSpan(project: Project, piece: Piece): TimeRange | null {
  const clips = project.clips.filter((c) => piece.clipIds.includes(c.id))
  if (clips.length === 0) return null
  return { startSec: Math.min(...clips.map((c) => c.startSec)), endSec: Math.max(...clips.map(clipEndSec)) }
}

/** Whether a segment wants a picture: one made from a picture, or one the person attached to a clip. */
const pictureBound = (seg: Segment): boolean => seg.anchor.kind === 'source' || !seg.params.textOnly

/**
 * Marks a new segment over [startSec, endSec] with the default generation settings. Over one clip it belongs to
 * that clip's picture; over a gap or across a cut it stays in timeline time. It goes on `lane` if that is free
 * where it shows, else on the first free lane below. Too short a range adds nothing.
 */
export function addSegment(project: Project, id: string, range: TimeRange, lane = 0): Project {
  const startSec = roundSec(Math.max(0, Math.min(range.startSec, range.endSec)))
  const endSec = roundSec(Math.max(range.startSec, range.endSec))
  if (endSec - startSec < MIN_SEGMENT_SEC - TIME_EPS) return project
  const params = DEFAULT_GENERATION
  const anchor = anchorForRange(project.clips, { startSec, endSec }, !params.textOnly)
  const segment: Segment = { id, anchor, lane: 0, params, takes: [], activeTakeId: null }
  segment.lane = firstFreeLane(project, segmentPieces(project.clips, segment), lane)
  return { ...project, segments: [...project.segments, segment] }
}

/**
 * Where a segment goes when its grabbed piece moves by `deltaSec`: along its own picture while the piece stays
 * over the clip(s) it shows through; elsewhere it is marked again where it lands (on the clip under it, or in
 * timeline time over a gap or across a cut).
 */
function movedAnchor(project: Project, seg: Segment, piece: Piece, deltaSec: number): SegmentAnchor {
  const a = seg.anchor
  const span = clipsSpan(project, piece)
  if (
    a.kind === 'source' &&
    span &&
    piece.startSec + deltaSec >= span.startSec - TIME_EPS &&
    piece.endSec + deltaSec <= span.endSec + TIME_EPS
  ) {
    const assetSec = project.assets.find((x) => x.id === a.assetId)?.durationSec ?? a.outSec
    const d = clamp(deltaSec, -a.inSec, Math.max(0, assetSec - a.outSec))
    return { ...a, inSec: roundSec(a.inSec + d), outSec: roundSec(a.outSec + d) }
  }
  const startSec = Math.max(0, piece.startSec - piece.offsetSec + deltaSec)
  return anchorForRange(project.clips, { startSec, endSec: startSec + segmentLengthSec(seg) }, pictureBound(seg))
}

/**
 * Moves the piece of a segment that starts at `pieceStartSec` to start at `startSec` on `lane`. Where that lane
 * is taken it slides to the nearest free place, if that is no further than its own length; otherwise it stays
 * where it was dropped and goes to the first free lane below (it never jumps far along the timeline).
 */
export function moveSegment(
  project: Project,
  segmentId: string,
  pieceStartSec: number,
  startSec: number,
  lane: number,
): Project {
  const grabbed = grab(project, segmentId, pieceStartSec)
  if (!grabbed) return project
  const { seg, piece } = grabbed
  const lengthSec = piece.endSec - piece.startSec
  const desired = Math.max(0, startSec)
  const targetLane = Math.max(0, lane)
  let start = nearestFreeStart(occupiedOn(project, targetLane, seg.id), lengthSec, desired)
  if (Math.abs(start - desired) > lengthSec + TIME_EPS) start = desired
  const moved = { ...seg, anchor: movedAnchor(project, seg, piece, roundSec(start) - piece.startSec) }
  return withSegment(project, seg, {
    ...moved,
    lane: firstFreeLane(project, segmentPieces(project.clips, moved), targetLane, seg.id),
  })
}

/**
 * Moves one edge of the grabbed piece by `deltaSec`, stopping at its lane neighbours, at 0, at MIN_SEGMENT_SEC
 * and, for a segment made from a picture, at the picture's edges (sound past them could not be heard).
 */
export function resizeSegment(
  project: Project,
  segmentId: string,
  pieceStartSec: number,
  edge: Edge,
  deltaSec: number,
): Project {
  const grabbed = grab(project, segmentId, pieceStartSec)
  if (!grabbed) return project
  const { seg, piece } = grabbed
  const lane =
    layoutSegments(project).pieces.find((p) => p.segmentId === seg.id && p.startSec === piece.startSec)?.lane ??
    seg.lane
  const neighbours = occupiedOn(project, lane, seg.id)
  const span = seg.anchor.kind === 'source' ? clipsSpan(project, piece) : null
  const lengthSec = segmentLengthSec(seg)
  let fromU = 0
  let toU = lengthSec
  if (edge === 'start') {
    const prevEnd = neighbours
      .filter((s) => s.endSec <= piece.startSec + TIME_EPS)
      .reduce((m, s) => Math.max(m, s.endSec), 0)
    const lo = Math.max(prevEnd, span?.startSec ?? 0) - piece.startSec
    const hi = lengthSec - MIN_SEGMENT_SEC - piece.offsetSec
    fromU = piece.offsetSec + clamp(deltaSec, Math.min(lo, 0), Math.max(hi, 0))
  } else {
    const nextStart = neighbours
      .filter((s) => s.startSec >= piece.endSec - TIME_EPS)
      .reduce((m, s) => Math.min(m, s.startSec), Infinity)
    const pieceEndU = piece.offsetSec + (piece.endSec - piece.startSec)
    const hi = Math.min(nextStart, span?.endSec ?? Infinity) - piece.endSec
    const lo = MIN_SEGMENT_SEC - pieceEndU
    toU = pieceEndU + clamp(deltaSec, Math.min(lo, 0), Math.max(hi, 0))
  }
  const { fromSec } = anchorRange(seg.anchor)
  const range = { fromSec: roundSec(fromSec + fromU), toSec: roundSec(fromSec + toU) }
  const a = seg.anchor
  const anchor: SegmentAnchor =
    a.kind === 'source'
      ? { ...a, inSec: range.fromSec, outSec: range.toSec }
      : anchorForRange(project.clips, { startSec: range.fromSec, endSec: range.toSec }, pictureBound(seg))
  return withSegment(project, seg, { ...seg, anchor })
}

/**
 * Attaches a segment to the picture under it (its sound then follows that clip through every edit), or detaches
 * it into timeline time where it shows first. A segment over no single clip, or showing nowhere, stays as it is.
 */
export function anchorSegment(project: Project, segmentId: string, attach: boolean): Project {
  const seg = project.segments.find((s) => s.id === segmentId)
  if (!seg) return project
  const a = seg.anchor
  if (attach && a.kind === 'timeline') {
    const range = { startSec: a.startSec, endSec: a.endSec }
    const clip = clipCovering(project.clips, range)
    return clip ? withSegment(project, seg, { ...seg, anchor: sourceAnchorIn(clip, range) }) : project
  }
  if (!attach && a.kind === 'source') {
    const first = segmentPieces(project.clips, seg)[0]
    if (!first) return project
    const startSec = roundSec(Math.max(0, first.startSec - first.offsetSec))
    return withSegment(project, seg, {
      ...seg,
      anchor: { kind: 'timeline', startSec, endSec: roundSec(startSec + segmentLengthSec(seg)) },
    })
  }
  return project
}

export function deleteSegment(project: Project, segmentId: string): Project {
  if (!project.segments.some((s) => s.id === segmentId)) return project
  return { ...project, segments: project.segments.filter((s) => s.id !== segmentId) }
}

/** How many sound lanes to draw: every lane in use plus one free lane to mark on. */
export function soundLaneCount(project: Pick<Project, 'clips' | 'segments'>): number {
  return layoutSegments(project).laneCount + 1
}
