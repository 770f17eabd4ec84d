// Where segments are on the timeline, derived from the clips. PURE: no DOM, no Node.
//
// A `source` segment is a range of its asset's own time. It shows (and its takes sound) wherever a clip shows
// part of that range: through each such clip, cut to what the clip uses. So a clip moved, trimmed, split or
// deleted takes its sound with it without any segment being edited, two clips of the same stretch of a file
// both carry its sound, and where a split's halves still touch the pieces join into one again. A `timeline`
// segment is where it is. Lanes: each segment keeps the lane it was put on unless, after an edit of the clips,
// something else shows there at the same time; then it is drawn one lane further down (never overlapping).
import type { Clip, Project, Segment, SegmentAnchor } from './project'
import { roundSec, TIME_EPS } from './time'

export const clipLengthSec = (c: Pick<Clip, 'inSec' | 'outSec'>): number => c.outSec - c.inSec
export const clipEndSec = (c: Pick<Clip, 'startSec' | 'inSec' | 'outSec'>): number => c.startSec + clipLengthSec(c)

/** End of the last clip: the timeline's length (0 when empty). */
export function timelineEndSec(clips: ReadonlyArray<Pick<Clip, 'startSec' | 'inSec' | 'outSec'>>): number {
  return clips.reduce((end, c) => Math.max(end, clipEndSec(c)), 0)
}

export interface TimeRange {
  startSec: number
  endSec: number
}

/** A stretch of the timeline where part of a mapped range shows. */
export interface Piece extends TimeRange {
  /** Seconds from the start of the mapped range to what shows at startSec. */
  offsetSec: number
  /** The clips it shows through (several when they continue each other, like a split's touching halves). */
  clipIds: string[]
}

/**
 * Where [fromSec, toSec) of an asset's own time shows on the timeline: a piece per clip that uses part of it, in
 * timeline order, joined where one piece continues the last both on the timeline and in the source.
 */
export function sourcePieces(clips: readonly Clip[], assetId: string, fromSec: number, toSec: number): Piece[] {
  const raw: Piece[] = []
  for (const c of clips) {
    if (c.assetId !== assetId) continue
    const lo = Math.max(fromSec, c.inSec)
    const hi = Math.min(toSec, c.outSec)
    if (hi - lo <= TIME_EPS) continue
    raw.push({
      startSec: roundSec(c.startSec + (lo - c.inSec)),
      endSec: roundSec(c.startSec + (hi - c.inSec)),
      offsetSec: roundSec(lo - fromSec),
      clipIds: [c.id],
    })
  }
  raw.sort((a, b) => a.startSec - b.startSec)
  const joined: Piece[] = []
  for (const p of raw) {
    const last = joined[joined.length - 1]
    const continues =
      last &&
      Math.abs(p.startSec - last.endSec) <= TIME_EPS &&
      Math.abs(p.offsetSec - (last.offsetSec + last.endSec - last.startSec)) <= TIME_EPS
    if (continues) {
      last.endSec = p.endSec
      last.clipIds.push(...p.clipIds)
    } else joined.push(p)
  }
  return joined
}

/** The clips of each asset (the pieces of a source segment come only from its own asset's clips). */
function clipsByAsset(clips: readonly Clip[]): Map<string, Clip[]> {
  const byAsset = new Map<string, Clip[]>()
  for (const c of clips) {
    const list = byAsset.get(c.assetId)
    if (list) list.push(c)
    else byAsset.set(c.assetId, [c])
  }
  return byAsset
}

/** The segment's own range: source seconds of its asset, or timeline seconds. */
export function anchorRange(anchor: SegmentAnchor): { fromSec: number; toSec: number } {
  return anchor.kind === 'source'
    ? { fromSec: anchor.inSec, toSec: anchor.outSec }
    : { fromSec: anchor.startSec, toSec: anchor.endSec }
}

export function segmentLengthSec(segment: Pick<Segment, 'anchor'>): number {
  const { fromSec, toSec } = anchorRange(segment.anchor)
  return toSec - fromSec
}

/** Where a segment shows on the timeline; a source segment that no clip shows has no piece. */
export function segmentPieces(clips: readonly Clip[], segment: Pick<Segment, 'anchor'>): Piece[] {
  const a = segment.anchor
  if (a.kind === 'source') return sourcePieces(clips, a.assetId, a.inSec, a.outSec)
  return [{ startSec: a.startSec, endSec: a.endSec, offsetSec: 0, clipIds: [] }]
}

/** From the start of the first piece to the end of the last, or null when nothing shows. */
export function piecesSpan(pieces: readonly TimeRange[]): TimeRange | null {
  if (pieces.length === 0) return null
  return {
    startSec: Math.min(...pieces.map((p) => p.startSec)),
    endSec: Math.max(...pieces.map((p) => p.endSec)),
  }
}

/** The clip whose picture covers the whole range, if one does. */
export function clipCovering(clips: readonly Clip[], range: TimeRange): Clip | undefined {
  return clips.find((c) => c.startSec <= range.startSec + TIME_EPS && range.endSec <= clipEndSec(c) + TIME_EPS)
}

