// The pointer gesture behind every timeline drag: local state while the pointer moves (rendered at once with
// flushSync so the drawn frame matches the pointer), ONE action dispatched on release, nothing on Escape.
// A press that travels less than CLICK_SLOP_PX is a click, not a drag.
import { useCallback, useEffect, useRef, useState, type PointerEvent as ReactPointerEvent } from 'react'
import { flushSync } from 'react-dom'
import type { Project } from '../../../../shared/domain/project'
import type { EditorAction } from '../../state/editor'
import { dragOutcome, snapTargets, type DragOutcome, type DragSubject } from './dragMath'
import { SOUND_LANE_PX } from './layout'

const CLICK_SLOP_PX = 3

export interface DragView {
  project: Project
  pxPerSec: number
  snapEnabled: boolean
  /** Times besides clip and segment edges that edges snap to (playhead, marks). */
  extraTargetsSec: readonly number[]
}

export interface ActiveDrag {
  subject: DragSubject
  outcome: DragOutcome
}

export interface BeginDragOptions {
  /** Left edge of the timeline's time axis on screen, to turn clientX into seconds. */
  originClientX: number
  onClick?: () => void
}

export function useTimelineDrag(view: DragView, dispatch: (a: EditorAction) => void) {
  const [drag, setDrag] = useState<ActiveDrag | null>(null)
  const viewRef = useRef(view)
  viewRef.current = view
  const cleanupRef = useRef<(() => void) | null>(null)
  useEffect(() => () => cleanupRef.current?.(), [])

  const beginDrag = useCallback(
    (e: ReactPointerEvent | PointerEvent, subject: DragSubject, options: BeginDragOptions) => {
      if (e.button !== 0) return
      e.preventDefault()
      cleanupRef.current?.()
      const { project, pxPerSec, snapEnabled, extraTargetsSec } = viewRef.current
      const startX = e.clientX
      const startY = e.clientY
      const targetsSec = snapEnabled ? snapTargets(project, subject, extraTargetsSec) : []
      let moved = false
      let last: DragOutcome | null = null

      const onMove = (ev: PointerEvent) => {
        if (!moved && Math.abs(ev.clientX - startX) < CLICK_SLOP_PX && Math.abs(ev.clientY - startY) < CLICK_SLOP_PX) return
        moved = true
        const pointer = {
          deltaSec: (ev.clientX - startX) / pxPerSec,
          laneDelta: Math.round((ev.clientY - startY) / SOUND_LANE_PX),
          pointerSec: (ev.clientX - options.originClientX) / pxPerSec,
        }
        // Alt held: no snapping for this move.
        last = dragOutcome(subject, pointer, { project, pxPerSec, targetsSec: ev.altKey ? [] : targetsSec })
        const outcome = last
        flushSync(() => setDrag({ subject, outcome }))
      }
      const finish = (commit: boolean) => {
        cleanup()
        setDrag(null)
        if (!commit) return
        if (moved && last?.action) dispatch(last.action)
        else if (!moved) options.onClick?.()
      }
      const onUp = () => finish(true)
      const onCancel = () => finish(false)
      const onKey = (ev: KeyboardEvent) => {
        if (ev.key !== 'Escape') return
        ev.stopPropagation()
        finish(false)
      }
      const cleanup = () => {
        window.removeEventListener('pointermove', onMove)
        window.removeEventListener('pointerup', onUp)
        window.removeEventListener('pointercancel', onCancel)
        window.removeEventListener('keydown', onKey, true)
        cleanupRef.current = null
      }
      window.addEventListener('pointermove', onMove)
      window.addEventListener('pointerup', onUp)
      window.addEventListener('pointercancel', onCancel)
      window.addEventListener('keydown', onKey, true)
      cleanupRef.current = cleanup
    },
    [dispatch],
  )

  return { drag, beginDrag }
}
