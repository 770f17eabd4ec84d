/** A snapshot of ffmpeg's machine-readable `-progress pipe:1` output. */
export interface FfmpegProgress {
  /** Seconds of output written so far. */
  outTimeSec: number
  /** Encoding speed relative to real time (1 = real time), or null when ffmpeg reports N/A. */
  speed: number | null
  /** True on the final block (`progress=end`). */
  done: boolean
}

/**
 * Feed lines of `-progress pipe:1`; returns a snapshot at the end of each block (`progress=...`), else null.
 * Pure apart from the block it is accumulating.
 */
export function createProgressParser(): (line: string) => FfmpegProgress | null {
  let outTimeSec = 0
  let speed: number | null = null
  return (line: string) => {
    const eq = line.indexOf('=')
    if (eq <= 0) return null
    const key = line.slice(0, eq).trim()
    const value = line.slice(eq + 1).trim()
    switch (key) {
      case 'out_time_us':
      case 'out_time_ms': {
        // Despite its name, out_time_ms is in microseconds too.
        const us = Number(value)
        if (Number.isFinite(us) && us >= 0) outTimeSec = us / 1e6
        return null
      }
      case 'speed': {
        const x = Number(value.replace(/x$/, ''))
        speed = Number.isFinite(x) && x > 0 ? x : null
        return null
      }
      case 'progress':
        return { outTimeSec, speed, done: value === 'end' }
      default:
        return null
    }
  }
}

/** 0..1 of a job of known length; null when the length is unknown. */
export function progressFraction(p: FfmpegProgress, durationSec: number | undefined): number | null {
  if (p.done) return 1
  if (!durationSec || durationSec <= 0) return null
  return Math.min(1, Math.max(0, p.outTimeSec / durationSec))
}

/** Seconds left, from the speed ffmpeg reports; null when it cannot be told. */
export function etaSec(p: FfmpegProgress, durationSec: number | undefined): number | null {
  if (p.done) return 0
  if (!durationSec || !p.speed) return null
  return Math.max(0, (durationSec - p.outTimeSec) / p.speed)
}
