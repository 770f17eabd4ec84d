// What a drag on the timeline would do if dropped now: the one action to commit, the project as it would look
// (drawn while dragging), and the snap target for the indicator. Pure: the drag hook only feeds it pointer deltas.
import type { Project } from '../../../../shared/domain/project'
import { snapBlock, snapPoint, snapThresholdSec } from '../../lib/snapping'
import { clipEndSec, clipLengthSec, layoutSegments, type PlacedPiece } from '../../../../shared/domain/placement'
import { moveClip, trimClip, type ClipEdge } from '../../state/clipEdits'
import type { ProjectAction } from '../../state/projectActions'
import { addSegment, moveSegment, resizeSegment, type SegmentEdge } from '../../state/segmentEdits'

export type DragSubject =
  | { kind: 'clip-move'; clipId: string }
  | { kind: 'clip-trim'; clipId: string; edge: ClipEdge }
  /** A segment is grabbed by one of its pieces (the one starting at `pieceStartSec`). */
  | { kind: 'segment-move'; segmentId: string; pieceStartSec: number }
  | { kind: 'segment-resize'; segmentId: string; pieceStartSec: number; edge: SegmentEdge }
  | { kind: 'mark'; lane: number; anchorSec: number; newSegmentId: string }

export interface DragContext {
  project: Project
  pxPerSec: number
  /** Sorted snap targets (see snapTargets); empty when snapping is off. */
  targetsSec: readonly number[]
}

export interface DragPointer {
  /** Pointer travel since the drag began, in seconds. */
  deltaSec: number
  /** Pointer travel in whole sound lanes (for moving a segment to another lane). */
  laneDelta: number
  /** Where the pointer is on the timeline now. */
  pointerSec: number
}

export interface DragOutcome {
  action: ProjectAction | null
  preview: Project
  snappedToSec: number | null
}

/**
 * Every time a dragged edge may snap to: 0, the playhead, the I/O marks, every clip edge and every edge of a
 * segment where it shows, except the edges of the thing being dragged.
 */
export function snapTargets(project: Project, subject: DragSubject, extraSec: readonly number[]): number[] {
  const own = subject.kind === 'clip-move' || subject.kind === 'clip-trim' ? subject.clipId : null
  const ownSeg = subject.kind === 'segment-move' || subject.kind === 'segment-resize' ? subject.segmentId : null
  const out = [0, ...extraSec]
  for (const c of project.clips) if (c.id !== own) out.push(c.startSec, clipEndSec(c))
  for (const p of layoutSegments(project).pieces) if (p.segmentId !== ownSeg) out.push(p.startSec, p.endSec)
  return [...new Set(out)].sort((a, b) => a - b)
}

const unchanged = (project: Project): DragOutcome => ({ action: null, preview: project, snappedToSec: null })

/** The grabbed piece as drawn now. */
function grabbed(project: Project, segmentId: string, pieceStartSec: number): PlacedPiece | undefined {
  const own = layoutSegments(project).pieces.filter((p) => p.segmentId === segmentId)
  return own.find((p) => p.startSec === pieceStartSec) ?? own[0]
}

export function dragOutcome(subject: DragSubject, pointer: DragPointer, ctx: DragContext): DragOutcome {
  const { project, targetsSec } = ctx
  const threshold = snapThresholdSec(ctx.pxPerSec)
  switch (subject.kind) {
    case 'clip-move': {
      const clip = project.clips.find((c) => c.id === subject.clipId)
      if (!clip) return unchanged(project)
      const snapped = snapBlock(clip.startSec + pointer.deltaSec, clipLengthSec(clip), targetsSec, threshold)
      const action = { type: 'clipMoved', clipId: clip.id, startSec: snapped.startSec } as const
      return { action, preview: moveClip(project, clip.id, snapped.startSec), snappedToSec: snapped.snappedToSec }
    }
    case 'clip-trim': {
      const clip = project.clips.find((c) => c.id === subject.clipId)
      if (!clip) return unchanged(project)
      const edgeSec = subject.edge === 'start' ? clip.startSec : clipEndSec(clip)
      const snapped = snapPoint(edgeSec + pointer.deltaSec, targetsSec, threshold)
      const deltaSec = snapped.sec - edgeSec
      const action = { type: 'clipTrimmed', clipId: clip.id, edge: subject.edge, deltaSec } as const
      return { action, preview: trimClip(project, clip.id, subject.edge, deltaSec), snappedToSec: snapped.snappedToSec }
    }
    case 'segment-move': {
      const piece = grabbed(project, subject.segmentId, subject.pieceStartSec)
      if (!piece) return unchanged(project)
      const snapped = snapBlock(piece.startSec + pointer.deltaSec, piece.endSec - piece.startSec, targetsSec, threshold)
      const lane = Math.max(0, piece.lane + pointer.laneDelta)
      const action = {
        type: 'segmentMoved',
        segmentId: subject.segmentId,
        pieceStartSec: piece.startSec,
        startSec: snapped.startSec,
        lane,
      } as const
      const preview = moveSegment(project, subject.segmentId, piece.startSec, snapped.startSec, lane)
      return { action, preview, snappedToSec: snapped.snappedToSec }
    }
    case 'segment-resize': {
      const piece = grabbed(project, subject.segmentId, subject.pieceStartSec)
      if (!piece) return unchanged(project)
      const edgeSec = subject.edge === 'start' ? piece.startSec : piece.endSec
      const snapped = snapPoint(edgeSec + pointer.deltaSec, targetsSec, threshold)
      const deltaSec = snapped.sec - edgeSec
      const action = {
        type: 'segmentResized',
        segmentId: subject.segmentId,
        pieceStartSec: piece.startSec,
        edge: subject.edge,
        deltaSec,
      } as const
      const preview = resizeSegment(project, subject.segmentId, piece.startSec, subject.edge, deltaSec)
      return { action, preview, snappedToSec: snapped.snappedToSec }
    }
    case 'mark': {
      const anchor = snapPoint(subject.anchorSec, targetsSec, threshold)
      const snapped = snapPoint(Math.max(0, pointer.pointerSec), targetsSec, threshold)
      const range = { startSec: anchor.sec, endSec: snapped.sec }
      const preview = addSegment(project, subject.newSegmentId, range, subject.lane)
      if (preview === project) return { ...unchanged(project), snappedToSec: snapped.snappedToSec }
      const action = { type: 'segmentAdded', segmentId: subject.newSegmentId, ...range, lane: subject.lane } as const
      return { action, preview, snappedToSec: snapped.snappedToSec }
    }
  }
}
