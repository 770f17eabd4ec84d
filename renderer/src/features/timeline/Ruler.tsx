// The ruler: timecode labels for the visible part (the timeline's start timecode plus the time, at its rate), the
// I/O marks, and the playhead's head. Press or drag on it to move the playhead (snapping to edits when on).
import { memo, useCallback, type PointerEvent as ReactPointerEvent } from 'react'
import { flushSync } from 'react-dom'
import { snapPoint, snapThresholdSec } from '../../lib/snapping'
import { secToFrames, timecodeText, type FrameRate } from '../../../../shared/domain/timecode'
import { secToPx } from '../../lib/timecode'
import { HEADER_PX, RULER_PX, type TimeWindow } from './layout'
import { rulerStepSec, rulerTicks } from './rulerTicks'
import { takeFocus } from './useTimelineDrag'

interface RulerProps {
  timeWindow: TimeWindow
  pxPerSec: number
  playheadSec: number
  markInSec: number | null
  markOutSec: number | null
  /** The timeline's rate and its first frame's timecode, in frames (the labels count in them). */
  rate: FrameRate
  startFrames: number
  /** Times the playhead snaps to while scrubbing (empty when snapping is off). */
  snapTargetsSec: () => readonly number[]
  /** Puts an unsnapped time on a frame boundary (the playhead always shows a whole frame). */
  alignToFrame: (sec: number) => number
  originClientX: () => number
  onScrub: (sec: number) => void
}

/** Room for a timecode label ("01:00:02:13"). */
const RULER_LABEL_PX = 90

export const Ruler = memo(function Ruler(props: RulerProps) {
  const { timeWindow, pxPerSec, playheadSec, markInSec, markOutSec, rate, startFrames, snapTargetsSec, alignToFrame, originClientX, onScrub } = props
  const step = rulerStepSec(pxPerSec, RULER_LABEL_PX)
  const ticks = rulerTicks(timeWindow.toSec, pxPerSec, timeWindow.fromSec, RULER_LABEL_PX)

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
            {timecodeText(startFrames + secToFrames(t, rate), rate)}
          </span>
        ))}
        <span className="playhead-head" style={{ transform: `translateX(${secToPx(playheadSec, pxPerSec)}px)` }} />
        {markInSec !== null && <span className="mark mark-in" style={{ left: secToPx(markInSec, pxPerSec) }} title="In point (I)" />}
        {markOutSec !== null && <span className="mark mark-out" style={{ left: secToPx(markOutSec, pxPerSec) }} title="Out point (O)" />}
      </div>
    </div>
  )
})
