// The active take's sound drawn inside a piece of its segment on the sound lane (peaks asked of main once per file).
import { clamp } from '../../../../shared/domain/time'
import { memo, useEffect, useRef, useState } from 'react'
import type { Take } from '../../../../shared/domain/project'
import type { WaveformPeaks } from '../../../../shared/ipc/contract'
import { invoke } from '../../lib/ipc'
import { displayHeight, peakColumns } from '../timeline/waveformColumns'

const peaksByPath = new Map<string, Promise<WaveformPeaks | null>>()
/** Wider segments are drawn at this many columns and stretched: enough detail, a bounded canvas. */
const MAX_COLUMNS = 4096

function usePeaks(path: string): WaveformPeaks | null {
  const [peaks, setPeaks] = useState<WaveformPeaks | null>(null)
  useEffect(() => {
    let live = true
    let pending = peaksByPath.get(path)
    if (!pending) {
      pending = invoke('media:waveform', { path }).then((r) => (r.ok ? r.data : null))
      peaksByPath.set(path, pending)
    }
    void pending.then((p) => live && setPeaks(p))
    return () => {
      live = false
    }
  }, [path])
  return peaks
}

interface TakeWaveformProps {
  take: Take
  /** Take time at the left edge (a piece cut from the middle of a take starts later; a nudge slides it). */
  fromSec: number
  /** Seconds of take drawn across the width. */
  lengthSec: number
  widthPx: number
}

export const TakeWaveform = memo(function TakeWaveform({ take, fromSec, lengthSec, widthPx }: TakeWaveformProps) {
  const peaks = usePeaks(take.path)
  const canvasRef = useRef<HTMLCanvasElement>(null)
  const columns = clamp(Math.round(widthPx), 1, MAX_COLUMNS)
  useEffect(() => {
    const canvas = canvasRef.current
    const ctx = canvas?.getContext('2d')
    if (!canvas || !ctx || !peaks) return
    const h = 32
    canvas.width = columns
    canvas.height = h
    const cols = peakColumns(peaks.peaks, peaks.peaksPerSec, fromSec, lengthSec / columns, columns)
    ctx.clearRect(0, 0, columns, h)
    ctx.fillStyle = '#ffcf8a'
    for (let x = 0; x < columns; x++) {
      const half = Math.max(0.5, displayHeight(cols[x]!) * (h / 2) * 0.9)
      ctx.fillRect(x, h / 2 - half, 1, half * 2)
    }
  }, [peaks, columns, fromSec, lengthSec])
  return <canvas ref={canvasRef} className="take-wave" data-testid="take-waveform" data-take-id={take.id} />
})
