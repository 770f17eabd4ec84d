// What the preview plays, as numbers: from the one mix description (shared/domain/mix.ts, which the export also
// renders) to the Web Audio voices and gain automation of one run of the transport. PURE: no DOM, no Web Audio.
//
// Times in a schedule are seconds of the transport after the run starts (timeline seconds ÷ rate), so the audio
// layer adds them to the AudioContext time at which it starts. Gains are amplitudes; every ramp is linear in
// amplitude, like the export's afade (tri) and its envelope expression.
import { dbToGain, describeMix, fadeGainAt, type GainPoint, type MixDescription, type PlacedTake } from '../../../../shared/domain/mix'
import type { Asset } from '../../../../shared/domain/asset'
import type { Project } from '../../../../shared/domain/project'

/** The export centres a mono source with ffmpeg's equal-power upmix (−3 dB per side); Web Audio copies it at 0 dB. */
export const MONO_CENTRE_GAIN = Math.SQRT1_2

/** A gain curve over timeline time: piecewise linear in amplitude, held before the first and after the last point. */
export interface AmpPoint {
  timeSec: number
  gain: number
}

/** How to program one GainNode: its value at the start of the run, then linear ramps to each later point. */
export interface Automation {
  startGain: number
  ramps: Array<{ atSec: number; gain: number }>
}

/**
 * One piece of a take to start: an AudioBufferSourceNode at `whenSec`, from `offsetSec` into the file, for
 * `durationSec` of the file, through two gains in series: `gain` (its level under its own fades) and `edge`
 * (the short fades where an edit cuts it), the product the export's afade chain makes.
 */
export interface TakeVoice {
  /** Stable across reschedules of the same mix: the take and which piece of it. */
  key: string
  segmentId: string
  takeId: string
  path: string
  whenSec: number
  offsetSec: number
  durationSec: number
  gain: Automation
  edge: Automation
}

export interface RunSpec {
  /** Timeline time the run starts at. */
  fromSec: number
  /** Timeline time it stops at (the end of the timeline, or of a played range). */
  untilSec: number
  /** 1 = real time, 2 = double speed (L twice). */
  rate: number
}

export interface PlaybackSchedule {
  voices: TakeVoice[]
  /** The clips' own audio under its envelope (keep, lower, duck or mute). */
  original: Automation
}

/** Linear fades at both ends of [startSec, endSec] up to `level`. */
function fadedCurve(startSec: number, endSec: number, inSec: number, outSec: number, level: number): AmpPoint[] {
  const head = inSec > 0 ? [{ timeSec: startSec, gain: 0 }, { timeSec: startSec + inSec, gain: level }] : [{ timeSec: startSec, gain: level }]
  const tail = outSec > 0 ? [{ timeSec: endSec - outSec, gain: level }, { timeSec: endSec, gain: 0 }] : [{ timeSec: endSec, gain: level }]
  return [...head, ...tail]
}

/** Samples of a fade's curve, so a linear ramp between them follows an equal-power fade (error under −70 dB). */
const CURVE_SAMPLES = 32

/**
 * A placed piece's level over the timeline: its gain, times the mono centring, times its fades, which stay where
 * they are in take time (a piece cut from the middle of a fade starts part-way up it). Exact at every sample:
 * each fade's ends, and CURVE_SAMPLES points inside it (where fades overlap, their product is sampled too).
 */
export function takeCurve(take: PlacedTake, channels: number): AmpPoint[] {
  const g = dbToGain(take.gainDb) * (channels === 1 ? MONO_CENTRE_GAIN : 1)
  const toTimeline = (takeSec: number) => take.startSec + (takeSec - take.offsetSec)
  if (take.fades.length === 0) return [{ timeSec: take.startSec, gain: g }]
  const times = new Set<number>()
  for (const f of take.fades) {
    for (let i = 0; i <= CURVE_SAMPLES; i++) times.add(f.startSec + (f.durationSec * i) / CURVE_SAMPLES)
  }
  return [...times]
    .sort((a, b) => a - b)
    .map((t) => ({ timeSec: toTimeline(t), gain: g * take.fades.reduce((p, f) => p * fadeGainAt(f, t), 1) }))
}

/** The short fades at a piece's edges where an edit cuts the take (1 throughout where none does). */
export function edgeCurve(take: PlacedTake): AmpPoint[] {
  return fadedCurve(take.startSec, take.startSec + take.durationSec, take.edgeInSec, take.edgeOutSec, 1)
}

export function envelopeCurve(envelope: readonly GainPoint[]): AmpPoint[] {
  return envelope.map((p) => ({ timeSec: p.timeSec, gain: dbToGain(p.gainDb) }))
}

/** A curve's value at a time (held outside its points). */
export function curveAt(curve: readonly AmpPoint[], timeSec: number): number {
  const first = curve[0]
  if (!first) return 1
  if (timeSec <= first.timeSec) return first.gain
  for (let i = 1; i < curve.length; i++) {
    const b = curve[i]!
    if (timeSec < b.timeSec) {
      const a = curve[i - 1]!
      return a.gain + ((b.gain - a.gain) * (timeSec - a.timeSec)) / (b.timeSec - a.timeSec)
    }
  }
  return curve[curve.length - 1]!.gain
}

/** The automation that plays `curve` from timeline `fromSec` on, at `rate`. */
export function automationFrom(curve: readonly AmpPoint[], fromSec: number, rate = 1): Automation {
  const ramps = curve
    .filter((p) => p.timeSec > fromSec)
    .map((p) => ({ atSec: (p.timeSec - fromSec) / rate, gain: p.gain }))
  return { startGain: curveAt(curve, fromSec), ramps }
}

/**
 * The takes that sound during a run, each cut to what is left of it after `fromSec` and before `untilSec`.
 * `channelsOf` says how many channels a take's file has (mono is centred at −3 dB, as the export does).
 */
export function takeVoices(mix: MixDescription, run: RunSpec, channelsOf: (path: string) => number): TakeVoice[] {
  const voices: TakeVoice[] = []
  for (const take of mix.takes) {
    const startSec = Math.max(take.startSec, run.fromSec)
    const endSec = Math.min(take.startSec + take.durationSec, run.untilSec)
    if (!(endSec > startSec)) continue
    voices.push({
      key: `${take.takeId}#${take.pieceIndex}`,
      segmentId: take.segmentId,
      takeId: take.takeId,
      path: take.path,
      whenSec: (startSec - run.fromSec) / run.rate,
      offsetSec: take.offsetSec + (startSec - take.startSec),
      durationSec: endSec - startSec,
      gain: automationFrom(takeCurve(take, channelsOf(take.path)), run.fromSec, run.rate),
      edge: automationFrom(edgeCurve(take), run.fromSec, run.rate),
    })
  }
  return voices
}

/** Everything one run plays: the project's mix from `fromSec` to `untilSec`. */
export function playbackSchedule(
  project: Pick<Project, 'clips' | 'segments' | 'original'>,
  run: RunSpec,
  channelsOf: (path: string) => number,
): PlaybackSchedule {
  const mix = describeMix(project)
  return {
    voices: takeVoices(mix, run, channelsOf),
    original: automationFrom(envelopeCurve(mix.original.envelope), run.fromSec, run.rate),
  }
}

/** The clips' own audio at the level the export gives it: a mono source is centred at −3 dB per side. */
export function originalSourceGain(asset: Pick<Asset, 'audio'>): number {
  return asset.audio?.channels === 1 ? MONO_CENTRE_GAIN : 1
}
