// The pointer gesture behind every timeline drag: local state while the pointer moves (rendered at once with
// flushSync so the drawn frame matches the pointer), ONE action dispatched on release, nothing on Escape.
// A press that travels less than CLICK_SLOP_PX is a click, not a drag. Near the viewport's left or right edge
// the timeline scrolls by itself and the drag follows, so a clip can be taken anywhere.
import { useCallback, useEffect, useRef, useState, type PointerEvent as ReactPointerEvent } from 'react'
import { flushSync } from 'react-dom'
import type { Project } from '../../../../shared/domain/project'
import type { EditorAction } from '../../state/editor'
import { dragOutcome, snapTargets, type DragOutcome, type DragSubject } from './dragMath'
import { HEADER_PX, SOUND_LANE_PX } from './layout'

const CLICK_SLOP_PX = 3
/** Auto-scroll starts this close to an edge; its speed grows to this many px per frame at the edge. */
const EDGE_PX = 40

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
  /** The scrolling viewport, for auto-scroll at its edges. */
  scrollEl?: HTMLElement | null
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
      e.preventDefault() // no text selection; focus is handled just below
      takeFocus(e.target)
      capturePointer(e)
      cleanupRef.current?.()
      const { project, pxPerSec, snapEnabled, extraTargetsSec } = viewRef.current
      const startX = e.clientX
      const startY = e.clientY
      const targetsSec = snapEnabled ? snapTargets(project, subject, extraTargetsSec) : []
      const scrollEl = options.scrollEl ?? null
      const startScroll = scrollEl?.scrollLeft ?? 0
      // Read once: the viewport does not move during a drag, and a read per move would force a layout.
      const scrollRect = scrollEl?.getBoundingClientRect() ?? null
      let moved = false
      let last: DragOutcome | null = null
      let pointerNow = { x: startX, y: startY, alt: false }
      let autoFrame = 0

      const update = () => {
        // Travel in content pixels: what the pointer moved plus what the timeline scrolled under it.
        const scrolled = (scrollEl?.scrollLeft ?? 0) - startScroll
        const pointer = {
          deltaSec: (pointerNow.x - startX + scrolled) / pxPerSec,
          laneDelta: Math.round((pointerNow.y - startY) / SOUND_LANE_PX),
          pointerSec: (pointerNow.x - options.originClientX + scrolled) / pxPerSec,
        }
        // Alt held: no snapping for this move.
        last = dragOutcome(subject, pointer, { project, pxPerSec, targetsSec: pointerNow.alt ? [] : targetsSec })
        const outcome = last
        flushSync(() => setDrag({ subject, outcome }))
      }
      const edgeSpeed = () => {
        const r = scrollRect
        if (!r || r.width === 0) return 0
        const { x } = pointerNow
        if (x < r.left + HEADER_PX + EDGE_PX) return -Math.min(EDGE_PX, r.left + HEADER_PX + EDGE_PX - x)
        if (x > r.right - EDGE_PX) return Math.min(EDGE_PX, x - (r.right - EDGE_PX))
        return 0
      }
      const autoScroll = () => {
        autoFrame = 0
        const speed = edgeSpeed()
        if (!scrollEl || speed === 0) return
        const before = scrollEl.scrollLeft
        scrollEl.scrollLeft = Math.max(0, before + speed / 2)
        if (scrollEl.scrollLeft !== before) update()
        autoFrame = requestAnimationFrame(autoScroll)
      }
      const onMove = (ev: PointerEvent) => {
        if (!moved && Math.abs(ev.clientX - startX) < CLICK_SLOP_PX && Math.abs(ev.clientY - startY) < CLICK_SLOP_PX)
          return
        moved = true
        pointerNow = { x: ev.clientX, y: ev.clientY, alt: ev.altKey }
        update()
        if (!autoFrame && edgeSpeed() !== 0) autoFrame = requestAnimationFrame(autoScroll)
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
        cancelAnimationFrame(autoFrame)
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

/**
 * Focus follows the press as in an editor: the pressed clip or segment takes focus (without scrolling), and a
 * press elsewhere on the timeline takes focus out of any text field, so Delete or S act on the timeline.
 */
export function takeFocus(target: EventTarget | null): void {
  const focusable = target instanceof Element ? target.closest<HTMLElement>('[tabindex]') : null
  if (!focusable) {
    if (document.activeElement instanceof HTMLElement) document.activeElement.blur()
    return
  }
  focusingFromPointer = true
  try {
    focusable.focus({ preventScroll: true })
  } finally {
    focusingFromPointer = false
  }
}

let focusingFromPointer = false
/** A focus event caused by a press (which already selected): only keyboard focus should select. */
export const isPointerFocus = (): boolean => focusingFromPointer

/** Keep receiving the pointer when it leaves the window mid-drag, so a release outside still ends the drag. */
function capturePointer(e: ReactPointerEvent | PointerEvent): void {
  const el = e.target instanceof Element ? e.target : null
  try {
    el?.setPointerCapture?.(e.pointerId)
  } catch {
    // No active pointer with that id (synthetic events): window listeners still see the moves.
  }
}
