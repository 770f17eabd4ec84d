// The video track: each clip as a thumbnail strip with its name and length, trim handles on both edges, and the
// cuts found in its picture (with the scan's progress while it runs). Only clips and thumbnail tiles inside the
// visible window are drawn.
import { memo, type PointerEvent as ReactPointerEvent, useContext } from 'react'
import type { Asset } from '../../../../shared/domain/asset'
import { clipEndSec, clipLengthSec } from '../../../../shared/domain/placement'
import type { Clip } from '../../../../shared/domain/project'
import { formatTimecode, secToPx } from '../../lib/timecode'
import { spriteFrameStyle, useThumbnails } from '../media-bin/useThumbnails'
import { ShotsContext } from '../shots/useShots'
import { DETAIL_MIN_PX, HEADER_PX, intersects, STICKY_LABEL_MIN_PX, VIDEO_TRACK_PX, type TimeWindow } from './layout'
import { EdgeHandles } from './EdgeHandles'
import { isPointerFocus } from './useTimelineDrag'

export type ClipPart = 'body' | 'start' | 'end'
export type ClipPointerDown = (e: ReactPointerEvent, clipId: string, part: ClipPart) => void

interface VideoTrackProps {
  clips: readonly Clip[]
  assets: ReadonlyMap<string, Asset>
  pxPerSec: number
  timeWindow: TimeWindow
  selectedClipId: string | null
  onClipPointerDown: ClipPointerDown
  onEmptyPointerDown: (e: ReactPointerEvent) => void
  onFocusSelect: (clipId: string) => void
}

/** Memoised: a segment drag or the playhead moving leaves the clips' props untouched, so this skips. */
export const VideoTrack = memo(function VideoTrack(props: VideoTrackProps) {
  const { clips, assets, pxPerSec, timeWindow, selectedClipId, onClipPointerDown, onEmptyPointerDown, onFocusSelect } =
    props
  return (
    <div role="group" className="track-row" style={{ height: VIDEO_TRACK_PX }} aria-label="Video track">
      <div className="row-header" style={{ width: HEADER_PX }}>
        <span className="row-name">V1</span>
        <span className="row-kind">Video</span>
      </div>
      <div className="row-body" onPointerDown={(e) => e.target === e.currentTarget && onEmptyPointerDown(e)}>
        {clips.length === 0 && <div className="track-empty">Clips you import land here</div>}
        {clips.map((c) => {
          const asset = assets.get(c.assetId)
          if (!asset || !intersects(c.startSec, clipEndSec(c), timeWindow)) return null
          return (
            <ClipBlock
              key={c.id}
              clip={c}
              asset={asset}
              pxPerSec={pxPerSec}
              timeWindow={timeWindow}
              selected={c.id === selectedClipId}
              onPointerDown={onClipPointerDown}
              onFocusSelect={onFocusSelect}
            />
          )
        })}
      </div>
    </div>
  )
})

interface ClipBlockProps {
  clip: Clip
  asset: Asset
  pxPerSec: number
  timeWindow: TimeWindow
  selected: boolean
  onPointerDown: ClipPointerDown
  onFocusSelect: (clipId: string) => void
}

const ClipBlock = memo(function ClipBlock({
  clip,
  asset,
  pxPerSec,
  timeWindow,
  selected,
  onPointerDown,
  onFocusSelect,
}: ClipBlockProps) {
  const lengthSec = clipLengthSec(clip)
  const leftPx = secToPx(clip.startSec, pxPerSec)
  const widthPx = secToPx(lengthSec, pxPerSec)
  return (
    <div
      className={`clip${selected ? ' selected' : ''}`}
      role="button"
      tabIndex={0}
      aria-pressed={selected}
      aria-label={`Clip ${asset.name}`}
      data-testid="timeline-clip"
      data-clip-id={clip.id}
      data-start-sec={clip.startSec}
      data-in-sec={clip.inSec}
      data-out-sec={clip.outSec}
      style={{ left: leftPx, width: Math.max(1, widthPx) }}
      onPointerDown={(e) => onPointerDown(e, clip.id, 'body')}
      onFocus={(e) => e.target === e.currentTarget && !isPointerFocus() && onFocusSelect(clip.id)}
      title={`${asset.name} · ${formatTimecode(lengthSec, 2)} (from ${formatTimecode(clip.inSec, 2)})`}
    >
      {/* A block a few pixels wide is only a block: no picture, label or handles to draw (zoom in to trim). */}
      {widthPx >= DETAIL_MIN_PX && (
        <>
          <Frames
            clip={clip}
            asset={asset}
            pxPerSec={pxPerSec}
            leftPx={leftPx}
            widthPx={widthPx}
            timeWindow={timeWindow}
          />
          <ShotMarks clip={clip} assetId={asset.id} pxPerSec={pxPerSec} widthPx={widthPx} timeWindow={timeWindow} />
          <div className={`clip-label${widthPx >= STICKY_LABEL_MIN_PX ? ' sticky' : ''}`}>
            <span className="clip-name">{asset.name}</span>
            <span className="clip-length">{formatTimecode(lengthSec, 2)}</span>
          </div>
          <EdgeHandles testIds={['trim-start', 'trim-end']} onGrab={(e, edge) => onPointerDown(e, clip.id, edge)} />
        </>
      )}
    </div>
  )
})

