// The selected segment's focus box, drawn on the monitor's picture: the box (if any), and the square MMAudio's
// timing model will look at (the box's central square; with no box, the frame's), everything outside it shaded.
// Dragging on the picture draws a new box; releasing commits it (one history entry); Escape drops a drag. The
// caption beside the transport says what the model is shown and clears the box.
import { useEffect, useLayoutEffect, useRef, useState, type PointerEvent } from 'react'
import { type FocusBox, type FrameSize, focusFromCorners, focusText, syncSquare } from '../../../../shared/domain/focus'
import './monitor.css'

export interface FocusTarget {
  /** The segment's box; null = the whole frame. */
  box: FocusBox | null
  /** The picture as displayed (rotation applied), in pixels. */
  frame: FrameSize
  onChange: (box: FocusBox | null) => void
}

interface Rect {
  left: number
  top: number
  width: number
  height: number
}

/** Where the video element's picture is inside its positioned parent (it keeps its aspect, centred). */
function useVideoRect(video: HTMLVideoElement): Rect | null {
  const [rect, setRect] = useState<Rect | null>(null)
  useLayoutEffect(() => {
    const measure = () =>
      setRect({ left: video.offsetLeft, top: video.offsetTop, width: video.offsetWidth, height: video.offsetHeight })
    measure()
    const observer = new ResizeObserver(measure)
    observer.observe(video)
    video.addEventListener('loadedmetadata', measure)
    return () => {
      observer.disconnect()
      video.removeEventListener('loadedmetadata', measure)
    }
  }, [video])
  return rect
}

const boxStyle = (b: FocusBox) => ({
  left: `${b.x * 100}%`,
  top: `${b.y * 100}%`,
  width: `${b.w * 100}%`,
  height: `${b.h * 100}%`,
})

type Point = { x: number; y: number }

export function FocusOverlay({ video, target }: { video: HTMLVideoElement; target: FocusTarget }) {
  const rect = useVideoRect(video)
  const [drag, setDrag] = useState<{ from: Point; to: Point } | null>(null)
  const surface = useRef<HTMLDivElement>(null)

  useEffect(() => {
    if (!drag) return
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'Escape') return
      e.stopPropagation()
      setDrag(null)
    }
    window.addEventListener('keydown', onKey, true)
    return () => window.removeEventListener('keydown', onKey, true)
  }, [drag])

  if (!rect || rect.width < 4 || rect.height < 4) return null
  const at = (e: PointerEvent): Point => {
    const r = surface.current!.getBoundingClientRect()
    return { x: (e.clientX - r.left) / r.width, y: (e.clientY - r.top) / r.height }
  }
  const drawn = drag ? focusFromCorners(drag.from, drag.to) : null
  const shown = drag ? drawn : target.box
  const square = syncSquare(shown, target.frame)

  return (
    <div
      ref={surface}
      className="focus-overlay"
      role="application"
      data-testid="focus-overlay"
      aria-label="Focus box: drag on the picture to draw it"
      style={{ left: rect.left, top: rect.top, width: rect.width, height: rect.height }}
      onPointerDown={(e) => {
        if (e.button !== 0) return
        e.currentTarget.setPointerCapture(e.pointerId)
        const p = at(e)
        setDrag({ from: p, to: p })
      }}
      onPointerMove={(e) => drag && setDrag({ from: drag.from, to: at(e) })}
      onPointerUp={(e) => {
        if (!drag) return
        const box = focusFromCorners(drag.from, at(e))
        setDrag(null)
        if (box) target.onChange(box)
      }}
      onPointerCancel={() => setDrag(null)}
    >
      <div className="sync-square" data-testid="sync-square" style={boxStyle(square)}>
        <span className="sync-square-label">timing model</span>
      </div>
      {shown && <div className="focus-box" data-testid="focus-box" style={boxStyle(shown)} />}
    </div>
  )
}

/** Under the picture, beside the transport: what the model is shown, and the way back to the whole frame. */
export function FocusCaption({ target }: { target: FocusTarget }) {
  return (
    <div className="focus-caption" data-testid="focus-caption">
      <span title="MMAudio's timing model sees only the clear square: the middle of the picture, or of the focus box. Drag on the picture to choose what it is shown.">
        Model sees {focusText(target.box)}
      </span>
      {!target.box && <span className="focus-hint">· drag to focus</span>}
      {target.box && (
        <button type="button" className="tool" onClick={() => target.onChange(null)} aria-label="Clear focus box">
          Whole frame
        </button>
      )}
    </div>
  )
}
