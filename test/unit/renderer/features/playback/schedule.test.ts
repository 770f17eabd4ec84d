// The preview's schedule is the export's mix description in Web Audio terms: same start times (nudge included),
// same fades, mute/solo, the original's duck envelope as gain automation, and mono centred at −3 dB like ffmpeg.
import { describe, expect, it } from 'vitest'
import { describeMix } from '../../../../../shared/domain/mix'
import { DEFAULT_TAKE_MIX, type Project, type Take, type TakeMix } from '../../../../../shared/domain/project'
import {
  MONO_CENTRE_GAIN,
  automationFrom,
  curveAt,
  originalSourceGain,
  playbackSchedule,
  takeCurve,
} from '../../../../../renderer/src/features/playback/schedule'
import {
  auditionProject,
  auditionRange,
  nextPicture,
  pictureAt,
  playStartSec,
  shuttle,
} from '../../../../../renderer/src/features/playback/transport'
import {
  isTextEntry,
  stopsTransport,
  transportKeyFor,
} from '../../../../../renderer/src/features/playback/transportKeys'
import { asset, attached, segment, twoClipProject } from '../../fixtures'

const take = (id: string, mix: Partial<TakeMix> = {}, durationSec = 2): Take => ({
  id,
  provider: 'fal',
  seed: 1,
  path: `/takes/${id}.wav`,
  durationSec,
  requestIds: [],
  createdAt: 'now',
  mix: { ...DEFAULT_TAKE_MIX, fadeInMs: 0, fadeOutMs: 0, ...mix },
})

/** Timeline 0–10 s (two clips); segment s at 3.5–5.5 s, segment u at 7–8 s. */
function project(
  sMix: Partial<TakeMix> = {},
  uMix: Partial<TakeMix> = {},
  original: Partial<Project['original']> = {},
): Project {
  const p = twoClipProject()
  return {
    ...p,
    original: { ...p.original, ...original },
    segments: [
      { ...segment('s', 3.5, 5.5), takes: [take('s1', sMix), take('s2')], activeTakeId: 's1' },
      { ...segment('u', 7, 8), takes: [take('u1', uMix, 1)], activeTakeId: 'u1' },
    ],
  }
}

const stereo = () => 2
const mono = () => 1
const run = (fromSec = 0, untilSec = 10, rate = 1) => ({ fromSec, untilSec, rate })

