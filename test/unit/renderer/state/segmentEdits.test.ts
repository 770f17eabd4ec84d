import { describe, expect, it } from 'vitest'
import {
  addSegment,
  deleteSegment,
  moveSegment,
  nearestFreeStart,
  resizeSegment,
  soundLaneCount,
} from '../../../../renderer/src/state/segmentEdits'
import { segment, shownSegments, twoClipProject } from '../fixtures'

const ranges = (p: ReturnType<typeof twoClipProject>) =>
  p.segments.map((s) => shownSegments({ clips: p.clips, segments: [s] }).map(([id, a, b]) => [id, a, b, s.lane])[0])

describe('marking segments', () => {
  it('adds a segment with the default generation settings and no takes, in either drag direction', () => {
    const p = addSegment(twoClipProject(), 's', { startSec: 4, endSec: 1 })
    expect(ranges(p)).toEqual([['s', 1, 4, 0]])
    expect(p.segments[0]).toMatchObject({ takes: [], activeTakeId: null, params: { takes: 3, windowSec: 8 } })
  })

  it('a range that overlaps a segment on the lane goes to the first free lane', () => {
    const p0 = twoClipProject({ segments: [segment('a', 0, 5)] })
    expect(ranges(addSegment(p0, 'b', { startSec: 3, endSec: 8 }))[1]).toEqual(['b', 3, 8, 1])
    expect(ranges(addSegment(p0, 'c', { startSec: 5, endSec: 8 }))[1]).toEqual(['c', 5, 8, 0])
  })

  it('ignores a range shorter than half a second', () => {
    const p0 = twoClipProject()
    expect(addSegment(p0, 's', { startSec: 1, endSec: 1.2 })).toBe(p0)
  })

  it('draws every used lane plus one free one', () => {
    expect(soundLaneCount(twoClipProject())).toBe(1)
    expect(soundLaneCount(twoClipProject({ segments: [segment('a', 0, 1, 2)] }))).toBe(4)
  })
})

describe('moving and resizing segments', () => {
  const p0 = twoClipProject({ segments: [segment('a', 0, 2), segment('b', 5, 8)] })

  it('moves a segment, sliding it to the nearest free place on the lane', () => {
    expect(ranges(moveSegment(p0, 'a', 0, 3, 0))[0]).toEqual(['a', 3, 5, 0])
    expect(ranges(moveSegment(p0, 'a', 0, 4.5, 0))[0]).toEqual(['a', 3, 5, 0]) // would overlap b → slides left
    expect(ranges(moveSegment(p0, 'a', 0, 7, 0))[0]).toEqual(['a', 8, 10, 0]) // nearer after b
    expect(ranges(moveSegment(p0, 'a', 0, 5, 1))[0]).toEqual(['a', 5, 7, 1]) // another lane is free
  })

  it('never jumps far: when the nearest free place is further than its length, it takes a free lane instead', () => {
    const dense = twoClipProject({ segments: [segment('a', 0, 1), segment('b', 2, 20), segment('c', 21, 40)] })
    // a (1 s) dropped at 10 on lane 0: the nearest gaps are 9 s away → lane 1 at 10
    expect(ranges(moveSegment(dense, 'a', 0, 10, 0))[0]).toEqual(['a', 10, 11, 1])
    // dropped at 20.2: the gap 20–21 is 0.2 s away → slides into it
    expect(ranges(moveSegment(dense, 'a', 0, 20.2, 0))[0]).toEqual(['a', 20, 21, 0])
  })

  it('resizes an edge, stopping at neighbours and at the minimum length', () => {
    expect(ranges(resizeSegment(p0, 'a', 0, 'end', 10))[0]).toEqual(['a', 0, 5, 0])
    expect(ranges(resizeSegment(p0, 'b', 5, 'start', -10))[1]).toEqual(['b', 2, 8, 0])
    expect(ranges(resizeSegment(p0, 'b', 5, 'start', 10))[1]).toEqual(['b', 7.5, 8, 0])
  })

  it('deletes a segment', () => {
    expect(ranges(deleteSegment(p0, 'a'))).toEqual([['b', 5, 8, 0]])
    expect(deleteSegment(p0, 'zzz')).toBe(p0)
  })

  it('finds the nearest free start among gaps, the last one open-ended', () => {
    const occupied = [{ startSec: 2, endSec: 4 }, { startSec: 5, endSec: 9 }]
    expect(nearestFreeStart(occupied, 1, 4.2)).toBe(4)
    expect(nearestFreeStart(occupied, 2, 4.2)).toBe(0)
    expect(nearestFreeStart(occupied, 2, 7)).toBe(9)
  })
})
