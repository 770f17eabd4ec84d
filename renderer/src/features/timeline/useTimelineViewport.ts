// The timeline's scroll viewport: which time window to draw (updated at most once a frame, and only when it
// crosses a quantum), zoom that keeps its anchor still on screen, Ctrl/Cmd+wheel zoom at the mouse, and
// keeping the playhead in view when it is moved from the keyboard.
import { useCallback, useEffect, useLayoutEffect, useRef, useState, type RefObject } from 'react'
import type { EditorAction, ZoomAnchor } from '../../state/editor'
import { scrollLeftForZoom, ZOOM_STEP } from '../../lib/zoom'
import { HEADER_PX, sameWindow, visibleWindow, type TimeWindow } from './layout'

interface ViewportInput {
  pxPerSec: number
  zoomAnchor: ZoomAnchor | null
  playheadSec: number
  dispatch: (a: EditorAction) => void
  /** Written with the body width (viewport minus headers) so commands like zoom-to-fit can read it. */
  bodyWidthRef?: RefObject<number> | undefined
}

export function useTimelineViewport({ pxPerSec, zoomAnchor, playheadSec, dispatch, bodyWidthRef }: ViewportInput) {
  const scrollRef = useRef<HTMLDivElement>(null)
  const [timeWindow, setTimeWindow] = useState<TimeWindow>(() => visibleWindow(0, 0, pxPerSec))
  const [bodyWidthPx, setBodyWidthPx] = useState(0)
  const pxRef = useRef(pxPerSec)
  // Read by effects that must not re-run when these alone change (a playhead move is not a zoom; a resize alone
  // does not scroll): the latest value, without being a dependency.
  const playheadRef = useRef(playheadSec)
  playheadRef.current = playheadSec
  const bodyWidthPxRef = useRef(bodyWidthPx)
  bodyWidthPxRef.current = bodyWidthPx
  const frameRef = useRef(0)
  /** The scroll position as of the last scroll event: reading el.scrollLeft after a render forces a layout. */
  const scrollLeftRef = useRef(0)

  const measure = useCallback(() => {
    const el = scrollRef.current
    if (!el) return
    const bodyPx = Math.max(0, el.clientWidth - HEADER_PX)
    if (bodyWidthRef) bodyWidthRef.current = bodyPx
    setBodyWidthPx(bodyPx)
    const next = visibleWindow(el.scrollLeft, el.clientWidth, pxRef.current)
    setTimeWindow((prev) => (sameWindow(prev, next) ? prev : next))
  }, [bodyWidthRef])

  const onScroll = useCallback(() => {
    scrollLeftRef.current = scrollRef.current?.scrollLeft ?? 0
    if (frameRef.current) return
    frameRef.current = requestAnimationFrame(() => {
      frameRef.current = 0
      measure()
    })
  }, [measure])

  useEffect(() => {
    const el = scrollRef.current
    if (!el || typeof ResizeObserver === 'undefined') return
    const ro = new ResizeObserver(measure)
    ro.observe(el)
    return () => {
      ro.disconnect()
      cancelAnimationFrame(frameRef.current)
    }
  }, [measure])

  // Zoom: keep the anchor time where it was on screen.
  useLayoutEffect(() => {
    const el = scrollRef.current
    const prev = pxRef.current
    pxRef.current = pxPerSec
    if (el && zoomAnchor?.pin === 'left') {
      el.scrollLeft = zoomAnchor.sec * pxPerSec
      scrollLeftRef.current = el.scrollLeft
    } else if (el && prev !== pxPerSec) {
      el.scrollLeft = scrollLeftForZoom(zoomAnchor?.sec ?? playheadRef.current, prev, el.scrollLeft, pxPerSec)
      scrollLeftRef.current = el.scrollLeft
    }
    measure()
  }, [pxPerSec, zoomAnchor, measure])

  // Ctrl/Cmd + wheel (and trackpad pinch) zooms at the mouse, a plain wheel scrolls; needs a non-passive listener to stop page zoom.
  useEffect(() => {
    const el = scrollRef.current
    if (!el) return
    const onWheel = (e: WheelEvent) => {
      if (!(e.ctrlKey || e.metaKey)) {
        // A plain wheel scrolls along the timeline when there is nothing to scroll vertically.
        if (!e.shiftKey && el.scrollHeight <= el.clientHeight && Math.abs(e.deltaY) > Math.abs(e.deltaX)) {
          e.preventDefault()
          el.scrollLeft += e.deltaY
        }
        return
      }
      e.preventDefault()
      const rect = el.getBoundingClientRect()
      const anchorSec = Math.max(0, (e.clientX - rect.left - HEADER_PX + el.scrollLeft) / pxRef.current)
      dispatch({ type: 'zoomed', pxPerSec: pxRef.current * ZOOM_STEP ** (-e.deltaY / 100), anchorSec })
    }
    el.addEventListener('wheel', onWheel, { passive: false })
    return () => el.removeEventListener('wheel', onWheel)
  }, [dispatch])

  // Keep the playhead on screen when it leaves it (frame steps, Home/End, edit points).
  // Uses the remembered scroll position and width, so a playhead moving every frame never forces a layout.
  useEffect(() => {
    const el = scrollRef.current
    const widthPx = bodyWidthPxRef.current
    if (!el || widthPx === 0) return
    const x = playheadSec * pxRef.current
    const left = scrollLeftRef.current
    if (x >= left && x <= left + widthPx - 16) return
    el.scrollLeft = Math.max(0, x - widthPx / 2)
    scrollLeftRef.current = el.scrollLeft
  }, [playheadSec])

  /** clientX of time 0 (the left of the time axis, which scrolls with the content). */
  const originClientX = useCallback(() => {
    const el = scrollRef.current
    return el ? el.getBoundingClientRect().left + HEADER_PX - el.scrollLeft : HEADER_PX
  }, [])

  return { scrollRef, timeWindow, bodyWidthPx, onScroll, originClientX }
}
