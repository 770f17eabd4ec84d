// The timeline's own clock for the outside world: a frame rate and the timecode of its first frame. PURE.
//
// Rates are exact fractions (29.97 is 30000/1001), so frame counts, sample counts and the rational times of
// the hand-off formats never drift. Timecode is non-drop-frame: HH:MM:SS:FF counts frames at the nominal rate
// (30 for 29.97), so at 29.97 the label 01:00:00:00 is frame 108000, 3603.6 s after midnight.
import { z } from 'zod'
import type { Asset } from './asset'
import type { Clip, Project } from './project'

export const FrameRate = z.object({
  num: z.number().int().min(1).max(1_000_000),
  den: z.number().int().min(1).max(1_000_000),
})
export type FrameRate = z.infer<typeof FrameRate>

export const TIMECODE_PATTERN = /^([01]\d|2[0-3]):([0-5]\d):([0-5]\d):(\d{2})$/

/** Settings of the timeline as a whole; absent fields take their defaults, so older project files still read. */
export const TimelineSettings = z.object({
  /** Timecode of the first frame (HH:MM:SS:FF, non-drop). Default 00:00:00:00. */
  startTimecode: z.string().regex(TIMECODE_PATTERN).optional(),
  /** The rate timecode and the hand-off count in. Default: the first clip's. */
  frameRate: FrameRate.optional(),
})
export type TimelineSettings = z.infer<typeof TimelineSettings>

export const DEFAULT_START_TIMECODE = '00:00:00:00'
export const BROADCAST_START_TIMECODE = '01:00:00:00'
/** The rate of a timeline with no clip. */
export const FALLBACK_RATE: FrameRate = { num: 25, den: 1 }

/** The rates an editor offers, in the order shown. */
export const STANDARD_RATES: ReadonlyArray<{ label: string; rate: FrameRate }> = [
  { label: '23.976', rate: { num: 24000, den: 1001 } },
  { label: '24', rate: { num: 24, den: 1 } },
  { label: '25', rate: { num: 25, den: 1 } },
  { label: '29.97', rate: { num: 30000, den: 1001 } },
  { label: '30', rate: { num: 30, den: 1 } },
  { label: '50', rate: { num: 50, den: 1 } },
  { label: '59.94', rate: { num: 60000, den: 1001 } },
  { label: '60', rate: { num: 60, den: 1 } },
]

export const rateFps = (rate: FrameRate): number => rate.num / rate.den
/** Whole frames per second that timecode counts (30 at 29.97). */
export const nominalFps = (rate: FrameRate): number => Math.max(1, Math.round(rateFps(rate)))
export const isNtsc = (rate: FrameRate): boolean => rate.den === 1001
export const sameRate = (a: FrameRate, b: FrameRate): boolean => a.num * b.den === b.num * a.den

/** "25", "29.97", "23.976": how a rate is spoken of. */
export function rateLabel(rate: FrameRate): string {
  const known = STANDARD_RATES.find((r) => sameRate(r.rate, rate))
  if (known) return known.label
  return String(Math.round(rateFps(rate) * 1000) / 1000)
}

function gcd(a: number, b: number): number {
  return b === 0 ? a : gcd(b, a % b)
}

/** How far a probed rate may be from an exact one and still be it (containers round 30000/1001 to 29.97). */
const PROBED_RATE_SLACK = 2e-3
/** An NTSC rate is at least 0.02 below a whole one (23.976); a whole rate read as 29.99 is not NTSC. */
const NTSC_MIN_OFFSET = 1e-2

/** The exact rate a probed fps stands for: NTSC rates as N·1000/1001, others to a thousandth of a frame. */
export function rateOfFps(fps: number): FrameRate {
  const ntsc = (fps * 1001) / 1000
  if (Math.abs(ntsc - Math.round(ntsc)) < PROBED_RATE_SLACK && Math.abs(fps - Math.round(fps)) > NTSC_MIN_OFFSET) {
    return { num: Math.round(ntsc) * 1000, den: 1001 }
  }
  if (Math.abs(fps - Math.round(fps)) < PROBED_RATE_SLACK / 2) return { num: Math.max(1, Math.round(fps)), den: 1 }
  const num = Math.round(fps * 1000)
  const g = gcd(num, 1000)
  return { num: num / g, den: 1000 / g }
}

type TimelinePart = Pick<Project, 'clips' | 'assets'> & { timeline?: TimelineSettings | undefined }

/** The first clip in timeline order. */
function firstClip(clips: readonly Clip[]): Clip | undefined {
  return clips.reduce<Clip | undefined>((first, c) => (!first || c.startSec < first.startSec ? c : first), undefined)
}

/** The timeline's rate: the one set, else the first clip's, else 25. */
export function timelineRate(project: TimelinePart): FrameRate {
  if (project.timeline?.frameRate) return project.timeline.frameRate
  return firstClipRate(project) ?? FALLBACK_RATE
}

/** The rate of the first clip's picture (what "same as the first clip" means), if there is a clip. */
export function firstClipRate(project: Pick<Project, 'clips' | 'assets'>): FrameRate | null {
  const clip = firstClip(project.clips)
  const asset: Asset | undefined = clip && project.assets.find((a) => a.id === clip.assetId)
  return asset ? rateOfFps(asset.video.fps) : null
}

export function startTimecodeText(project: Pick<TimelinePart, 'timeline'>): string {
  return project.timeline?.startTimecode ?? DEFAULT_START_TIMECODE
}

/** Frames counted by a timecode at a rate (a frame field past the rate's last frame counts as that last frame). */
export function timecodeFrames(text: string, rate: FrameRate): number {
  const m = TIMECODE_PATTERN.exec(text.trim())
  if (!m) throw new RangeError(`not a timecode: "${text}"`)
  const fps = nominalFps(rate)
  const [h, min, s, f] = m.slice(1).map(Number) as [number, number, number, number]
  return ((h * 60 + min) * 60 + s) * fps + Math.min(f, fps - 1)
}

/** HH:MM:SS:FF of a frame count at a rate (hours wrap at 24, as timecode does). */
export function timecodeText(frames: number, rate: FrameRate): string {
  const fps = nominalFps(rate)
  const total = Math.max(0, Math.round(frames))
  const pad = (n: number) => String(n).padStart(2, '0')
  const secs = Math.floor(total / fps)
  return `${pad(Math.floor(secs / 3600) % 24)}:${pad(Math.floor(secs / 60) % 60)}:${pad(secs % 60)}:${pad(total % fps)}`
}

/** The timeline's first frame as a frame count since midnight. */
export function startFrames(project: TimelinePart): number {
  return timecodeFrames(startTimecodeText(project), timelineRate(project))
}

/** Seconds → frames at a rate (nearest frame). */
export const secToFrames = (sec: number, rate: FrameRate): number => Math.round((sec * rate.num) / rate.den)
/** Frames → seconds at a rate. */
export const framesToSec = (frames: number, rate: FrameRate): number => (frames * rate.den) / rate.num

/** The timecode shown for a timeline time: the start timecode plus the time, at the timeline's rate. */
export function timelineTimecode(project: TimelinePart, sec: number): string {
  const rate = timelineRate(project)
  return timecodeText(startFrames(project) + secToFrames(Math.max(0, sec), rate), rate)
}
