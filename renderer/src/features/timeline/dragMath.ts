// What a drag on the timeline would do if dropped now: the one action to commit, the project as it would look
// (drawn while dragging), and the snap target for the indicator. Pure: the drag hook only feeds it pointer deltas.
import type { Project } from '../../../../shared/domain/project'
import { snapBlock, snapPoint, snapThresholdSec } from '../../lib/snapping'
import { clipEndSec, clipLengthSec, layoutSegments, type PlacedPiece } from '../../../../shared/domain/placement'
import type { Edge } from '../../state/clipEdits'
import { projectEdit, type ProjectAction } from '../../state/projectActions'

export type DragSubject =
  | { kind: 'clip-move'; clipId: string }
  | { kind: 'clip-trim'; clipId: string; edge: Edge }
  /** A segment is grabbed by one of its pieces (the one starting at `pieceStartSec`). */
  | { kind: 'segment-move'; segmentId: string; pieceStartSec: number }
  | { kind: 'segment-resize'; segmentId: string; pieceStartSec: number; edge: Edge }
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

/** The project as the action would leave it: the preview drawn while dragging is the very edit of the drop. */
function previewOf(project: Project, action: ProjectAction): Project {
  return projectEdit(project, action, { selection: null, playheadSec: 0 }).project
}

export function dragOutcome(subject: DragSubject, pointer: DragPointer, ctx: DragContext): DragOutcome {
  const { project } = ctx
  const found = dropAction(subject, pointer, ctx)
  if (!found) return unchanged(project)
  const preview = previewOf(project, found.action)
  // A drop that changes nothing (a mark too short to be a segment) commits nothing.
  return { action: preview === project ? null : found.action, preview, snappedToSec: found.snappedToSec }
}

/** The action a drop would commit now, and what it snapped to. */
function dropAction(
  subject: DragSubject,
  pointer: DragPointer,
  ctx: DragContext,
): { action: ProjectAction; snappedToSec: number | null } | null {
  const { project, targetsSec } = ctx
  const threshold = snapThresholdSec(ctx.pxPerSec)
  switch (subject.kind) {
    case 'clip-move': {
      const clip = project.clips.find((c) => c.id === subject.clipId)
      if (!clip) return null
      const snapped = snapBlock(clip.startSec + pointer.deltaSec, clipLengthSec(clip), targetsSec, threshold)
      return {
        action: { type: 'clipMoved', clipId: clip.id, startSec: snapped.startSec },
        snappedToSec: snapped.snappedToSec,
      }
    }
    case 'clip-trim': {
      const clip = project.clips.find((c) => c.id === subject.clipId)
      if (!clip) return null
      const edgeSec = subject.edge === 'start' ? clip.startSec : clipEndSec(clip)
      const snapped = snapPoint(edgeSec + pointer.deltaSec, targetsSec, threshold)
      const deltaSec = snapped.sec - edgeSec
      return {
        action: { type: 'clipTrimmed', clipId: clip.id, edge: subject.edge, deltaSec },
        snappedToSec: snapped.snappedToSec,
      }
    }
    case 'segment-move': {
      const piece = grabbed(project, subject.segmentId, subject.pieceStartSec)
      if (!piece) return null
      const snapped = snapBlock(piece.startSec + pointer.deltaSec, piece.endSec - piece.startSec, targetsSec, threshold)
      const lane = Math.max(0, piece.lane + pointer.laneDelta)
      const action = {
        type: 'segmentMoved',
        segmentId: subject.segmentId,
        pieceStartSec: piece.startSec,
        startSec: snapped.startSec,
        lane,
      } as const
      return { action, snappedToSec: snapped.snappedToSec }
    }
    case 'segment-resize': {
      const piece = grabbed(project, subject.segmentId, subject.pieceStartSec)
      if (!piece) return null
      const edgeSec = subject.edge === 'start' ? piece.startSec : piece.endSec
      const snapped = snapPoint(edgeSec + pointer.deltaSec, targetsSec, threshold)
      const action = {
        type: 'segmentResized',
        segmentId: subject.segmentId,
        pieceStartSec: piece.startSec,
        edge: subject.edge,
        deltaSec: snapped.sec - edgeSec,
      } as const
      return { action, snappedToSec: snapped.snappedToSec }
    }
    case 'mark': {
      const anchor = snapPoint(subject.anchorSec, targetsSec, threshold)
      const snapped = snapPoint(Math.max(0, pointer.pointerSec), targetsSec, threshold)
      const range = { startSec: anchor.sec, endSec: snapped.sec }
      const action = { type: 'segmentAdded', segmentId: subject.newSegmentId, ...range, lane: subject.lane } as const
      return { action, snappedToSec: snapped.snappedToSec }
    }
  }
}
