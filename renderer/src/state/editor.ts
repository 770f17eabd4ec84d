// The editor's state: the project under undo history, plus view state (selection, zoom) that is not undone.
import type { Asset } from '../../../shared/domain/asset'
import type { Project } from '../../../shared/domain/project'
import { commit, createHistory, redo, reset, undo, type History } from './history'
import { addAssets } from './project'

export interface EditorState {
  history: History<Project>
  selectedClipId: string | null
  pxPerSec: number
}

export type EditorAction =
  | { type: 'assetsImported'; assets: readonly Asset[]; newIds: readonly string[] }
  | { type: 'projectLoaded'; project: Project }
  | { type: 'clipSelected'; clipId: string | null }
  | { type: 'zoomed'; pxPerSec: number }
  | { type: 'undo' }
  | { type: 'redo' }

export const MIN_PX_PER_SEC = 2
export const MAX_PX_PER_SEC = 400

export function createEditorState(project: Project): EditorState {
  return { history: createHistory(project), selectedClipId: null, pxPerSec: 40 }
}

export function editorReducer(state: EditorState, action: EditorAction): EditorState {
  switch (action.type) {
    case 'assetsImported': {
      const ids = [...action.newIds]
      const next = addAssets(state.history.present, action.assets, () => ids.shift() ?? crypto.randomUUID())
      return { ...state, history: commit(state.history, next) }
    }
    case 'projectLoaded':
      return { ...state, history: reset(action.project), selectedClipId: null }
    case 'clipSelected':
      return { ...state, selectedClipId: action.clipId }
    case 'zoomed':
      return { ...state, pxPerSec: Math.min(MAX_PX_PER_SEC, Math.max(MIN_PX_PER_SEC, action.pxPerSec)) }
    case 'undo':
      return { ...state, history: undo(state.history) }
    case 'redo':
      return { ...state, history: redo(state.history) }
  }
}
