// Every editor command as a function: the keyboard hook and the toolbar buttons both call these. New ids are
// made here, so the reducer stays pure.
import { useMemo, useRef, type Dispatch } from 'react'
import { zoomedBy, zoomToFit } from '../../lib/zoom'
import type { EditorAction, EditorState } from '../../state/editor'
import { editPoint } from '../../state/playhead'
import { timelineEndSec } from '../../../../shared/domain/placement'
import { contentEndSec } from '../../state/project'
import type { Command } from './shortcuts'

export interface EditorCommandDeps {
  state: EditorState
  dispatch: Dispatch<EditorAction>
  importFromDialog: () => void
  /** The timeline's drawable width in px (for zoom to fit), kept up to date by the timeline. */
  bodyWidthRef: { current: number }
}

export type RunCommand = (command: Command) => void

export function useEditorCommands({ state, dispatch, importFromDialog, bodyWidthRef }: EditorCommandDeps): RunCommand {
  const stateRef = useRef(state)
  stateRef.current = state
  return useMemo(() => {
    const newId = () => crypto.randomUUID()
    return (command: Command) => {
      const s = stateRef.current
      const project = s.history.present
      const endSec = timelineEndSec(project.clips)
      const go = (sec: number) => dispatch({ type: 'playheadMoved', sec })
      switch (command) {
        case 'undo':
          return dispatch({ type: 'undo' })
        case 'redo':
          return dispatch({ type: 'redo' })
        case 'import':
          return importFromDialog()
        case 'split':
          return dispatch({ type: 'splitAtPlayhead', newClipId: newId() })
        case 'delete':
        case 'rippleDelete':
          return dispatch({ type: 'selectionDeleted', ripple: command === 'rippleDelete' })
        case 'markIn':
          return dispatch({ type: 'markIn', newSegmentId: newId() })
        case 'markOut':
          return dispatch({ type: 'markOut', newSegmentId: newId() })
        case 'zoomIn':
        case 'zoomOut':
          return dispatch({ type: 'zoomed', pxPerSec: zoomedBy(s.pxPerSec, command === 'zoomIn' ? 1 : -1), anchorSec: s.playheadSec })
        case 'zoomFit':
          return dispatch({
            type: 'zoomed',
            pxPerSec: zoomToFit(Math.max(contentEndSec(project), 1), bodyWidthRef.current),
            anchorSec: 0,
            pinLeft: true,
          })
        case 'frameBack':
        case 'frameForward':
        case 'framesBack10':
        case 'framesForward10': {
          const frames = { frameBack: -1, frameForward: 1, framesBack10: -10, framesForward10: 10 }[command]
          return dispatch({ type: 'playheadStepped', frames })
        }
        case 'previousEdit':
        case 'nextEdit':
          return go(editPoint(project, s.playheadSec, command === 'nextEdit' ? 1 : -1))
        case 'goToStart':
          return go(0)
        case 'goToEnd':
          return go(endSec)
        case 'toggleSnap':
          return dispatch({ type: 'snapToggled' })
        case 'deselect':
          dispatch({ type: 'marksCleared' })
          return dispatch({ type: 'selected', selection: null })
      }
    }
  }, [dispatch, importFromDialog, bodyWidthRef])
}
