import { describe, expect, it } from 'vitest'
import { segmentByShots } from '../../../../renderer/src/state/shotSegments'
import { attached, clip, shownSegments, twoClipProject } from '../fixtures'

// Asset a (10 s) cuts at 2, 4.5 and 8; clip A shows a[0,6) at 0, clip B shows b[0,4) at 6 (b cuts at 1.5).
const cuts = new Map<string, readonly number[]>([
  ['a', [2, 4.5, 8]],
  ['b', [1.5]],
])

describe('segment by shots', () => {
  it('the whole timeline: one segment per shot, made from each clip’s picture, all on one free lane', () => {
    const p = segmentByShots(twoClipProject(), null, cuts, 'x')
    expect(p.segments.map((s) => [s.id, s.anchor])).toEqual([
      ['x-0', { kind: 'source', assetId: 'a', inSec: 0, outSec: 2 }],
      ['x-1', { kind: 'source', assetId: 'a', inSec: 2, outSec: 4.5 }],
      ['x-2', { kind: 'source', assetId: 'a', inSec: 4.5, outSec: 6 }],
      ['x-3', { kind: 'source', assetId: 'b', inSec: 0, outSec: 1.5 }],
      ['x-4', { kind: 'source', assetId: 'b', inSec: 1.5, outSec: 4 }],
    ])
    expect(shownSegments(p)).toEqual([
      ['x-0', 0, 2, 0],
      ['x-1', 2, 4.5, 0],
      ['x-2', 4.5, 6, 0],
      ['x-3', 6, 7.5, 0],
      ['x-4', 7.5, 10, 0],
    ])
    expect(p.segments.every((s) => s.takes.length === 0 && s.params.prompt === '')).toBe(true)
  })

  it('one clip only, and on the first lane free where its shots show (existing segments stay)', () => {
    const p0 = twoClipProject({ segments: [attached('old', 'a', 1, 3)] })
    const p = segmentByShots(p0, ['A'], cuts, 'y')
    expect(p.segments[0]).toBe(p0.segments[0])
    expect(shownSegments(p).filter(([id]) => String(id).startsWith('y'))).toEqual([
      ['y-0', 0, 2, 1],
      ['y-1', 2, 4.5, 1],
      ['y-2', 4.5, 6, 1],
    ])
  })

  it('a trimmed clip: only the shots it shows; a sliver under half a second at an edge joins its neighbour', () => {
    const p0 = twoClipProject({ clips: [clip('A', 'a', 0, 1.8, 7.7)] })
    expect(segmentByShots(p0, null, cuts, 'z').segments.map((s) => s.anchor)).toEqual([
      { kind: 'source', assetId: 'a', inSec: 1.8, outSec: 4.5 },
      { kind: 'source', assetId: 'a', inSec: 4.5, outSec: 7.7 },
    ])
  })

  it('a stretch two clips show (a split’s halves, a duplicate) gets one set of segments', () => {
    const p0 = twoClipProject({ clips: [clip('A1', 'a', 0, 0, 3), clip('A2', 'a', 3, 3, 6), clip('A3', 'a', 6, 0, 6)] })
    const p = segmentByShots(p0, null, cuts, 'd')
    expect(p.segments.map((s) => s.anchor)).toHaveLength(3)
  })

  it('assets not scanned yet are left out; nothing to propose is the same project (no history entry)', () => {
    const p0 = twoClipProject()
    expect(segmentByShots(p0, null, new Map([['b', [1.5]]]), 'w').segments).toHaveLength(2)
    expect(segmentByShots(p0, null, new Map(), 'w')).toBe(p0)
    expect(segmentByShots(p0, ['nope'], cuts, 'w')).toBe(p0)
  })
})
