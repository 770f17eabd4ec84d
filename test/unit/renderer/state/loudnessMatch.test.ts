// Fair A/B: with Match loudness, every take of a segment is auditioned at the level the active take sits at in
// the mix (the schedule's gains say so), and choosing an untouched take starts it there, in one undo step. A
// gain set by hand is never overridden; unmeasured or silent takes are left as they are.
import { describe, expect, it } from 'vitest'
import { playbackSchedule } from '../../../../renderer/src/features/playback/schedule'
import { auditionProject } from '../../../../renderer/src/features/playback/transport'
import { createEditorState, editorReducer, type EditorState } from '../../../../renderer/src/state/editor'
import {
  auditionGainDb,
  gainUntouched,
  matchedGainDb,
  mixLevelLufs,
  referenceLufs,
} from '../../../../renderer/src/state/loudnessMatch'
import { DEFAULT_TAKE_MIX, type Segment, type Take } from '../../../../shared/domain/project'
import { attached, take as baseTake, twoClipProject } from '../fixtures'

/** A take measured at `lufs` (undefined: never measured) with a gain, and the gain matching last gave it. */
const take = (id: string, lufs: number | null | undefined, gainDb = 0, matched?: number): Take =>
  baseTake(id, {
    ...(lufs !== undefined ? { integratedLufs: lufs } : {}),
    ...(matched !== undefined ? { matchedGainDb: matched } : {}),
    mix: { ...DEFAULT_TAKE_MIX, gainDb },
  })

const segWith = (takes: Take[], activeTakeId: string | null = takes[0]?.id ?? null): Segment => ({
  ...attached('s', 'a', 1, 3),
  takes,
  activeTakeId,
})

describe('loudness match gains', () => {
  it('a take’s level in the mix is its loudness plus its gain; unknown without a measurement', () => {
    expect(mixLevelLufs(take('a', -23.4, 2))).toBeCloseTo(-21.4, 9)
    expect(mixLevelLufs(take('a', null, 2))).toBeNull()
    expect(mixLevelLufs(take('a', undefined))).toBeNull() // made before takes were measured
  })

  it('the reference is where the active take sits in the mix', () => {
    const s = segWith([take('a', -20, 3), take('b', -26), take('c', -17)])
    expect(referenceLufs(s, 'b')).toBe(-17) // a: −20 + 3
    expect(matchedGainDb(s, s.takes[1]!)).toBe(9) // −26 → −17
    expect(matchedGainDb(s, s.takes[2]!)).toBe(0) // already there
  })

  it('for the active take itself, or an unmeasured active take, the mean of the others', () => {
    const s = segWith([take('a', -20), take('b', -26), take('c', -17, -1)])
    expect(referenceLufs(s, 'a')).toBe(-22) // (−26 + −18) / 2
    const unmeasured = segWith([take('a', null), take('b', -26), take('c', -18)])
    expect(referenceLufs(unmeasured, 'b')).toBe(-18)
    expect(referenceLufs(segWith([take('a', null), take('b', -26)]), 'b')).toBeNull()
  })

  it('gains are 0.1 dB steps inside the gain range; unknown loudness gives none', () => {
    const s = segWith([take('a', -20.04), take('b', -31.27), take('c', null), take('d', -95)])
    expect(matchedGainDb(s, s.takes[1]!)).toBe(11.2)
    expect(matchedGainDb(s, s.takes[2]!)).toBeNull()
    expect(matchedGainDb(s, s.takes[3]!)).toBe(24) // the most a gain may add
  })

  it('a gain is untouched while it is the one the app gave (0, or what matching set)', () => {
    expect(gainUntouched(take('a', -20))).toBe(true)
    expect(gainUntouched(take('a', -20, 4.5, 4.5))).toBe(true)
    expect(gainUntouched(take('a', -20, 3))).toBe(false)
    expect(gainUntouched(take('a', -20, 3, 4.5))).toBe(false)
  })

  it('auditions: untouched takes at the reference, the active one and hand-set gains as they are, all as-is when off', () => {
    const s = segWith([take('a', -20, 2), take('b', -26), take('c', -14, -3)])
    expect(auditionGainDb(s, s.takes[0]!, true)).toBe(2)
    expect(auditionGainDb(s, s.takes[1]!, true)).toBe(8)
    expect(auditionGainDb(s, s.takes[2]!, true)).toBe(-3)
    expect(auditionGainDb(s, s.takes[1]!, false)).toBe(0)
  })
})