const FRAME_H = VIDEO_TRACK_PX - 23

/** Thumbnail tiles for the visible part of the clip; each shows the frame at its middle. */
function Frames(props: {
  clip: Clip
  asset: Asset
  pxPerSec: number
  leftPx: number
  widthPx: number
  timeWindow: TimeWindow
}) {
  const { clip, asset, pxPerSec, leftPx, widthPx, timeWindow } = props
  const fromPx = Math.max(0, secToPx(timeWindow.fromSec, pxPerSec) - leftPx)
  const toPx = Math.min(widthPx, secToPx(timeWindow.toSec, pxPerSec) - leftPx)
  // The part on screen, in the asset's own time: a long clip's frames there are asked for first.
  const strip = useThumbnails(asset, { fromSec: clip.inSec + fromPx / pxPerSec, toSec: clip.inSec + toPx / pxPerSec })
  if (!strip) return <div className="clip-frames" />
  const frameW = (strip.frameWidth * FRAME_H) / strip.frameHeight
  const first = Math.floor(fromPx / frameW)
  const last = Math.ceil(toPx / frameW)
  const tiles: number[] = []
  for (let i = first; i < last; i++) tiles.push(i)
  return (
    <div className="clip-frames">
      {tiles.map((i) => {
        const tSec = clip.inSec + (i * frameW + frameW / 2) / pxPerSec
        const frame = spriteFrameStyle(strip, Math.floor(tSec / strip.intervalSec), FRAME_H)
        return frame && <div key={i} style={{ ...frame, left: i * frameW }} />
      })}
    </div>
  )
}

/** The cuts in the part of the picture the clip shows (and where they fall in view), or the scan's progress. */
function ShotMarks(props: { clip: Clip; assetId: string; pxPerSec: number; widthPx: number; timeWindow: TimeWindow }) {
  const { clip, assetId, pxPerSec, widthPx, timeWindow } = props
  const { cutsByAsset, scans } = useContext(ShotsContext)
  const scan = scans[assetId]
  if (scan?.status === 'running') {
    const pct = scan.progress === null ? null : Math.round(scan.progress * 100)
    return (
      <div
        className="shot-scan"
        role="progressbar"
        aria-label="Finding shots"
        aria-valuenow={pct ?? undefined}
        title={`Finding shots${pct === null ? '' : ` ${pct} %`}`}
        data-testid="shot-scan"
      >
        <div className="shot-scan-fill" style={{ width: `${pct ?? 0}%` }} />
      </div>
    )
  }
  if (scan?.status === 'failed') return <div className="shot-scan failed" title={`No shots: ${scan.message}`} />
  const cuts = cutsByAsset.get(assetId) ?? []
  const fromSec = clip.inSec + Math.max(0, timeWindow.fromSec - clip.startSec)
  const toSec = clip.inSec + Math.min(widthPx / pxPerSec, timeWindow.toSec - clip.startSec)
  return (
    <>
      {cuts
        .filter((t) => t > clip.inSec && t < clip.outSec && t >= fromSec && t <= toSec)
        .map((t) => (
          <div
            key={t}
            className="shot-cut"
            data-testid="shot-cut"
            data-sec={t}
            title={`Cut at ${formatTimecode(clip.startSec + t - clip.inSec, 2)}`}
            style={{ left: secToPx(t - clip.inSec, pxPerSec) }}
          />
        ))}
    </>
  )
}
