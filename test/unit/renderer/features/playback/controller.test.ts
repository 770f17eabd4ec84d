// The transport against a fake clock and a fake audio layer: it schedules the mix from where it starts, reports
// the playhead each frame, drives the clip's <video>, stops at the end of the range, and plays backwards
// without sound.
import { describe, expect, it } from 'vitest'
import { DEFAULT_TAKE_MIX, type Project } from '../../../../../shared/domain/project'
import type { AudioLayer } from '../../../../../renderer/src/features/playback/audioLayer'
import { PlaybackController } from '../../../../../renderer/src/features/playback/controller'
import type { PlaybackSchedule } from '../../../../../renderer/src/features/playback/schedule'
import { auditionProject } from '../../../../../renderer/src/features/playback/transport'
import { segment, twoClipProject } from '../../fixtures'

function setup(project: Project) {
  let clock = 0 // context seconds
  let nowMs = 0
  let frame: (() => void) | null = null
  const started: Array<{ schedule: PlaybackSchedule; startAt: number; rate: number }> = []
  const retuned: Array<{ schedule: PlaybackSchedule; at: number }> = []
  const times: number[] = []
  const audio = {
    context: () => ({}),
    load: async () => null,
    channelsOf: () => 1,
    start: (schedule: PlaybackSchedule, startAt: number, rate: number) => void started.push({ schedule, startAt, rate }),
    stopVoices: () => {},
    retune: (schedule: PlaybackSchedule, at: number) => void retuned.push({ schedule, at }),
    attachElement: () => {},
    detachRemovedElements: () => {},
    now: () => clock,
  } as unknown as AudioLayer
  const c = new PlaybackController({
    audio,
    getProject: () => project,
    onTime: (s) => void times.push(s),
    onRate: () => {},
    frame: (cb) => ((frame = cb), 1),
    cancelFrame: () => void (frame = null),
    nowMs: () => nowMs,
  })
  const advance = (sec: number) => {
    clock += sec
    nowMs += sec * 1000
    const f = frame
    frame = null
    f?.()
  }
  return { c, started, retuned, times, advance }
}

const take = { id: 't', provider: 'fal' as const, seed: 1, path: '/t.wav', durationSec: 2, requestIds: [], createdAt: 'now', mix: { ...DEFAULT_TAKE_MIX, nudgeMs: 40 } }
const withTake = () => twoClipProject({ segments: [{ ...segment('s', 3.5, 5.5), takes: [take, { ...take, id: 'u', mix: DEFAULT_TAKE_MIX }], activeTakeId: 't' }] })

describe('the playback controller', () => {
  it('schedules the mix from the start point and reports the playhead from the audio clock', async () => {
    const { c, started, times, advance } = setup(withTake())
    await c.start(3)
    expect(started).toHaveLength(1)
    expect(started[0]!.schedule.voices[0]!.whenSec).toBeCloseTo(0.54, 9) // 3.54 s on the timeline, 3 s in
    advance(started[0]!.startAt + 0.5)
    expect(times.at(-1)).toBeCloseTo(3.5, 9)
    expect(c.isOwnTime(times.at(-1)!)).toBe(true)
    expect(c.isOwnTime(1.234)).toBe(false)
    c.stop()
    expect(c.playing).toBe(false)
  })

  it('a gain mid-drag retunes the running voices from now, without restarting them', async () => {
    const project = withTake()
    const { c, started, retuned, advance } = setup(project)
    await c.start(3)
    advance(started[0]!.startAt + 1) // at 4 s on the timeline
    const louder = { ...project, segments: [{ ...project.segments[0]!, takes: [{ ...take, mix: { ...take.mix, gainDb: 6 } }] }] }
    c.preview(louder)
    expect(started).toHaveLength(1)
    const { schedule, at } = retuned[0]!
    expect(at).toBeCloseTo(started[0]!.startAt + 1, 9)
    expect(schedule.voices[0]!.gain.startGain).toBeCloseTo(10 ** (6 / 20) * Math.SQRT1_2, 9) // mono take, +6 dB, mid-take
  })

  it('starts the picture first and lines the takes up with where it really is', async () => {
    const { c, started, times, advance } = setup(withTake())
    const el = { currentTime: 0, playbackRate: 1, paused: true, seeking: false, isConnected: true, pause() {}, play: async () => void (el.currentTime += 0.1) }
    c.registerVideo('/media/a.mp4', el as unknown as HTMLVideoElement)
    await c.start(3)
    expect(el.currentTime).toBeCloseTo(3.1, 9) // asked for 3 s, the element got going at 3.1 s
    expect(started[0]!.schedule.voices[0]!.whenSec).toBeCloseTo(3.54 - 3.16, 9) // from 3.1 s + the 60 ms lead
    advance(started[0]!.startAt)
    expect(times.at(-1)).toBeCloseTo(3.16, 9)
  })

  it('a played range stops at its end and leaves the playhead there', async () => {
    const { c, times, advance } = setup(withTake())
    await c.start(1, { untilSec: 2 })
    advance(0.6)
    advance(0.6)
    expect(c.playing).toBe(false)
    expect(times.at(-1)).toBe(2)
  })

  it('an audition schedules the other take and leaves the project as it is', async () => {
    const project = withTake()
    const { c, started } = setup(project)
    await c.start(3, { untilSec: 5.5, override: auditionProject(project, 's', 'u') })
    expect(started[0]!.schedule.voices.map((v) => v.takeId)).toEqual(['u'])
    expect(project.segments[0]!.activeTakeId).toBe('t')
  })

  it('2× halves the schedule’s times and doubles the clock', async () => {
    const { c, started, times, advance } = setup(withTake())
    await c.start(3, { rate: 2 })
    expect(started[0]).toMatchObject({ rate: 2 })
    expect(started[0]!.schedule.voices[0]!.whenSec).toBeCloseTo(0.27, 9)
    advance(started[0]!.startAt + 0.5)
    expect(times.at(-1)).toBeCloseTo(4, 9)
  })

  it('backwards: no sound, the playhead runs down and stops at 0', async () => {
    const { c, started, times, advance } = setup(withTake())
    await c.start(1, { rate: -1 })
    expect(started).toHaveLength(0)
    advance(0.4)
    expect(times.at(-1)).toBeCloseTo(0.6, 9)
    advance(1)
    expect(times.at(-1)).toBe(0)
    expect(c.playing).toBe(false)
  })
})
