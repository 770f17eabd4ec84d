// The original audio of each clip as a waveform under it. One canvas covers only the visible window of the lane
// and draws every clip in it: one raster per frame however many clips are on screen (many small canvases, one
// per clip, cost far more to move while a drag pushes clips along).
import { memo, useLayoutEffect, useMemo, useRef } from 'react'
import type { Asset } from '../../../../shared/domain/asset'
import { clipEndSec, clipLengthSec } from '../../../../shared/domain/placement'
import type { Clip, OriginalAudio } from '../../../../shared/domain/project'
import type { SourceRange, WaveformPeaks } from '../../../../shared/ipc/contract'
import { secToPx } from '../../lib/timecode'
import { DETAIL_MIN_PX, HEADER_PX, intersects, WAVE_TRACK_PX, type TimeWindow } from './layout'
import { useWaveforms } from './useWaveform'
import { displayHeight, peakColumns } from './waveformColumns'

const MODE_LABEL: Record<OriginalAudio['mode'], string> = {
  keep: 'Original',
  lower: 'Lowered',
  duck: 'Ducked',
  mute: 'Muted',
}
const MAX_CANVAS_PX = 16384
const LANE_H = WAVE_TRACK_PX - 3
const CLIP_BG = '#1a2622'
const WAVE = '#4fae80'

interface WaveformTrackProps {
  clips: readonly Clip[]
  assets: ReadonlyMap<string, Asset>
  pxPerSec: number
  timeWindow: TimeWindow
  mode: OriginalAudio['mode']
}

export const WaveformTrack = memo(function WaveformTrack({
  clips,
  assets,
  pxPerSec,
  timeWindow,
  mode,
}: WaveformTrackProps) {
  const visible = useMemo(
    () => clips.filter((c) => intersects(c.startSec, clipEndSec(c), timeWindow)),
    [clips, timeWindow],
  )
  const visibleAssets = useMemo(() => {
    const ids = new Set(visible.map((c) => c.assetId))
    return [...ids].flatMap((id) => assets.get(id) ?? [])
  }, [visible, assets])
  // The part of each asset on screen, in its own time: a long file's peaks there are asked for first.
  const firstRanges = useMemo(() => {
    const ranges = new Map<string, SourceRange>()
    for (const c of visible) {
      const fromSec = c.inSec + Math.max(0, timeWindow.fromSec - c.startSec)
      const toSec = c.inSec + Math.min(clipLengthSec(c), timeWindow.toSec - c.startSec)
      const seen = ranges.get(c.assetId)
      if (toSec > fromSec)
        ranges.set(
          c.assetId,
          seen ? { fromSec: Math.min(seen.fromSec, fromSec), toSec: Math.max(seen.toSec, toSec) } : { fromSec, toSec },
        )
    }
    return ranges
  }, [visible, timeWindow])
  const peaks = useWaveforms(visibleAssets, firstRanges)
  const canvasRef = useRef<HTMLCanvasElement>(null)
  const leftPx = secToPx(timeWindow.fromSec, pxPerSec)
  const widthPx = Math.min(MAX_CANVAS_PX, Math.round(secToPx(timeWindow.toSec - timeWindow.fromSec, pxPerSec)))

  useLayoutEffect(() => {
    const ctx = canvasRef.current?.getContext('2d')
    if (ctx) drawLane(ctx, { clips: visible, assets, peaks, pxPerSec, fromSec: timeWindow.fromSec, widthPx })
  }, [visible, assets, peaks, pxPerSec, timeWindow.fromSec, widthPx])

  return (
    <div
      role="group"
      className={`track-row wave-row mode-${mode}`}
      style={{ height: WAVE_TRACK_PX }}
      aria-label="Original audio"
    >
      <div className="row-header" style={{ width: HEADER_PX }}>
        <span className="row-name">A1</span>
        <span className="row-kind">{MODE_LABEL[mode]}</span>
      </div>
      <div className="row-body">
        {visible.length > 0 && (
          <canvas
            ref={canvasRef}
            className="wave-lane"
            data-testid="waveform"
            style={{ left: leftPx, width: widthPx, height: LANE_H }}
          />
        )}
      </div>
    </div>
  )
})

interface LaneDrawing {
  clips: readonly Clip[]
  assets: ReadonlyMap<string, Asset>
  peaks: ReadonlyMap<string, WaveformPeaks>
  pxPerSec: number
  fromSec: number
  widthPx: number
}

/** Draws each visible clip's part of the lane: its box, and its peaks (or "no audio") when it is wide enough. */
function drawLane(ctx: CanvasRenderingContext2D, d: LaneDrawing): void {
  const dpr = Math.min(2, window.devicePixelRatio || 1)
  const w = Math.round(d.widthPx * dpr)
  const h = Math.round(LANE_H * dpr)
  if (ctx.canvas.width !== w || ctx.canvas.height !== h) {
    ctx.canvas.width = w
    ctx.canvas.height = h
  } else {
    ctx.clearRect(0, 0, w, h)
  }
  const mid = h / 2
  const devicePxPerSec = d.pxPerSec * dpr
  for (const clip of d.clips) {
    const asset = d.assets.get(clip.assetId)
    const lengthSec = clipLengthSec(clip)
    const x0 = Math.round((clip.startSec - d.fromSec) * devicePxPerSec)
    const x1 = Math.round((clip.startSec + lengthSec - d.fromSec) * devicePxPerSec)
    const from = Math.max(0, x0)
    const to = Math.min(w, x1)
    if (to <= from) continue
    ctx.fillStyle = CLIP_BG
    ctx.fillRect(from, 0, to - from, h)
    if ((x1 - x0) / dpr < DETAIL_MIN_PX) continue
    if (!asset?.audio) {
      ctx.fillStyle = '#8a9099'
      ctx.font = `${11 * dpr}px system-ui, sans-serif`
      ctx.fillText('no audio', from + 8 * dpr, mid + 4 * dpr)
      continue
    }
    const peaks = d.peaks.get(asset.id)
    if (!peaks) continue
    const cols = peakColumns(
      peaks.peaks,
      peaks.peaksPerSec,
      // Peaks of a part of the file start later than its 0.
      clip.inSec + (from - x0) / devicePxPerSec - peaks.startSec,
      1 / devicePxPerSec,
      to - from,
    )
    ctx.fillStyle = WAVE
    for (let i = 0; i < cols.length; i++) {
      const half = Math.max(0.5, displayHeight(cols[i]!) * mid * 0.92)
      ctx.fillRect(from + i, mid - half, 1, half * 2)
    }
  }
}