/** The range of `clip`'s asset that it shows at the timeline range. */
export function sourceAnchorIn(clip: Clip, range: TimeRange): SegmentAnchor {
  return {
    kind: 'source',
    assetId: clip.assetId,
    inSec: roundSec(Math.max(0, clip.inSec + (range.startSec - clip.startSec))),
    outSec: roundSec(clip.inSec + (range.endSec - clip.startSec)),
  }
}

/**
 * Where a range marked on the timeline belongs: to the picture of the one clip it lies over (stored in that
 * clip's source), unless it is text only or does not lie over one clip (over a gap, across a cut): then it stays
 * in timeline time.
 */
export function anchorForRange(clips: readonly Clip[], range: TimeRange, pictureBound: boolean): SegmentAnchor {
  const clip = pictureBound ? clipCovering(clips, range) : undefined
  if (clip) return sourceAnchorIn(clip, range)
  return { kind: 'timeline', startSec: roundSec(range.startSec), endSec: roundSec(range.endSec) }
}

/** One piece of a segment as drawn: on the lane it is drawn on. */
export interface PlacedPiece extends Piece {
  segmentId: string
  lane: number
}

export interface SegmentLayout {
  /** Every piece of every segment that shows, in lane order then timeline order. */
  pieces: PlacedPiece[]
  /** Lanes in use (0 when nothing shows). */
  laneCount: number
}

const overlaps = (a: TimeRange, b: TimeRange) => a.startSec < b.endSec - TIME_EPS && b.startSec < a.endSec - TIME_EPS

/**
 * The sound lanes as drawn: each segment on its own lane, unless something placed before it (lower lane, then
 * earlier) shows there at the same time; then on the first lane below where all its pieces are free. The result
 * is remembered for the same clips and segments (a drag asks for it on every pointer move).
 */
export function layoutSegments(project: Pick<Project, 'clips' | 'segments'>): SegmentLayout {
  let byClips = layoutCache.get(project.segments)
  if (!byClips) {
    byClips = new WeakMap()
    layoutCache.set(project.segments, byClips)
  }
  let layout = byClips.get(project.clips)
  if (!layout) {
    layout = computeLayout(project.clips, project.segments)
    byClips.set(project.clips, layout)
  }
  return layout
}

const layoutCache = new WeakMap<readonly Segment[], WeakMap<readonly Clip[], SegmentLayout>>()

function computeLayout(clips: readonly Clip[], segments: readonly Segment[]): SegmentLayout {
  const byAsset = clipsByAsset(clips)
  const piecesOf = (s: Segment) =>
    s.anchor.kind === 'source'
      ? sourcePieces(byAsset.get(s.anchor.assetId) ?? [], s.anchor.assetId, s.anchor.inSec, s.anchor.outSec)
      : segmentPieces(clips, s)
  const shown = segments
    .map((segment) => ({ segment, pieces: piecesOf(segment) }))
    .filter((s) => s.pieces.length > 0)
    .sort((a, b) => a.segment.lane - b.segment.lane || a.pieces[0]!.startSec - b.pieces[0]!.startSec)
  const lanes: LaneRanges[] = []
  const pieces: PlacedPiece[] = []
  for (const { segment, pieces: own } of shown) {
    let lane = segment.lane
    while (own.some((p) => lanes[lane]?.overlapsAny(p))) lane++
    const ranges = lanes[lane] ?? new LaneRanges()
    lanes[lane] = ranges
    for (const p of own) {
      ranges.add(p)
      pieces.push({ ...p, segmentId: segment.id, lane })
    }
  }
  return { pieces, laneCount: lanes.length }
}

/** What a lane holds: ranges that never overlap, sorted by start (so also by end): overlap found by bisection. */
class LaneRanges {
  private readonly ranges: TimeRange[] = []

  /** Index of the first range that starts at or after `sec`. */
  private firstFrom(sec: number): number {
    let lo = 0
    let hi = this.ranges.length
    while (lo < hi) {
      const mid = (lo + hi) >> 1
      if (this.ranges[mid]!.startSec < sec) lo = mid + 1
      else hi = mid
    }
    return lo
  }

  overlapsAny(r: TimeRange): boolean {
    const i = this.firstFrom(r.endSec - TIME_EPS)
    // ranges from i on start at or after r's end; of those before, only the last can reach into r
    const before = this.ranges[i - 1]
    return before !== undefined && overlaps(before, r)
  }

  add(r: TimeRange): void {
    this.ranges.splice(this.firstFrom(r.startSec), 0, r)
  }
}

/** The layout of every segment but one (what an edit of that one must keep clear of), remembered like the layout. */
export function layoutWithout(project: Pick<Project, 'clips' | 'segments'>, segmentId: string): SegmentLayout {
  let bySegment = othersCache.get(project.segments)
  if (!bySegment) {
    bySegment = new Map()
    othersCache.set(project.segments, bySegment)
  }
  let others = bySegment.get(segmentId)
  if (!others) {
    others = project.segments.filter((s) => s.id !== segmentId)
    bySegment.set(segmentId, others)
  }
  return layoutSegments({ clips: project.clips, segments: others })
}

const othersCache = new WeakMap<readonly Segment[], Map<string, Segment[]>>()

/** The pieces of one segment in a layout. */
export function piecesOf(layout: SegmentLayout, segmentId: string): PlacedPiece[] {
  return layout.pieces.filter((p) => p.segmentId === segmentId)
}
