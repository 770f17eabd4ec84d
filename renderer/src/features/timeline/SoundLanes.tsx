// Sound lanes: the segments that get generated sound, drawn where they show (shared/domain/placement.ts). A
// segment made from a picture is drawn attached (solid, with a link mark) wherever clips show that picture, and
// lights up when one of those clips is selected; one in timeline time (a text-only bed, a range over a gap) is
// drawn free (striped). Drag on empty lane space to mark a range; drag a piece to move its segment (also to
// another lane), its edges to resize. A segment longer than the model's window shows where its chunks overlap.
import { memo, type PointerEvent as ReactPointerEvent, useContext } from 'react'
import type { PlacedPiece } from '../../../../shared/domain/placement'
import { segmentLengthSec } from '../../../../shared/domain/placement'
import type { Segment } from '../../../../shared/domain/project'
import { TIME_EPS } from '../../../../shared/domain/time'
import { formatTimecode, secToPx } from '../../lib/timecode'
import type { SegmentActivity } from '../jobs/jobState'
import { SegmentActivityContext } from '../jobs/SegmentActivityContext'
import { TakeWaveform } from '../takes/TakeWaveform'
import { useCutsOf } from '../shots/useShots'
import { segmentCutsSec, segmentMarks } from './chunkMarks'
import { DETAIL_MIN_PX, HEADER_PX, intersects, SOUND_LANE_PX, STICKY_LABEL_MIN_PX, type TimeWindow } from './layout'
import { EdgeHandles } from './EdgeHandles'
import { isPointerFocus } from './useTimelineDrag'

export type SegmentPart = 'body' | 'start' | 'end'
/** A press on a piece of a segment: which segment, the piece's start (which piece), and where on it. */
export type SegmentPointerDown = (
  e: ReactPointerEvent,
  segmentId: string,
  pieceStartSec: number,
  part: SegmentPart,
) => void

interface SoundLanesProps {
  segments: readonly Segment[]
  pieces: readonly PlacedPiece[]
  laneCount: number
  pxPerSec: number
  timeWindow: TimeWindow
  selectedSegmentId: string | null
  /** The selected clip: the pieces that show through it are highlighted. */
  selectedClipId: string | null
  onSegmentPointerDown: SegmentPointerDown
  onLanePointerDown: (e: ReactPointerEvent, lane: number) => void
  onFocusSelect: (segmentId: string) => void
}

/** Memoised: a clip drag or the playhead moving leaves the segments' props untouched, so this skips. */
export const SoundLanes = memo(function SoundLanes(props: SoundLanesProps) {
  const { segments, pieces, laneCount, pxPerSec, timeWindow, selectedSegmentId, selectedClipId } = props
  const { onSegmentPointerDown, onLanePointerDown, onFocusSelect } = props
  const byId = new Map(segments.map((s) => [s.id, s]))
  const activity = useContext(SegmentActivityContext)
  const byLane: PlacedPiece[][] = Array.from({ length: laneCount }, () => [])
  for (const p of pieces) if (intersects(p.startSec, p.endSec, timeWindow)) byLane[p.lane]?.push(p)
  return (
    <>
      {byLane.map((lanePieces, lane) => (
        <div
          // biome-ignore lint/suspicious/noArrayIndexKey: a lane is its index (lane 2 is the third lane)
          key={lane}
          role="group"
          className="track-row sound-row"
          style={{ height: SOUND_LANE_PX }}
          aria-label={`Sound lane ${lane + 1}`}
        >
          <div className="row-header" style={{ width: HEADER_PX }}>
            <span className="row-name">S{lane + 1}</span>
            <span className="row-kind">Sound</span>
          </div>
          <div
            className="row-body lane-body"
            data-testid={`sound-lane-${lane}`}
            onPointerDown={(e) => e.target === e.currentTarget && onLanePointerDown(e, lane)}
          >
            {lane === laneCount - 1 && lanePieces.length === 0 && (
              <div className="lane-hint">Drag here to mark a range for sound · or I and O at the playhead</div>
            )}
            {lanePieces.map((p) => {
              const segment = byId.get(p.segmentId)
              return (
                segment && (
                  <SegmentBlock
                    key={`${p.segmentId}@${p.startSec}`}
                    segment={segment}
                    startSec={p.startSec}
                    endSec={p.endSec}
                    offsetSec={p.offsetSec}
                    lane={p.lane}
                    pxPerSec={pxPerSec}
                    selected={p.segmentId === selectedSegmentId}
                    linked={selectedClipId !== null && p.clipIds.includes(selectedClipId)}
                    activity={activity.get(p.segmentId) ?? null}
                    onPointerDown={onSegmentPointerDown}
                    onFocusSelect={onFocusSelect}
                  />
                )
              )
            })}
          </div>
        </div>
      ))}
    </>
  )
})

/** One piece of a segment; given as plain numbers, so a block whose piece did not change skips re-rendering. */
interface SegmentBlockProps {
  segment: Segment
  startSec: number
  endSec: number
  offsetSec: number
  lane: number
  pxPerSec: number
  selected: boolean
  linked: boolean
  /** A generation running for it, or its last one failed. */
  activity: SegmentActivity | null
  onPointerDown: SegmentPointerDown
  onFocusSelect: (segmentId: string) => void
}

