import { describe, expect, it } from 'vitest'
import { timelineEndSec } from '../../../shared/domain/placement'
import {
  describeMix,
  gainAtSec,
  mergeRanges,
  originalEnvelope,
  SILENCE_DB,
  soundingTakes,
  type PlacedTake,
} from '../../../shared/domain/mix'
import {
  DEFAULT_GENERATION,
  DEFAULT_ORIGINAL_AUDIO,
  DEFAULT_TAKE_MIX,
  type Clip,
  type Segment,
  type TakeMix,
} from '../../../shared/domain/project'

const clip = (startSec: number, inSec: number, outSec: number): Clip => ({ id: `c${startSec}`, assetId: 'a', startSec, inSec, outSec })

function segment(id: string, startSec: number, endSec: number, mix: Partial<TakeMix> = {}, takeSec = endSec - startSec): Segment {
  return {
    id,
    anchor: { kind: 'timeline', startSec, endSec },
    lane: 0,
    params: DEFAULT_GENERATION,
    takes: [
      { id: `${id}-other`, provider: 'fal', seed: 1, path: `/takes/${id}-other.wav`, durationSec: takeSec, requestIds: [], createdAt: '', mix: DEFAULT_TAKE_MIX },
      { id: `${id}-t`, provider: 'fal', seed: 2, path: `/takes/${id}.wav`, durationSec: takeSec, requestIds: [], createdAt: '', mix: { ...DEFAULT_TAKE_MIX, ...mix } },
    ],
    activeTakeId: `${id}-t`,
  }
}

const tenSeconds = [clip(0, 0, 6), clip(6, 2, 6)]

describe('timelineEndSec', () => {
  it('is the end of the last clip, wherever it is in the list', () => {
    expect(timelineEndSec([clip(6, 2, 6), clip(0, 0, 6)])).toBe(10)
    expect(timelineEndSec([])).toBe(0)
  })
})

describe('soundingTakes', () => {
  it("places each segment's active take at its start plus nudge, with its gain and fades", () => {
    const takes = soundingTakes({ clips: tenSeconds, segments: [segment('s', 2, 4, { nudgeMs: 120, gainDb: -6, fadeInMs: 50, fadeOutMs: 300 })] })
    expect(takes).toEqual([
      {
        segmentId: 's', takeId: 's-t', pieceIndex: 0, path: '/takes/s.wav', startSec: 2.12, offsetSec: 0, durationSec: 2, gainDb: -6,
        fades: [
          { startSec: 0, durationSec: 0.05, direction: 'in', curve: 'linear' },
          { startSec: 1.7, durationSec: 0.3, direction: 'out', curve: 'linear' },
        ],
        edgeInSec: 0, edgeOutSec: 0,
      },
    ])
  })

  it('skips muted takes, and once any take is soloed only solos sound', () => {
    const segments = [segment('a', 0, 1, { muted: true }), segment('b', 1, 2), segment('c', 2, 3, { solo: true }), segment('d', 3, 4, { solo: true })]
    expect(soundingTakes({ clips: tenSeconds, segments }).map((t) => t.segmentId)).toEqual(['c', 'd'])
    expect(soundingTakes({ clips: tenSeconds, segments: segments.slice(0, 2) }).map((t) => t.segmentId)).toEqual(['b'])
  })

  it('a muted solo neither sounds nor silences the others', () => {
    const segments = [segment('a', 0, 1, { solo: true, muted: true }), segment('b', 1, 2)]
    expect(soundingTakes({ clips: tenSeconds, segments }).map((t) => t.segmentId)).toEqual(['b'])
  })

  it('a negative nudge before 0 starts the take part-way in', () => {
    const [take] = soundingTakes({ clips: tenSeconds, segments: [segment('s', 0.1, 2.1, { nudgeMs: -250 })] })
    expect(take!.startSec).toBe(0)
    expect(take!.offsetSec).toBeCloseTo(0.15, 9)
    expect(take!.durationSec).toBeCloseTo(1.85, 9)
  })

  it('cuts a take to its segment and to the end of the timeline, and skips takes past the end', () => {
    const segments = [segment('long', 1, 3, {}, 2.5), segment('tail', 9, 12), segment('after', 10.5, 11)]
    const takes = soundingTakes({ clips: tenSeconds, segments })
    expect(takes.map((t) => [t.segmentId, t.durationSec])).toEqual([['long', 2], ['tail', 1]])
  })

  it('shortens fades that would outlast the sound, keeping their proportion', () => {
    const [take] = soundingTakes({ clips: tenSeconds, segments: [segment('s', 0, 1, { fadeInMs: 1000, fadeOutMs: 3000 })] })
    expect(take!.fades.map((f) => [f.direction, f.startSec, f.durationSec])).toEqual([['in', 0, 0.25], ['out', 0.25, 0.75]])
  })

  it('ignores segments without an active take', () => {
    const s = { ...segment('s', 0, 1), activeTakeId: null }
    expect(soundingTakes({ clips: tenSeconds, segments: [s] })).toEqual([])
  })
})

