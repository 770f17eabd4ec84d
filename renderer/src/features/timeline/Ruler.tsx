// The ruler: timecode labels for the visible part, the I/O marks, and the playhead's head. Press or drag on it
// to move the playhead (snapping to edits when snapping is on).
import { memo, useCallback, type PointerEvent as ReactPointerEvent } from 'react'
import { flushSync } from 'react-dom'
import { snapPoint, snapThresholdSec } from '../../lib/snapping'
import { formatTimecode, secToPx } from '../../lib/timecode'
import { HEADER_PX, RULER_PX, type TimeWindow } from './layout'
import { rulerStepSec, rulerTicks } from './rulerTicks'
import { takeFocus } from './useTimelineDrag'

interface RulerProps {
  timeWindow: TimeWindow
  pxPerSec: number
  playheadSec: number
  markInSec: number | null
  markOutSec: number | null
  /** Times the playhead snaps to while scrubbing (empty when snapping is off). */
  snapTargetsSec: () => readonly number[]
  /** Puts an unsnapped time on a frame boundary (the playhead always shows a whole frame). */
  alignToFrame: (sec: number) => number
  originClientX: () => number
  onScrub: (sec: number) => void
}

export const Ruler = memo(function Ruler(props: RulerProps) {
  const { timeWindow, pxPerSec, playheadSec, markInSec, markOutSec, snapTargetsSec, alignToFrame, originClientX, onScrub } = props
  const step = rulerStepSec(pxPerSec)
  const ticks = rulerTicks(timeWindow.toSec, pxPerSec, timeWindow.fromSec)

  const onPointerDown = useCallback(
    (e: ReactPointerEvent) => {
      if (e.button !== 0) return
      e.preventDefault()
      takeFocus(e.target)
      const targets = snapTargetsSec()
      const threshold = snapThresholdSec(pxPerSec)
      const origin = originClientX()
      const at = (clientX: number, alt: boolean) => {
        const sec = Math.max(0, (clientX - origin) / pxPerSec)
        const snapped = alt ? null : snapPoint(sec, targets, threshold).snappedToSec
        return snapped ?? alignToFrame(sec)
      }
      onScrub(at(e.clientX, e.altKey))
      const onMove = (ev: PointerEvent) => flushSync(() => onScrub(at(ev.clientX, ev.altKey)))
      const onUp = () => {
        window.removeEventListener('pointermove', onMove)
        window.removeEventListener('pointerup', onUp)
      }
      window.addEventListener('pointermove', onMove)
      window.addEventListener('pointerup', onUp)
    },
    [pxPerSec, snapTargetsSec, alignToFrame, originClientX, onScrub],
  )

  const minorPx = secToPx(step / 5, pxPerSec)
  return (
    <div className="ruler-row" style={{ height: RULER_PX }}>
      <div className="row-header ruler-corner" style={{ width: HEADER_PX }} />
      <div
        className="ruler"
        data-testid="ruler"
        onPointerDown={onPointerDown}
        style={{ backgroundSize: `${minorPx}px 6px` }}
        title="Click or drag to move the playhead"
      >
        {ticks.map((t) => (
          <span key={t} className="tick" style={{ left: secToPx(t, pxPerSec) }}>
            {formatTimecode(t, step < 1 ? (step < 0.1 ? 2 : 1) : 0)}
          </span>
        ))}
        <span className="playhead-head" style={{ transform: `translateX(${secToPx(playheadSec, pxPerSec)}px)` }} />
        {markInSec !== null && <span className="mark mark-in" style={{ left: secToPx(markInSec, pxPerSec) }} title="In point (I)" />}
        {markOutSec !== null && <span className="mark mark-out" style={{ left: secToPx(markOutSec, pxPerSec) }} title="Out point (O)" />}
      </div>
    </div>
  )
})