describe('auditioning with Match loudness', () => {
  it('plays each take so that loudness × gain comes out the same, and leaves the project alone', () => {
    const segment = segWith([take('a', -20, 2), take('b', -26), take('c', -17.5)])
    const project = twoClipProject({ segments: [segment] })
    const amplitude = (takeId: string, match: boolean) => {
      const voice = playbackSchedule(
        auditionProject(project, 's', takeId, match),
        { fromSec: 0, untilSec: 10, rate: 1 },
        () => 2,
      ).voices.find((v) => v.takeId === takeId)!
      return Math.max(voice.gain.startGain, ...voice.gain.ramps.map((r) => r.gain))
    }
    const heardLufs = (id: string, lufs: number, match: boolean) => lufs + 20 * Math.log10(amplitude(id, match))
    expect(heardLufs('a', -20, true)).toBeCloseTo(-18, 6)
    expect(heardLufs('b', -26, true)).toBeCloseTo(-18, 6)
    expect(heardLufs('c', -17.5, true)).toBeCloseTo(-18, 6)
    expect(heardLufs('b', -26, false)).toBeCloseTo(-26, 6)
    expect(project.segments[0]).toBe(segment)
  })
})

describe('choosing a take with Match loudness', () => {
  const start = (takes: Take[]): EditorState => createEditorState(twoClipProject({ segments: [segWith(takes)] }))
  const choose = (s: EditorState, takeId: string, matchLoudness = true) =>
    editorReducer(s, { type: 'activeTakeChosen', segmentId: 's', takeId, matchLoudness })
  const takeOf = (s: EditorState, id: string) => s.history.present.segments[0]!.takes.find((t) => t.id === id)!

  it('starts an untouched take at the segment’s level, in the same single undo step', () => {
    const before = start([take('a', -20, 1.5), take('b', -24.3)])
    const after = choose(before, 'b')
    expect(after.history.past.length).toBe(1)
    expect(after.history.present.segments[0]!.activeTakeId).toBe('b')
    expect(takeOf(after, 'b').mix.gainDb).toBe(5.8) // −24.3 + 5.8 = −18.5 = −20 + 1.5
    expect(takeOf(after, 'b').matchedGainDb).toBe(5.8)
    const undone = editorReducer(after, { type: 'undo' })
    expect(undone.history.present).toBe(before.history.present)
  })

  it('matches again when chosen back after the level moved, but never overrides a gain set by hand', () => {
    let s = choose(start([take('a', -20), take('b', -23)]), 'b') // b: +3 → −20
    s = editorReducer(s, { type: 'takeMixChanged', segmentId: 's', takeId: 'b', change: { gainDb: 5 } }) // −18
    s = choose(s, 'a') // a untouched: 0 → +2, to sit at b's −18
    expect(takeOf(s, 'a').mix.gainDb).toBe(2)
    s = editorReducer(s, { type: 'takeMixChanged', segmentId: 's', takeId: 'a', change: { gainDb: -1 } }) // −21
    s = choose(s, 'b') // b's +5 was set by hand: kept
    expect(takeOf(s, 'b').mix.gainDb).toBe(5)
    s = choose(s, 'a') // a's −1 was set by hand: kept
    expect(takeOf(s, 'a').mix.gainDb).toBe(-1)
  })

  it('with Match loudness off, or an unmeasured take, the gain is left alone', () => {
    expect(takeOf(choose(start([take('a', -20), take('b', -26)]), 'b', false), 'b').mix.gainDb).toBe(0)
    const unmeasured = choose(start([take('a', -20), take('b', null)]), 'b')
    expect(takeOf(unmeasured, 'b').mix.gainDb).toBe(0)
    expect(unmeasured.history.past.length).toBe(1) // still chosen
  })
})