const placed = (startSec: number, durationSec: number): PlacedTake => ({
  segmentId: 's', takeId: 't', pieceIndex: 0, path: '/t.wav', startSec, offsetSec: 0, durationSec, gainDb: 0,
  fades: [], edgeInSec: 0, edgeOutSec: 0,
})

describe('originalEnvelope', () => {
  const original = { ...DEFAULT_ORIGINAL_AUDIO, lowerDb: -12, duckDb: -10, duckFadeMs: 300 }

  it('keep, lower and mute are flat', () => {
    expect(originalEnvelope({ ...original, mode: 'keep' }, [placed(1, 1)], 10)).toEqual([{ timeSec: 0, gainDb: 0 }])
    expect(originalEnvelope({ ...original, mode: 'lower' }, [placed(1, 1)], 10)).toEqual([{ timeSec: 0, gainDb: -12 }])
    expect(originalEnvelope({ ...original, mode: 'mute' }, [], 10)).toEqual([{ timeSec: 0, gainDb: SILENCE_DB }])
  })

  it('duck dips by duckDb under each take, ramping duckFadeMs before and after', () => {
    const env = originalEnvelope({ ...original, mode: 'duck' }, [placed(2, 1), placed(6, 1)], 10)
    expect(env).toEqual([
      { timeSec: 0, gainDb: 0 },
      { timeSec: 1.7, gainDb: 0 },
      { timeSec: 2, gainDb: -10 },
      { timeSec: 3, gainDb: -10 },
      { timeSec: 3.3, gainDb: 0 },
      { timeSec: 5.7, gainDb: 0 },
      { timeSec: 6, gainDb: -10 },
      { timeSec: 7, gainDb: -10 },
      { timeSec: 7.3, gainDb: 0 },
    ])
  })

  it('merges overlapping takes, and takes whose ramps would meet, into one dip', () => {
    const env = originalEnvelope({ ...original, mode: 'duck' }, [placed(2, 2), placed(3, 2), placed(5.5, 1)], 10)
    expect(env).toEqual([
      { timeSec: 0, gainDb: 0 },
      { timeSec: 1.7, gainDb: 0 },
      { timeSec: 2, gainDb: -10 },
      { timeSec: 6.5, gainDb: -10 },
      { timeSec: 6.8, gainDb: 0 },
    ])
  })

  it('a dip at the very start or end is cut at the timeline edges, mid-ramp', () => {
    const env = originalEnvelope({ ...original, mode: 'duck' }, [placed(0.15, 1), placed(9, 0.9)], 10)
    expect(env[0]!.timeSec).toBe(0)
    expect(gainAtSec(env, 0)).toBeCloseTo((1 + 10 ** (-10 / 20)) / 2, 6)
    expect(env[env.length - 1]!.timeSec).toBe(10)
    expect(gainAtSec(env, 10)).toBeCloseTo(gainAtSec(env, 9.9) + (1 - 10 ** (-10 / 20)) / 3, 6)
  })

  it('a take from 0 s starts the timeline fully ducked, with exact values', () => {
    const env = originalEnvelope({ ...original, mode: 'duck' }, [placed(0, 2)], 10)
    expect(env).toEqual([
      { timeSec: 0, gainDb: -10 },
      { timeSec: 2, gainDb: -10 },
      { timeSec: 2.3, gainDb: 0 },
    ])
  })

  it('duck without sounding takes leaves the original untouched', () => {
    expect(originalEnvelope({ ...original, mode: 'duck' }, [], 10)).toEqual([{ timeSec: 0, gainDb: 0 }])
  })
})

describe('gainAtSec', () => {
  it('ramps linearly in amplitude between breakpoints and holds outside them', () => {
    const env = [{ timeSec: 1, gainDb: 0 }, { timeSec: 2, gainDb: SILENCE_DB }]
    expect(gainAtSec(env, 0)).toBe(1)
    expect(gainAtSec(env, 1.25)).toBeCloseTo(0.75, 9)
    expect(gainAtSec(env, 5)).toBe(0)
  })
})

describe('mergeRanges', () => {
  it('joins ranges that overlap or are closer than the join distance', () => {
    expect(mergeRanges([[5, 6], [0, 1], [0.5, 2], [2.4, 3]], 0.5)).toEqual([[0, 3], [5, 6]])
  })
})

describe('describeMix', () => {
  it('ducks only under takes that sound', () => {
    const mix = describeMix({
      clips: tenSeconds,
      segments: [segment('a', 2, 3, { muted: true }), segment('b', 5, 6)],
      original: { ...DEFAULT_ORIGINAL_AUDIO, mode: 'duck', duckFadeMs: 0 },
    })
    expect(mix.timelineSec).toBe(10)
    expect(mix.takes.map((t) => t.segmentId)).toEqual(['b'])
    expect(mix.original.envelope).toEqual([
      { timeSec: 0, gainDb: 0 },
      { timeSec: 5, gainDb: 0 },
      { timeSec: 5, gainDb: -10 },
      { timeSec: 6, gainDb: -10 },
      { timeSec: 6, gainDb: 0 },
    ])
  })
})
