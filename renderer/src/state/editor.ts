// The editor's state: the project under undo history, plus view state (selection, zoom, playhead, marks, snap)
// that is never undone. Each project action is one gesture and records exactly one history entry; ids for new
// things arrive in the action so the reducer stays pure.
import type { Asset } from '../../../shared/domain/asset'
import type { Project } from '../../../shared/domain/project'
import { clampZoom } from '../lib/zoom'
import { commit, createHistory, redo, undo, type History } from './history'
import { addAssets } from './project'
import { projectEdit, type ProjectAction } from './projectActions'
import { playheadStepped } from './playhead'

export interface ZoomAnchor {
  sec: number
  pin: 'screen' | 'left'
}

export type Selection = { kind: 'clip'; id: string } | { kind: 'segment'; id: string } | null

export interface EditorState {
  history: History<Project>
  selection: Selection
  pxPerSec: number
  playheadSec: number
  /** A pending I or O point; when both are set (in < out) they become a segment. */
  markInSec: number | null
  markOutSec: number | null
  snapEnabled: boolean
  /** What the last zoom kept still: a time at its place on screen (mouse, playhead), or a time put at the left edge (fit). */
  zoomAnchor: ZoomAnchor | null
}

export type EditorAction =
  | ProjectAction
  | { type: 'assetsImported'; assets: readonly Asset[]; newIds: readonly string[] }
  | { type: 'projectLoaded'; project: Project }
  | { type: 'selected'; selection: Selection }
  | { type: 'zoomed'; pxPerSec: number; anchorSec?: number; pinLeft?: boolean }
  | { type: 'snapToggled' }
  | { type: 'playheadMoved'; sec: number }
  | { type: 'playheadStepped'; frames: number }
  | { type: 'markIn'; newSegmentId: string }
  | { type: 'markOut'; newSegmentId: string }
  | { type: 'marksCleared' }
  | { type: 'undo' }
  | { type: 'redo' }

export const DEFAULT_PX_PER_SEC = 40

export function createEditorState(project: Project): EditorState {
  return {
    history: createHistory(project),
    selection: null,
    pxPerSec: DEFAULT_PX_PER_SEC,
    playheadSec: 0,
    markInSec: null,
    markOutSec: null,
    snapEnabled: true,
    zoomAnchor: null,
  }
}

const withProject = (state: EditorState, next: Project): EditorState =>
  next === state.history.present ? state : { ...state, history: commit(state.history, next) }

export function editorReducer(state: EditorState, action: EditorAction): EditorState {
  const project = state.history.present
  switch (action.type) {
    case 'assetsImported': {
      const ids = [...action.newIds]
      return withProject(
        state,
        addAssets(project, action.assets, () => ids.shift() ?? crypto.randomUUID()),
      )
    }
    case 'projectLoaded':
      return { ...createEditorState(action.project), pxPerSec: state.pxPerSec, snapEnabled: state.snapEnabled }
    case 'selected':
      return { ...state, selection: action.selection }
    case 'zoomed':
      return {
        ...state,
        pxPerSec: clampZoom(action.pxPerSec),
        zoomAnchor: { sec: action.anchorSec ?? state.playheadSec, pin: action.pinLeft ? 'left' : 'screen' },
      }
    case 'snapToggled':
      return { ...state, snapEnabled: !state.snapEnabled }
    case 'playheadMoved':
      return { ...state, playheadSec: Math.max(0, action.sec) }
    case 'playheadStepped':
      return { ...state, playheadSec: playheadStepped(project, state.playheadSec, action.frames) }
    case 'markIn':
    case 'markOut':
      return markPoint(state, action.type === 'markIn' ? 'in' : 'out', action.newSegmentId)
    case 'marksCleared':
      return { ...state, markInSec: null, markOutSec: null }
    case 'undo':
      return { ...state, history: undo(state.history) }
    case 'redo':
      return { ...state, history: redo(state.history) }
    default: {
      const { project: next, selection } = projectEdit(project, action, state)
      return { ...withProject(state, next), selection }
    }
  }
}

/**
 * I or O at the playhead. Once both points exist with in < out, they become a segment (one history entry) and
 * the points clear. A point set on the wrong side of the other starts the range over from the new point.
 */
function markPoint(state: EditorState, which: 'in' | 'out', newSegmentId: string): EditorState {
  const at = state.playheadSec
  const inSec = which === 'in' ? at : state.markInSec
  const outSec = which === 'out' ? at : state.markOutSec
  if (inSec === null || outSec === null) return { ...state, markInSec: inSec, markOutSec: outSec }
  if (outSec <= inSec) {
    return which === 'in'
      ? { ...state, markInSec: at, markOutSec: null }
      : { ...state, markInSec: null, markOutSec: at }
  }
  const { project, selection } = projectEdit(
    state.history.present,
    { type: 'segmentAdded', segmentId: newSegmentId, startSec: inSec, endSec: outSec, lane: 0 },
    state,
  )
  if (project === state.history.present) return { ...state, markInSec: inSec, markOutSec: outSec }
  return { ...withProject(state, project), markInSec: null, markOutSec: null, selection }
}