const SegmentBlock = memo(function SegmentBlock(props: SegmentBlockProps) {
  const { segment, startSec, endSec, offsetSec, lane, pxPerSec, selected, linked, activity } = props
  const { onPointerDown, onFocusSelect } = props
  const pieceSec = endSec - startSec
  const widthPx = secToPx(pieceSec, pxPerSec)
  const segmentSec = segmentLengthSec(segment)
  const cutsOf = useCutsOf()
  const marks = segmentMarks(segment, segmentCutsSec(segment, cutsOf))
  const label = segment.params.prompt.trim() || 'New segment'
  const takes = segment.takes.length
  const activeTake = segment.takes.find((t) => t.id === segment.activeTakeId)
  const attached = segment.anchor.kind === 'source'
  const cutHead = offsetSec > TIME_EPS
  const cutTail = offsetSec + pieceSec < segmentSec - TIME_EPS
  const classes = [
    'segment',
    attached ? 'attached' : 'free',
    selected && 'selected',
    linked && 'linked',
    cutHead && 'cut-head',
    cutTail && 'cut-tail',
    activity?.kind,
  ]
  const kind = attached ? 'follows its clip' : 'on the timeline'
  const doing =
    activity?.kind === 'generating'
      ? `Generating${activity.progress === null ? '' : ` ${Math.round(activity.progress * 100)} %`}`
      : activity?.kind === 'failed'
        ? `Generation failed: ${activity.message}`
        : null
  return (
    <div
      className={classes.filter(Boolean).join(' ')}
      role="button"
      tabIndex={0}
      aria-pressed={selected}
      aria-label={`Segment ${formatTimecode(startSec, 2)} to ${formatTimecode(endSec, 2)}, ${kind}${activity ? `, ${activity.kind === 'generating' ? 'generating' : 'generation failed'}` : ''}`}
      data-testid="segment"
      data-segment-id={segment.id}
      data-start-sec={startSec}
      data-end-sec={endSec}
      data-offset-sec={offsetSec}
      data-lane={lane}
      data-anchor={segment.anchor.kind}
      data-chunks={marks.chunkCount}
      data-activity={activity?.kind}
      style={{ left: secToPx(startSec, pxPerSec), width: Math.max(2, widthPx) }}
      onPointerDown={(e) => onPointerDown(e, segment.id, startSec, 'body')}
      onFocus={(e) => e.target === e.currentTarget && !isPointerFocus() && onFocusSelect(segment.id)}
      title={`${label} · ${formatTimecode(segmentSec, 2)} · ${attached ? 'follows the clip it was made from' : 'stays at its place on the timeline'}${marks.chunkCount > 1 ? ` · ${marks.chunkCount} chunks of ${segment.params.windowSec} s` : ''}${marks.loopRepeats > 1 ? ` · a loop of ${marks.loopRepeats} repeats` : ''}${doing ? `\n${doing}` : ''}`}
    >
      {activeTake && (
        <TakeWaveform
          take={activeTake}
          fromSec={offsetSec - activeTake.mix.nudgeMs / 1000}
          lengthSec={pieceSec}
          widthPx={widthPx}
        />
      )}
      {marks.overlaps.map((o, i) => {
        const fromSec = o.startSec - offsetSec
        const toSec = o.endSec - offsetSec
        if (toSec <= 0 || fromSec >= pieceSec) return null
        return (
          <div
            key={o.startSec}
            className={`chunk-overlap${marks.loopRepeats ? ' loop-seam' : ''}`}
            data-testid={marks.loopRepeats ? 'loop-seam' : 'chunk-overlap'}
            style={{ left: secToPx(fromSec, pxPerSec), width: secToPx(toSec - fromSec, pxPerSec) }}
          >
            <div className="chunk-seam" style={{ left: secToPx(marks.seamsSec[i]! - o.startSec, pxPerSec) }} />
          </div>
        )
      })}
      {activity?.kind === 'generating' && (
        <div
          className={`segment-progress${activity.progress === null ? ' unknown' : ''}`}
          style={activity.progress === null ? undefined : { width: `${Math.round(activity.progress * 100)}%` }}
        />
      )}
      {/* A block a few pixels wide is only a block: no label or handles to draw (zoom in to resize). */}
      {widthPx >= DETAIL_MIN_PX && (
        <>
          <div className={`segment-label${widthPx >= STICKY_LABEL_MIN_PX ? ' sticky' : ''}`}>
            {activity?.kind === 'failed' && (
              <span className="segment-failed-mark" aria-hidden="true">
                !
              </span>
            )}
            {attached && <LinkMark />}
            <span className="segment-name">{label}</span>
            <span className="segment-meta">
              {formatTimecode(segmentSec, 1)}
              {marks.chunkCount > 1 ? ` · ${marks.chunkCount} chunks` : ''}
              {marks.loopRepeats > 1 ? ` · loop ×${marks.loopRepeats}` : ''}
              {takes > 0 ? ` · ${takes} take${takes > 1 ? 's' : ''}` : ''}
            </span>
          </div>
          <EdgeHandles
            testIds={['resize-start', 'resize-end']}
            onGrab={(e, edge) => onPointerDown(e, segment.id, startSec, edge)}
          />
        </>
      )}
    </div>
  )
})

/** A small chain link: this sound belongs to the picture it was made from. */
function LinkMark() {
  return (
    <svg className="segment-link" width="12" height="12" viewBox="0 0 12 12" aria-hidden="true">
      <rect x="0.75" y="3.75" width="6" height="4.5" rx="2.25" fill="none" stroke="currentColor" strokeWidth="1.5" />
      <rect x="5.25" y="3.75" width="6" height="4.5" rx="2.25" fill="none" stroke="currentColor" strokeWidth="1.5" />
    </svg>
  )
}