describe('the playback schedule', () => {
  it('a take at 3.5 s nudged +40 ms starts at 3.54 s, as in the export', () => {
    const p = project({ nudgeMs: 40 })
    const [voice] = playbackSchedule(p, run(), stereo).voices
    expect(voice!.whenSec).toBeCloseTo(3.54, 9)
    expect(voice!.whenSec).toBeCloseTo(describeMix(p).takes[0]!.startSec, 12)
    expect(voice!.offsetSec).toBe(0)
    expect(voice!.durationSec).toBe(describeMix(p).takes[0]!.durationSec) // the whole take, slid
  })

  it('a take cut by a trimmed clip starts part-way up its own fade, with a 5 ms edge fade at the cut, as the export', () => {
    // s made from b[1,3) with a 1 s fade-in; clip B (b at 6 s) trimmed to start at b 1.4 s: the piece starts
    // 0.4 s into the take and its fade, at 7.4 s
    const p0 = twoClipProject()
    const p = {
      ...p0,
      clips: [p0.clips[0]!, { ...p0.clips[1]!, startSec: 7.4, inSec: 1.4 }],
      segments: [{ ...attached('s', 'b', 1, 3), takes: [take('s1', { fadeInMs: 1000 })], activeTakeId: 's1' }],
    }
    const [voice] = playbackSchedule(p, run(), stereo).voices
    expect(voice).toMatchObject({ key: 's1#0', whenSec: 7.4 })
    expect(voice!.offsetSec).toBeCloseTo(0.4, 9)
    expect(voice!.durationSec).toBeCloseTo(1.6, 9)
    // its own fade: 0.4 of the way up at 7.4 s, full at 8 s (take time 1 s)
    expect(curveAt(takeCurve(describeMix(p).takes[0]!, 2), 7.4)).toBeCloseTo(0.4, 9)
    const level = (sec: number) =>
      curveAt(
        [
          { timeSec: 0, gain: voice!.gain.startGain },
          ...voice!.gain.ramps.map((r) => ({ timeSec: r.atSec, gain: r.gain })),
        ],
        sec,
      )
    expect(level(7.4)).toBeCloseTo(0.4, 9) // take time 0.4 s of its 1 s fade
    expect(level(8)).toBeCloseTo(1, 9)
    // the edge: up from 0 over 5 ms at the cut, held to the end (the take's own end: no edge fade there)
    expect(voice!.edge.ramps.map((r) => [Math.round(r.atSec * 1e6) / 1e6, r.gain])).toEqual([
      [7.4, 0],
      [7.405, 1],
      [9, 1],
    ])
  })

  it('starting mid-take plays from the matching point of the file, at once', () => {
    const [voice] = playbackSchedule(project(), run(4), stereo).voices
    expect(voice).toMatchObject({ whenSec: 0, takeId: 's1' })
    expect(voice!.offsetSec).toBeCloseTo(0.5, 9)
    expect(voice!.durationSec).toBeCloseTo(1.5, 9)
  })

  it('at 2× every time halves; a played range cuts the takes at its end', () => {
    const twice = playbackSchedule(project(), run(0, 10, 2), stereo).voices
    expect(twice.map((v) => v.whenSec)).toEqual([1.75, 3.5])
    const range = playbackSchedule(project(), run(3, 4.5), stereo).voices
    expect(range).toHaveLength(1)
    expect(range[0]!.durationSec).toBeCloseTo(1, 9)
  })

  it('fades are linear ramps in amplitude at the take’s edges, scaled by its gain', () => {
    const p = project({ fadeInMs: 100, fadeOutMs: 300, gainDb: -6 })
    const g = 10 ** (-6 / 20)
    const [voice] = playbackSchedule(p, run(), stereo).voices
    expect(voice!.gain.startGain).toBe(0)
    const level = (sec: number) =>
      curveAt(
        [
          { timeSec: 0, gain: voice!.gain.startGain },
          ...voice!.gain.ramps.map((r) => ({ timeSec: r.atSec, gain: r.gain })),
        ],
        sec,
      )
    for (const [sec, gain] of [
      [3.5, 0],
      [3.6, g],
      [4.4, g],
      [5.2, g],
      [5.35, g / 2],
      [5.5, 0],
    ] as const)
      expect(level(sec)).toBeCloseTo(gain, 9)
    // Halfway through the fade in, the take is at half its gain (ffmpeg afade's tri curve).
    const curve = takeCurve(describeMix(p).takes[0]!, 2)
    expect(curveAt(curve, 3.55)).toBeCloseTo(g / 2, 9)
  })

  it('a muted take is silent; a solo silences the others', () => {
    expect(playbackSchedule(project({ muted: true }), run(), stereo).voices.map((v) => v.takeId)).toEqual(['u1'])
    expect(playbackSchedule(project({}, { solo: true }), run(), stereo).voices.map((v) => v.takeId)).toEqual(['u1'])
  })

  it('mono takes are centred at −3 dB per side, stereo ones untouched', () => {
    const [m] = playbackSchedule(project(), run(), mono).voices
    const [s] = playbackSchedule(project(), run(), stereo).voices
    expect(m!.gain.startGain).toBeCloseTo(Math.SQRT1_2, 4)
    expect(s!.gain.startGain).toBe(1)
    expect(originalSourceGain(asset('x', 1, 25, true))).toBe(1)
    expect(originalSourceGain({ audio: { codec: 'aac', sampleRate: 48000, channels: 1 } })).toBe(MONO_CENTRE_GAIN)
  })

  it('duck: the original ramps to −10 dB over 300 ms before each take and back after it', () => {
    const p = project({}, {}, { mode: 'duck', duckDb: -10, duckFadeMs: 300 })
    const { original } = playbackSchedule(p, run(), stereo)
    const d = 10 ** (-10 / 20)
    expect(original.startGain).toBe(1)
    const at = (sec: number) => original.ramps.find((r) => Math.abs(r.atSec - sec) < 1e-9)?.gain
    expect(at(3.2)).toBe(1)
    expect(at(3.5)).toBeCloseTo(d, 9)
    expect(at(5.5)).toBeCloseTo(d, 9)
    expect(at(5.8)).toBe(1)
    // Started inside the first dip's ramp, the original starts at the in-between gain.
    const mid = playbackSchedule(p, run(3.35), stereo).original
    expect(mid.startGain).toBeCloseTo((1 + d) / 2, 9)
    expect(mid.ramps[0]!.atSec).toBeCloseTo(0.15, 9)
  })

  it('keep, lower and mute are flat gains on the original', () => {
    expect(playbackSchedule(project(), run(), stereo).original).toEqual({ startGain: 1, ramps: [] })
    expect(
      playbackSchedule(project({}, {}, { mode: 'lower', lowerDb: -12 }), run(), stereo).original.startGain,
    ).toBeCloseTo(0.2512, 4)
    expect(playbackSchedule(project({}, {}, { mode: 'mute' }), run(), stereo).original.startGain).toBe(0)
  })

  it('automation times are relative to the run start and divided by the rate', () => {
    const a = automationFrom(
      [
        { timeSec: 2, gain: 0 },
        { timeSec: 4, gain: 1 },
      ],
      1,
      2,
    )
    expect(a).toEqual({
      startGain: 0,
      ramps: [
        { atSec: 0.5, gain: 0 },
        { atSec: 1.5, gain: 1 },
      ],
    })
  })
})

