// The undoable timeline actions and how each maps onto a pure project edit. Every one of these is a whole
// gesture (a drop, a key press), so the editor records it as exactly one history entry.
import type { GenerationParams, Project, Take } from '../../../shared/domain/project'
import type { TimelineSettings } from '../../../shared/domain/timecode'
import { clipAt, deleteClip, moveClip, splitClip, trimClip, type Edge } from './clipEdits'
import type { Selection } from './editor'
import { changeTimelineSettings, placeAsset } from './project'
import { mixEdit, type MixAction } from './mixEdits'
import { addSegment, anchorSegment, deleteSegment, moveSegment, resizeSegment } from './segmentEdits'
import { segmentByShots } from './shotSegments'
import { addTakes, changeSegmentParams, chooseActiveTake, deleteTake } from './takeEdits'

export type ProjectAction =
  | MixAction
  | { type: 'clipMoved'; clipId: string; startSec: number }
  /** A file from the bin put (again) at the end of the video track as a new clip. */
  | { type: 'assetPlaced'; assetId: string; clipId: string }
  | { type: 'clipTrimmed'; clipId: string; edge: Edge; deltaSec: number }
  | { type: 'splitAtPlayhead'; newClipId: string }
  | { type: 'selectionDeleted'; ripple: boolean }
  | { type: 'segmentAdded'; segmentId: string; startSec: number; endSec: number; lane: number }
  /** The piece of the segment that starts at `pieceStartSec` (the one dragged) now starts at `startSec`. */
  | { type: 'segmentMoved'; segmentId: string; pieceStartSec: number; startSec: number; lane: number }
  | { type: 'segmentResized'; segmentId: string; pieceStartSec: number; edge: Edge; deltaSec: number }
  /** Attach a segment to the picture under it (its sound follows that clip), or detach it into timeline time. */
  | { type: 'segmentAnchored'; segmentId: string; attach: boolean }
  | { type: 'takesAdded'; segmentId: string; takes: readonly Take[] }
  /** With matchLoudness, a take whose gain is untouched starts at the level of the segment's other takes. */
  | { type: 'activeTakeChosen'; segmentId: string; takeId: string; matchLoudness?: boolean }
  | { type: 'takeDeleted'; segmentId: string; takeId: string }
  | { type: 'segmentParamsChanged'; segmentId: string; params: Partial<GenerationParams> }
  /** Segments generated from the picture under them ("Generate all") are attached to it, in one step. */
  | { type: 'segmentsAnchored'; segmentIds: readonly string[] }
  /** One segment per shot of the given clips (all when null), on a free lane; ids `${idPrefix}-n`. */
  | {
      type: 'segmentsByShots'
      clipIds: readonly string[] | null
      cutsByAsset: ReadonlyMap<string, readonly number[]>
      idPrefix: string
    }
  /** The timeline's start timecode and frame rate (what the ruler and the hand-off count in). */
  | { type: 'timelineSettingsChanged'; settings: TimelineSettings }

interface ViewContext {
  selection: Selection
  playheadSec: number
}

export interface EditResult {
  project: Project
  selection: Selection
}

/** Applies one project action; also says what is selected afterwards (the thing just made or touched). */
export function projectEdit(project: Project, action: ProjectAction, view: ViewContext): EditResult {
  const keep = view.selection
  switch (action.type) {
    case 'assetPlaced':
      return {
        project: placeAsset(project, action.assetId, action.clipId),
        selection: { kind: 'clip', id: action.clipId },
      }
    case 'clipMoved':
      return {
        project: moveClip(project, action.clipId, action.startSec),
        selection: { kind: 'clip', id: action.clipId },
      }
    case 'clipTrimmed':
      return {
        project: trimClip(project, action.clipId, action.edge, action.deltaSec),
        selection: { kind: 'clip', id: action.clipId },
      }
    case 'splitAtPlayhead': {
      const target = splitTarget(project, view)
      return {
        project: target ? splitClip(project, target, view.playheadSec, action.newClipId) : project,
        selection: keep,
      }
    }
    case 'selectionDeleted': {
      if (keep?.kind === 'clip') return { project: deleteClip(project, keep.id, action.ripple), selection: null }
      if (keep?.kind === 'segment') return { project: deleteSegment(project, keep.id), selection: null }
      return { project, selection: keep }
    }
    case 'segmentAdded': {
      const next = addSegment(project, action.segmentId, action, action.lane)
      return { project: next, selection: next === project ? keep : { kind: 'segment', id: action.segmentId } }
    }
    case 'segmentMoved':
      return {
        project: moveSegment(project, action.segmentId, action.pieceStartSec, action.startSec, action.lane),
        selection: { kind: 'segment', id: action.segmentId },
      }
    case 'segmentResized':
      return {
        project: resizeSegment(project, action.segmentId, action.pieceStartSec, action.edge, action.deltaSec),
        selection: { kind: 'segment', id: action.segmentId },
      }
    case 'takeMixChanged':
    case 'originalAudioChanged':
      return { project: mixEdit(project, action), selection: keep }
    case 'takesAdded': // a job finishing must not steal the selection
      return { project: addTakes(project, action.segmentId, action.takes), selection: keep }
    case 'activeTakeChosen':
      return {
        project: chooseActiveTake(project, action.segmentId, action.takeId, action.matchLoudness),
        selection: keep,
      }
    case 'takeDeleted':
      return { project: deleteTake(project, action.segmentId, action.takeId), selection: keep }
    case 'segmentAnchored':
      return { project: anchorSegment(project, action.segmentId, action.attach), selection: keep }
    case 'segmentsAnchored':
      return { project: action.segmentIds.reduce((p, id) => anchorSegment(p, id, true), project), selection: keep }
    case 'segmentsByShots':
      return { project: segmentByShots(project, action.clipIds, action.cutsByAsset, action.idPrefix), selection: keep }
    case 'timelineSettingsChanged':
      return { project: changeTimelineSettings(project, action.settings), selection: keep }
    case 'segmentParamsChanged': {
      // Text only makes a bed of timeline time; back to the picture attaches it to the clip under it.
      const before = project.segments.find((s) => s.id === action.segmentId)?.params.textOnly
      const textOnly = action.params.textOnly
      const changed = changeSegmentParams(project, action.segmentId, action.params)
      const flipped = textOnly !== undefined && before !== undefined && textOnly !== before
      return { project: flipped ? anchorSegment(changed, action.segmentId, !textOnly) : changed, selection: keep }
    }
  }
}

/** S splits the selected clip when the playhead is over it, else the clip under the playhead. */
function splitTarget(project: Project, view: ViewContext): string | undefined {
  const under = clipAt(project, view.playheadSec)
  if (view.selection?.kind === 'clip' && under?.id === view.selection.id) return under.id
  return under?.id
}
