// Sound lanes: the segments that get generated sound. Drag on empty lane space to mark a range; drag a segment
// to move it (also to another lane), its edges to resize. A segment longer than the model's window shows where
// its chunks overlap and are joined.
import { memo, type PointerEvent as ReactPointerEvent } from 'react'
import type { Segment } from '../../../../shared/domain/project'
import { formatTimecode, secToPx } from '../../lib/timecode'
import { TakeWaveform } from '../takes/TakeWaveform'
import { chunkMarks } from './chunkMarks'
import { DETAIL_MIN_PX, HEADER_PX, intersects, SOUND_LANE_PX, STICKY_LABEL_MIN_PX, type TimeWindow } from './layout'
import { isPointerFocus } from './useTimelineDrag'

export type SegmentPart = 'body' | 'start' | 'end'
export type SegmentPointerDown = (e: ReactPointerEvent, segmentId: string, part: SegmentPart) => void

interface SoundLanesProps {
  segments: readonly Segment[]
  laneCount: number
  pxPerSec: number
  timeWindow: TimeWindow
  selectedSegmentId: string | null
  onSegmentPointerDown: SegmentPointerDown
  onLanePointerDown: (e: ReactPointerEvent, lane: number) => void
  onFocusSelect: (segmentId: string) => void
}

/** Memoised: a clip drag or the playhead moving leaves the segments' props untouched, so this skips. */
export const SoundLanes = memo(function SoundLanes(props: SoundLanesProps) {
  const { segments, laneCount, pxPerSec, timeWindow, selectedSegmentId, onSegmentPointerDown, onLanePointerDown, onFocusSelect } = props
  const byLane: Segment[][] = Array.from({ length: laneCount }, () => [])
  for (const s of segments) if (intersects(s.startSec, s.endSec, timeWindow)) byLane[s.lane]?.push(s)
  return (
    <>
      {byLane.map((laneSegments, lane) => (
        <div key={lane} className="track-row sound-row" style={{ height: SOUND_LANE_PX }} aria-label={`Sound lane ${lane + 1}`}>
          <div className="row-header" style={{ width: HEADER_PX }}>
            <span className="row-name">S{lane + 1}</span>
            <span className="row-kind">Sound</span>
          </div>
          <div
            className="row-body lane-body"
            data-testid={`sound-lane-${lane}`}
            onPointerDown={(e) => e.target === e.currentTarget && onLanePointerDown(e, lane)}
          >
            {lane === laneCount - 1 && laneSegments.length === 0 && (
              <div className="lane-hint">Drag here to mark a range for sound · or I and O at the playhead</div>
            )}
            {laneSegments.map((s) => (
              <SegmentBlock
                key={s.id}
                segment={s}
                pxPerSec={pxPerSec}
                selected={s.id === selectedSegmentId}
                onPointerDown={onSegmentPointerDown}
                onFocusSelect={onFocusSelect}
              />
            ))}
          </div>
        </div>
      ))}
    </>
  )
})

interface SegmentBlockProps {
  segment: Segment
  pxPerSec: number
  selected: boolean
  onPointerDown: SegmentPointerDown
  onFocusSelect: (segmentId: string) => void
}

const SegmentBlock = memo(function SegmentBlock({ segment, pxPerSec, selected, onPointerDown, onFocusSelect }: SegmentBlockProps) {
  const lengthSec = segment.endSec - segment.startSec
  const widthPx = secToPx(lengthSec, pxPerSec)
  const marks = chunkMarks(lengthSec, segment.params.windowSec)
  const label = segment.params.prompt.trim() || 'New segment'
  const takes = segment.takes.length
  const activeTake = segment.takes.find((t) => t.id === segment.activeTakeId)
  return (
    <div
      className={`segment${selected ? ' selected' : ''}`}
      role="button"
      tabIndex={0}
      aria-pressed={selected}
      aria-label={`Segment ${formatTimecode(segment.startSec, 2)} to ${formatTimecode(segment.endSec, 2)}`}
      data-testid="segment"
      data-segment-id={segment.id}
      data-start-sec={segment.startSec}
      data-end-sec={segment.endSec}
      data-lane={segment.lane}
      data-chunks={marks.chunkCount}
      style={{ left: secToPx(segment.startSec, pxPerSec), width: Math.max(2, widthPx) }}
      onPointerDown={(e) => onPointerDown(e, segment.id, 'body')}
      onFocus={(e) => e.target === e.currentTarget && !isPointerFocus() && onFocusSelect(segment.id)}
      title={`${label} · ${formatTimecode(lengthSec, 2)}${marks.chunkCount > 1 ? ` · ${marks.chunkCount} chunks of ${segment.params.windowSec} s` : ''}`}
    >
      {activeTake && <TakeWaveform take={activeTake} widthPx={secToPx(lengthSec, pxPerSec)} />}
      {marks.overlaps.map((o, i) => (
        <div
          key={i}
          className="chunk-overlap"
          data-testid="chunk-overlap"
          style={{ left: secToPx(o.startSec, pxPerSec), width: secToPx(o.endSec - o.startSec, pxPerSec) }}
        >
          <div className="chunk-seam" style={{ left: secToPx(marks.seamsSec[i]! - o.startSec, pxPerSec) }} />
        </div>
      ))}
      {/* A block a few pixels wide is only a block: no label or handles to draw (zoom in to resize). */}
      {widthPx >= DETAIL_MIN_PX && (
        <>
          <div className={`segment-label${widthPx >= STICKY_LABEL_MIN_PX ? ' sticky' : ''}`}>
            <span className="segment-name">{label}</span>
            <span className="segment-meta">
              {formatTimecode(lengthSec, 1)}
              {marks.chunkCount > 1 ? ` · ${marks.chunkCount} chunks` : ''}
              {takes > 0 ? ` · ${takes} take${takes > 1 ? 's' : ''}` : ''}
            </span>
          </div>
          <div className="handle handle-start" data-testid="resize-start" onPointerDown={(e) => { e.stopPropagation(); onPointerDown(e, segment.id, 'start') }} />
          <div className="handle handle-end" data-testid="resize-end" onPointerDown={(e) => { e.stopPropagation(); onPointerDown(e, segment.id, 'end') }} />
        </>
      )}
    </div>
  )
})
