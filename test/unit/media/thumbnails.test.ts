import { describe, expect, it } from 'vitest'
import { framesInRange, keyframeTimes, pickKeyframes, planThumbnails } from '../../../electron/media/thumbnails'

describe('planThumbnails', () => {
  it('a 5 s 16:9 clip: one 160×90 frame per second, full decode', () => {
    expect(planThumbnails(5, 1920, 1080)).toEqual({
      frameCount: 5,
      frameWidth: 160,
      frameHeight: 90,
      intervalSec: 1,
      keyframesOnly: false,
    })
  })
  it('a portrait phone clip keeps its aspect with an even width', () => {
    expect(planThumbnails(5, 1080, 1920)).toMatchObject({ frameWidth: 50, frameHeight: 90 })
    expect(planThumbnails(5, 373, 211).frameWidth % 2).toBe(0)
  })
  it('a long file: capped frame count, keyframes only', () => {
    expect(planThumbnails(3600, 1920, 1080)).toMatchObject({ frameCount: 120, intervalSec: 30, keyframesOnly: true })
  })
  it('a sub-second clip still gets one frame', () => {
    expect(planThumbnails(0.4, 640, 360)).toMatchObject({ frameCount: 1, intervalSec: 0.4 })
  })
})

describe('keyframes for a long file’s strip (pure)', () => {
  it('reads the presentation times of a framecrc listing in its time base', () => {
    const listing = [
      '#tb 0: 1/15360',
      '#media_type 0: video',
      '0,        323,        323,      512,   408693, 0x32838b75',
      '0,      15683,      15683,      512,   187532, 0x786defb8',
      '',
    ].join('\n')
    expect(keyframeTimes(listing)).toEqual([323 / 15360, 15683 / 15360])
    expect(keyframeTimes('no listing')).toEqual([])
  })

  it('picks, for each slot, the last keyframe nearest to it; slots without one are left to the one before', () => {
    const all = (frameCount: number) => ({ firstFrame: 0, frameCount })
    // One keyframe a second, slots every 5 s: seconds 2, 7, 12 … (the last rounding to each slot).
    const everySecond = Array.from({ length: 30 }, (_, i) => i)
    expect(pickKeyframes(everySecond, 5, all(6))).toEqual([2, 7, 12, 17, 22, 27])
    // Sparse keyframes (every 5 s), slots every second: each keyframe has its own slot.
    expect(pickKeyframes([0, 5, 10, 15], 1, all(20))).toEqual([0, 1, 2, 3])
    expect(pickKeyframes([], 1, all(20))).toEqual([])
  })

  it('for a part of the strip: its slots’ keyframes, and the last one before it to fill its first slots', () => {
    const everySecond = Array.from({ length: 60 }, (_, i) => i)
    expect(pickKeyframes(everySecond, 5, { firstFrame: 2, frameCount: 3 })).toEqual([7, 12, 17, 22])
    // Sparse keyframes: slots 12–19 start with the keyframe of second 10, then 15.
    expect(pickKeyframes([0, 5, 10, 15, 20, 25], 1, { firstFrame: 12, frameCount: 8 })).toEqual([2, 3])
  })

  it('the frames whose slots meet a range, at least one, within the strip', () => {
    const plan = { frameCount: 120, intervalSec: 5 }
    expect(framesInRange(plan, 0, 30)).toEqual({ firstFrame: 0, frameCount: 6 })
    expect(framesInRange(plan, 12, 31)).toEqual({ firstFrame: 2, frameCount: 5 })
    expect(framesInRange(plan, 598, 700)).toEqual({ firstFrame: 119, frameCount: 1 })
    expect(framesInRange(plan, -10, 0)).toEqual({ firstFrame: 0, frameCount: 1 })
  })
})
