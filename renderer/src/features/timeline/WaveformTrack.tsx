// The original audio of each clip as a waveform under it, drawn on a canvas that covers only the visible part
// of the clip (a canvas as wide as a long clip at high zoom would be too big to allocate).
import { memo, useEffect, useRef } from 'react'
import type { Asset } from '../../../../shared/domain/asset'
import type { Clip, OriginalAudio } from '../../../../shared/domain/project'
import { secToPx } from '../../lib/timecode'
import { HEADER_PX, intersects, WAVE_TRACK_PX, type TimeWindow } from './layout'
import { useWaveform } from './useWaveform'
import { displayHeight, peakColumns } from './waveformColumns'

const MODE_LABEL: Record<OriginalAudio['mode'], string> = { keep: 'Original', lower: 'Lowered', duck: 'Ducked', mute: 'Muted' }

interface WaveformTrackProps {
  clips: readonly Clip[]
  assets: ReadonlyMap<string, Asset>
  pxPerSec: number
  timeWindow: TimeWindow
  mode: OriginalAudio['mode']
}

export function WaveformTrack({ clips, assets, pxPerSec, timeWindow, mode }: WaveformTrackProps) {
  return (
    <div className={`track-row wave-row mode-${mode}`} style={{ height: WAVE_TRACK_PX }} aria-label="Original audio">
      <div className="row-header" style={{ width: HEADER_PX }}>
        <span className="row-name">A1</span>
        <span className="row-kind">{MODE_LABEL[mode]}</span>
      </div>
      <div className="row-body">
        {clips.map((c) => {
          const asset = assets.get(c.assetId)
          const endSec = c.startSec + c.outSec - c.inSec
          if (!asset || !intersects(c.startSec, endSec, timeWindow)) return null
          return <WaveformSlice key={c.id} clip={c} asset={asset} pxPerSec={pxPerSec} timeWindow={timeWindow} />
        })}
      </div>
    </div>
  )
}

const MAX_CANVAS_PX = 16384

const WaveformSlice = memo(function WaveformSlice(props: { clip: Clip; asset: Asset; pxPerSec: number; timeWindow: TimeWindow }) {
  const { clip, asset, pxPerSec, timeWindow } = props
  const peaks = useWaveform(asset)
  const canvasRef = useRef<HTMLCanvasElement>(null)
  const endSec = clip.startSec + clip.outSec - clip.inSec
  const fromSec = Math.max(clip.startSec, timeWindow.fromSec)
  const toSec = Math.min(endSec, timeWindow.toSec)
  const leftPx = secToPx(fromSec, pxPerSec)
  const widthPx = Math.max(1, Math.round(secToPx(toSec - fromSec, pxPerSec)))
  const sourceFromSec = clip.inSec + (fromSec - clip.startSec)
  const visibleSec = toSec - fromSec

  useEffect(() => {
    const canvas = canvasRef.current
    const ctx = canvas?.getContext('2d')
    if (!canvas || !ctx || !peaks) return
    const dpr = Math.min(2, window.devicePixelRatio || 1)
    const w = Math.min(MAX_CANVAS_PX, Math.round(widthPx * dpr))
    const h = Math.round((WAVE_TRACK_PX - 3) * dpr)
    canvas.width = w
    canvas.height = h
    const cols = peakColumns(peaks.peaks, peaks.peaksPerSec, sourceFromSec, visibleSec / w, w)
    ctx.clearRect(0, 0, w, h)
    ctx.fillStyle = '#4fae80'
    const mid = h / 2
    for (let x = 0; x < w; x++) {
      const half = Math.max(0.5, displayHeight(cols[x]!) * mid * 0.92)
      ctx.fillRect(x, mid - half, 1, half * 2)
    }
    // Only what is drawn matters: a clip moved (or pushed) along the timeline keeps its pixels.
  }, [peaks, widthPx, sourceFromSec, visibleSec])

  if (!asset.audio) {
    return (
      <div className="wave-slice silent" style={{ transform: `translateX(${leftPx}px)`, width: widthPx }}>
        no audio
      </div>
    )
  }
  return (
    <canvas
      ref={canvasRef}
      className="wave-slice"
      data-testid="waveform"
      style={{ transform: `translateX(${leftPx}px)`, width: widthPx, height: WAVE_TRACK_PX - 3 }}
    />
  )
})
