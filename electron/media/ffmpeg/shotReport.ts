// What the shot scan (args/shots.ts) prints on stdout, read into a ShotAnalysis. PURE: fed line by line as the
// decode goes (a long file never sits in memory as text), finished once it ends.
import { SHOT_THRESHOLD_RANGE, type ShotAnalysis } from '../../../shared/domain/shots'
import { roundSec } from '../../../shared/domain/time'

/** A flash brightens the mean luma (0..255) by at least this much from one frame to the next… */
const FLASH_RISE = 20
/** …and is back within a quarter of its rise (or this much) before this long has passed. */
const FLASH_RETURN_MIN = 4
const MAX_FLASH_SEC = 0.5

export interface ShotReportParser {
  /** One line of `metadata=print` output. Returns the time of a frame it just started, else null (for progress). */
  line(text: string): number | null
  finish(durationSec: number): ShotAnalysis
}

export function createShotReportParser(): ShotReportParser {
  const times: number[] = []
  const scores: number[] = []
  const lumas: number[] = []
  const blacks: Array<{ startSec: number; endSec: number }> = []
  let blackStart: number | null = null

  const value = (text: string): number => Number(text.slice(text.indexOf('=') + 1))
  return {
    line(text) {
      if (text.startsWith('frame:')) {
        const t = Number(/pts_time:(\S+)/.exec(text)?.[1])
        if (!Number.isFinite(t)) return null
        times.push(t)
        scores.push(0)
        lumas.push(Number.NaN)
        return t
      }
      const i = times.length - 1
      if (i < 0) return null
      if (text.startsWith('lavfi.scd.score=')) scores[i] = value(text)
      else if (text.startsWith('lavfi.signalstats.YAVG=')) lumas[i] = value(text)
      else if (text.startsWith('lavfi.black_start=')) blackStart = value(text)
      else if (text.startsWith('lavfi.black_end=') && blackStart !== null) {
        blacks.push({ startSec: roundSec(blackStart), endSec: roundSec(value(text)) })
        blackStart = null
      }
      return null
    },

    finish(durationSec) {
      if (blackStart !== null) blacks.push({ startSec: roundSec(blackStart), endSec: roundSec(durationSec) })
      const flashes = findFlashes(times, lumas)
      const inFlash = (t: number) => flashes.some((f) => t >= f.startSec && t <= f.endSec)
      const changes = times.flatMap((t, i) =>
        scores[i]! >= SHOT_THRESHOLD_RANGE.min && !inFlash(t)
          ? [{ timeSec: roundSec(t), score: Math.min(100, Math.round(scores[i]! * 1000) / 1000) }]
          : [],
      )
      return { durationSec, changes, blacks, flashes }
    },
  }
}

/**
 * Where the picture brightens suddenly and comes back to the light it had before within MAX_FLASH_SEC: from the
 * first bright frame to the frame it is back on (both change suddenly, neither is a cut).
 */
export function findFlashes(
  times: readonly number[],
  lumas: readonly number[],
): Array<{ startSec: number; endSec: number }> {
  const flashes: Array<{ startSec: number; endSec: number }> = []
  for (let i = 1; i < times.length; i++) {
    const base = lumas[i - 1]!
    const rise = lumas[i]! - base
    if (!(rise >= FLASH_RISE)) continue
    let peak = lumas[i]!
    for (let j = i + 1; j < times.length && times[j]! - times[i]! <= MAX_FLASH_SEC; j++) {
      peak = Math.max(peak, lumas[j]!)
      if (Math.abs(lumas[j]! - base) <= Math.max(FLASH_RETURN_MIN, (peak - base) / 4)) {
        flashes.push({ startSec: roundSec(times[i]!), endSec: roundSec(times[j]!) })
        i = j
        break
      }
    }
  }
  return flashes
}
