import { describe, expect, it } from 'vitest'
import { dragOutcome, snapTargets, type DragSubject } from '../../../../../renderer/src/features/timeline/dragMath'
import { layout, segment, shownSegments, twoClipProject } from '../../fixtures'

const project = twoClipProject({ clips: [...twoClipProject().clips], segments: [segment('s', 12, 14)] })
const ctx = (snap = true, subject: DragSubject = { kind: 'clip-move', clipId: 'B' }) => ({
  project,
  pxPerSec: 40, // snap threshold 8 px = 0.2 s
  targetsSec: snap ? snapTargets(project, subject, [1.5]) : [],
})
const pointer = (deltaSec: number, laneDelta = 0, pointerSec = 0) => ({ deltaSec, laneDelta, pointerSec })

describe('what a drag would do on drop', () => {
  it('snap targets are 0, the playhead, and every edge except the dragged thing’s own', () => {
    expect(snapTargets(project, { kind: 'clip-move', clipId: 'B' }, [1.5])).toEqual([0, 1.5, 6, 12, 14])
    expect(snapTargets(project, { kind: 'segment-move', segmentId: 's', pieceStartSec: 12 }, [])).toEqual([0, 6, 10])
  })

  it('moving a clip near the playhead snaps its start to it; the preview is the committed result', () => {
    const o = dragOutcome({ kind: 'clip-move', clipId: 'B' }, pointer(-4.4), ctx())
    expect(o.action).toEqual({ type: 'clipMoved', clipId: 'B', startSec: 1.5 })
    expect(o.snappedToSec).toBe(1.5)
    // 1.5 is inside A's first half → B goes to A's start and pushes A: the preview shows the reorder.
    expect(layout(o.preview)).toEqual([['B', 0, 0, 4], ['A', 4, 0, 6]])
  })

  it('with snapping off (or Alt), the clip goes exactly where the pointer put it', () => {
    const o = dragOutcome({ kind: 'clip-move', clipId: 'B' }, pointer(1.15), ctx(false))
    expect(o.action).toMatchObject({ startSec: 7.15 })
    expect(o.snappedToSec).toBeNull()
  })

  it('trimming snaps the dragged edge and previews the bounded trim', () => {
    const subject: DragSubject = { kind: 'clip-trim', clipId: 'A', edge: 'end' }
    const o = dragOutcome(subject, pointer(-4.4), ctx(true, subject))
    expect(o.action).toEqual({ type: 'clipTrimmed', clipId: 'A', edge: 'end', deltaSec: -4.5 })
    expect(layout(o.preview)[0]).toEqual(['A', 0, 0, 1.5])
  })

  it('moving a segment down one lane and resizing it', () => {
    const move: DragSubject = { kind: 'segment-move', segmentId: 's', pieceStartSec: 12 }
    const o = dragOutcome(move, pointer(-1.9, 1), ctx(true, move))
    expect(o.action).toEqual({ type: 'segmentMoved', segmentId: 's', pieceStartSec: 12, startSec: 10, lane: 1 })
    const resize: DragSubject = { kind: 'segment-resize', segmentId: 's', pieceStartSec: 12, edge: 'start' }
    expect(shownSegments(dragOutcome(resize, pointer(-5), ctx(false, resize)).preview)).toEqual([['s', 7, 14, 0]])
  })

  it('marking by drag makes a segment from the press to the pointer, and nothing for a too-short range', () => {
    const mark: DragSubject = { kind: 'mark', lane: 0, anchorSec: 1, newSegmentId: 'n' }
    const o = dragOutcome(mark, pointer(0, 0, 5.9), ctx(true, mark))
    expect(o.action).toEqual({ type: 'segmentAdded', segmentId: 'n', startSec: 1, endSec: 6, lane: 0 })
    expect(o.snappedToSec).toBe(6)
    expect(dragOutcome(mark, pointer(0, 0, 1.2), ctx(false, mark)).action).toBeNull()
    // the press itself snaps too: pressed 0.1 s after B's start, dragged left → the range ends exactly at 6
    const fromEdge: DragSubject = { kind: 'mark', lane: 0, anchorSec: 6.1, newSegmentId: 'm' }
    expect(dragOutcome(fromEdge, pointer(0, 0, 3), ctx(true, fromEdge)).action).toMatchObject({ startSec: 6, endSec: 3 })
  })
})