describe('the transport', () => {
  it('J/K/L shuttle: L plays, L again 2×, K stops, J runs backwards, Space toggles', () => {
    expect(shuttle(0, 'forward')).toBe(1)
    expect(shuttle(1, 'forward')).toBe(2)
    expect(shuttle(2, 'forward')).toBe(2)
    expect(shuttle(-1, 'forward')).toBe(1)
    expect(shuttle(2, 'stop')).toBe(0)
    expect(shuttle(0, 'reverse')).toBe(-1)
    expect(shuttle(-1, 'reverse')).toBe(-2)
    expect(shuttle(0, 'playPause')).toBe(1)
    expect(shuttle(2, 'playPause')).toBe(0)
  })

  it('an audition hears the chosen take in place of the active one, without changing the project', () => {
    const p = project({}, { solo: true })
    const heard = auditionProject(p, 's', 's2')
    expect(p.segments[0]!.activeTakeId).toBe('s1')
    const voices = playbackSchedule(heard, run(), stereo).voices.map((v) => v.takeId)
    expect(voices).toEqual(['s2', 'u1']) // soloed alongside the other solo, so it is heard
    expect(auditionRange(p, 's', 's2')).toEqual({ fromSec: 3, untilSec: 5.5 })
  })

  it('play from the end starts over; the picture under a time and the next one', () => {
    const p = project()
    expect(playStartSec(p, 10)).toBe(0)
    expect(playStartSec(p, 4)).toBe(4)
    expect(pictureAt(p, 7)).toMatchObject({ clip: { id: 'B' }, sourceSec: 1 })
    expect(pictureAt(p, 11)).toBeNull()
    expect(nextPicture(p, 2)).toMatchObject({ clip: { id: 'B' }, sourceSec: 0 })
  })
})

describe('the transport keys', () => {
  const press = (key: string, mods: Partial<Record<'ctrlKey' | 'metaKey' | 'altKey' | 'shiftKey', boolean>> = {}) => ({
    key,
    ctrlKey: false,
    metaKey: false,
    altKey: false,
    shiftKey: false,
    ...mods,
  })
  it('Space, J, K, L (either case) and nothing with Ctrl/Cmd/Alt', () => {
    expect(transportKeyFor(press(' '))).toBe('playPause')
    expect(transportKeyFor(press('J', { shiftKey: true }))).toBe('reverse')
    expect(transportKeyFor(press('k'))).toBe('stop')
    expect(transportKeyFor(press('l'))).toBe('forward')
    expect(transportKeyFor(press('l', { ctrlKey: true }))).toBeNull()
    expect(transportKeyFor(press(' ', { altKey: true }))).toBeNull()
  })
  it('frame and edit steps stop a run; Alt+arrows (nudge) do not', () => {
    expect(stopsTransport(press('ArrowLeft'))).toBe(true)
    expect(stopsTransport(press('Home'))).toBe(true)
    expect(stopsTransport(press('ArrowRight', { altKey: true }))).toBe(false)
  })
  it('Space still plays from a focused slider or checkbox, not from a text field', () => {
    const el = (tagName: string, type?: string) =>
      ({ tagName, type, isContentEditable: false }) as unknown as EventTarget
    expect(isTextEntry(el('INPUT', 'range'))).toBe(false)
    expect(isTextEntry(el('INPUT', 'checkbox'))).toBe(false)
    expect(isTextEntry(el('BUTTON'))).toBe(false)
    expect(isTextEntry(el('INPUT', 'text'))).toBe(true)
    expect(isTextEntry(el('INPUT', 'number'))).toBe(true)
    expect(isTextEntry(el('TEXTAREA'))).toBe(true)
  })
})
