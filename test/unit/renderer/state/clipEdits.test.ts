import { describe, expect, it } from 'vitest'
import { clipAt, deleteClip, moveClip, splitClip, trimClip } from '../../../../renderer/src/state/clipEdits'
import { clip, layout, segment, twoClipProject, shownSegments } from '../fixtures'

describe('moving clips', () => {
  it('moves a clip into free space and leaves the gap it came from', () => {
    const p = moveClip(twoClipProject(), 'B', 8)
    expect(layout(p)).toEqual([
      ['A', 0, 0, 6],
      ['B', 8, 0, 4],
    ])
  })

  it('dropping a clip at the front reorders the track: the covered clip is pushed right, no overlap', () => {
    const p = moveClip(twoClipProject(), 'B', 0)
    expect(layout(p)).toEqual([
      ['B', 0, 0, 4],
      ['A', 4, 0, 6],
    ])
  })

  it('dropped inside a clip, it goes before it (first half) or after it (second half)', () => {
    const three = twoClipProject({ clips: [...twoClipProject().clips, clip('C', 'a', 10, 0, 2)] })
    expect(layout(moveClip(three, 'C', 2))).toEqual([
      ['C', 0, 0, 2],
      ['A', 2, 0, 6],
      ['B', 8, 0, 4],
    ])
    expect(layout(moveClip(three, 'C', 4))).toEqual([
      ['A', 0, 0, 6],
      ['C', 6, 0, 2],
      ['B', 8, 0, 4],
    ])
  })

  it('pushes a chain of clips only as far as needed, keeping later gaps', () => {
    const p0 = twoClipProject({ clips: [clip('A', 'a', 0, 0, 2), clip('B', 'b', 3, 0, 2), clip('C', 'a', 10, 0, 1)] })
    const p = moveClip(p0, 'C', 1)
    // C [1,2) would sit inside A's second half → after A at 2; B [3,5) is free of C [2,3).
    expect(layout(p)).toEqual([
      ['A', 0, 0, 2],
      ['C', 2, 0, 1],
      ['B', 3, 0, 2],
    ])
  })

  // Snapping drops a clip exactly on a cut, and a clip's end is computed (start + out − in) with float noise:
  // 0 + (4.9 − 2.5) is 2.4000000000000004. Found by fuzzing edit sequences.
  it('dropped exactly on a cut whose end carries float noise, it goes there and pushes the next clip: no overlap', () => {
    const p0 = twoClipProject({
      clips: [clip('A', 'a', 0, 2.5, 4.9), clip('B', 'b', 2.4, 0, 4), clip('C', 'a', 6.4, 0, 1)],
    })
    expect(layout(moveClip(p0, 'C', 2.4))).toEqual([
      ['A', 0, 2.5, 4.9],
      ['C', 2.4, 0, 1],
      ['B', 3.4, 0, 4],
    ])
    // The same with the drop point a hair inside the noisy end, as a snap to the unrounded end gives.
    expect(layout(moveClip(p0, 'C', 2.4 + 1e-9))).toEqual(layout(moveClip(p0, 'C', 2.4)))
    // And at a split point whose left part ends with noise (9.9 + 5.7).
    const split = twoClipProject({
      clips: [clip('A', 'a', 9.9, 0, 5.7), clip('B', 'a', 15.6, 5.7, 6), clip('C', 'b', 20, 0, 1)],
    })
    expect(layout(moveClip(split, 'C', 15.6))).toEqual([
      ['A', 9.9, 0, 5.7],
      ['C', 15.6, 0, 1],
      ['B', 16.6, 5.7, 6],
    ])
  })

  it('never starts before 0, and a move to where it already is changes nothing', () => {
    const p0 = twoClipProject()
    expect(moveClip(p0, 'B', 6)).toBe(p0)
    expect(layout(moveClip(p0, 'A', -3))).toEqual(layout(p0))
  })
})

describe('trimming clips', () => {
  it('trims the start: the in point and the timeline start move together', () => {
    const p = trimClip(twoClipProject(), 'A', 'start', 1.5)
    expect(layout(p)[0]).toEqual(['A', 1.5, 1.5, 6])
  })

  it('trims the end within the asset and never past the next clip', () => {
    const p0 = moveClip(twoClipProject(), 'B', 9)
    expect(layout(trimClip(p0, 'A', 'end', 2))[0]).toEqual(['A', 0, 0, 8])
    expect(layout(trimClip(p0, 'A', 'end', 10))[0]).toEqual(['A', 0, 0, 9]) // stops at B
    expect(layout(trimClip(moveClip(p0, 'B', 20), 'A', 'end', 10))[0]).toEqual(['A', 0, 0, 10]) // asset is 10 s
  })

  it('cannot extend the start before the asset begins or into the previous clip', () => {
    expect(layout(trimClip(twoClipProject(), 'B', 'start', -2))[1]).toEqual(['B', 6, 0, 4])
    const trimmed = trimClip(twoClipProject(), 'B', 'start', 2) // B: in 2, start 8
    expect(layout(trimClip(trimmed, 'B', 'start', -5))[1]).toEqual(['B', 6, 0, 4])
  })

  it('always leaves at least one frame of the clip’s own frame rate', () => {
    const p = trimClip(twoClipProject(), 'B', 'end', -100) // b is 30 fps
    expect(p.clips[1]!.outSec - p.clips[1]!.inSec).toBeCloseTo(1 / 30, 6)
    const q = trimClip(twoClipProject(), 'A', 'start', 100) // a is 25 fps
    expect(q.clips[0]).toMatchObject({ inSec: 5.96, startSec: 5.96, outSec: 6 })
  })
})

describe('splitting and deleting', () => {
  it('splits at a time into two clips that play the same picture', () => {
    const p = splitClip(twoClipProject(), 'A', 2.5, 'A2')
    expect(layout(p)).toEqual([
      ['A', 0, 0, 2.5],
      ['A2', 2.5, 2.5, 6],
      ['B', 6, 0, 4],
    ])
  })

  it('does not split within a frame of an edge', () => {
    const p0 = twoClipProject()
    expect(splitClip(p0, 'A', 0.02, 'x')).toBe(p0)
    expect(splitClip(p0, 'A', 5.99, 'x')).toBe(p0)
  })

  it('deleting leaves the gap; ripple delete closes it and slides later segments in timeline time too', () => {
    const p0 = twoClipProject({ segments: [segment('s1', 1, 3), segment('s2', 7, 9)] })
    expect(layout(deleteClip(p0, 'A'))).toEqual([['B', 6, 0, 4]])
    const rippled = deleteClip(p0, 'A', true)
    expect(layout(rippled)).toEqual([['B', 0, 0, 4]])
    expect(shownSegments(rippled)).toEqual([
      ['s1', 1, 3, 0],
      ['s2', 1, 3, 1],
    ])
  })

  it('finds the clip under a time, a shared edge belonging to the later clip', () => {
    const p = twoClipProject()
    expect(clipAt(p, 5.99)?.id).toBe('A')
    expect(clipAt(p, 6)?.id).toBe('B')
    expect(clipAt(p, 10)).toBeUndefined()
  })
})
