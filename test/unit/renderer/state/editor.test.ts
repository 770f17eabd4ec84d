import { describe, expect, it } from 'vitest'
import {
  createEditorState,
  editorReducer,
  type EditorAction,
  type EditorState,
} from '../../../../renderer/src/state/editor'
import { frameAligned } from '../../../../renderer/src/state/playhead'
import { clip, layout, segment, twoClipProject, shownSegments } from '../fixtures'

const run = (s: EditorState, ...actions: EditorAction[]) => actions.reduce(editorReducer, s)
const start = () => createEditorState(twoClipProject())
const entries = (s: EditorState) => s.history.past.length

describe('segments generated from the picture under them', () => {
  it('are attached to it in one step, whatever their number', () => {
    const before = createEditorState(
      twoClipProject({ segments: [segment('x', 1, 3), segment('y', 6.5, 8), segment('gap', 9, 12)] }),
    )
    const after = run(before, { type: 'segmentsAnchored', segmentIds: ['x', 'y', 'gap'] })
    expect(entries(after)).toBe(1)
    expect(after.history.present.segments.map((s) => s.anchor)).toEqual([
      { kind: 'source', assetId: 'a', inSec: 1, outSec: 3 },
      { kind: 'source', assetId: 'b', inSec: 0.5, outSec: 2 },
      { kind: 'timeline', startSec: 9, endSec: 12 }, // over no clip: stays
    ])
  })
})

describe('each timeline gesture is one undo step', () => {
  const gestures: Array<[string, EditorAction[], (s: EditorState) => unknown]> = [
    ['move', [{ type: 'clipMoved', clipId: 'B', startSec: 8 }], (s) => layout(s.history.present)[1]],
    ['trim', [{ type: 'clipTrimmed', clipId: 'A', edge: 'end', deltaSec: -1 }], (s) => layout(s.history.present)[0]],
    [
      'split',
      [
        { type: 'playheadMoved', sec: 2 },
        { type: 'splitAtPlayhead', newClipId: 'A2' },
      ],
      (s) => s.history.present.clips.length,
    ],
    [
      'delete',
      [
        { type: 'selected', selection: { kind: 'clip', id: 'A' } },
        { type: 'selectionDeleted', ripple: false },
      ],
      (s) => s.history.present.clips.length,
    ],
    [
      'mark',
      [{ type: 'segmentAdded', segmentId: 's', startSec: 1, endSec: 3, lane: 0 }],
      (s) => s.history.present.segments.length,
    ],
    [
      'segment by shots',
      [{ type: 'segmentsByShots', clipIds: null, cutsByAsset: new Map([['a', [2, 4]]]), idPrefix: 'shot' }],
      (s) => s.history.present.segments.length,
    ],
  ]
  for (const [name, actions, observe] of gestures) {
    it(`${name}: one entry; undo restores the exact project, redo re-applies it`, () => {
      const before = start()
      const after = run(before, ...actions)
      expect(entries(after)).toBe(1)
      expect(observe(after)).not.toEqual(observe(before))
      const undone = run(after, { type: 'undo' })
      expect(undone.history.present).toBe(before.history.present)
      expect(observe(run(undone, { type: 'redo' }))).toEqual(observe(after))
    })
  }

  it('undo/redo walks back through a mixed sequence of edits in order', () => {
    const s = run(
      start(),
      { type: 'clipTrimmed', clipId: 'A', edge: 'end', deltaSec: -2 },
      { type: 'clipMoved', clipId: 'B', startSec: 4 },
      { type: 'segmentAdded', segmentId: 's', startSec: 0, endSec: 2, lane: 0 },
    )
    expect(entries(s)).toBe(3)
    const u1 = run(s, { type: 'undo' })
    expect(u1.history.present.segments).toHaveLength(0)
    const u2 = run(u1, { type: 'undo' })
    expect(layout(u2.history.present)).toEqual([
      ['A', 0, 0, 4],
      ['B', 6, 0, 4],
    ])
    const u3 = run(u2, { type: 'undo' })
    expect(layout(u3.history.present)).toEqual([
      ['A', 0, 0, 6],
      ['B', 6, 0, 4],
    ])
    expect(layout(run(u3, { type: 'redo' }, { type: 'redo' }).history.present)).toEqual([
      ['A', 0, 0, 4],
      ['B', 4, 0, 4],
    ])
  })

  it('records nothing for a gesture that changes nothing (a drop where it started, a blocked trim)', () => {
    const s = run(
      start(),
      { type: 'clipMoved', clipId: 'A', startSec: 0 },
      { type: 'clipTrimmed', clipId: 'A', edge: 'end', deltaSec: 3 },
    )
    expect(entries(s)).toBe(0)
  })

  it('selection, zoom, playhead, marks and snap are view state: never undone, never recorded', () => {
    const s = run(
      start(),
      { type: 'clipMoved', clipId: 'B', startSec: 8 },
      { type: 'selected', selection: { kind: 'clip', id: 'B' } },
      { type: 'zoomed', pxPerSec: 120 },
      { type: 'playheadMoved', sec: 3 },
      { type: 'markIn', newSegmentId: 'x' },
      { type: 'snapToggled' },
    )
    expect(entries(s)).toBe(1)
    const u = run(s, { type: 'undo' })
    expect(u).toMatchObject({
      selection: { kind: 'clip', id: 'B' },
      pxPerSec: 120,
      playheadSec: 3,
      markInSec: 3,
      snapEnabled: false,
    })
  })
})

describe('keyboard-level commands', () => {
  it('S splits the selected clip at the playhead, or the clip under it', () => {
    const s = run(start(), { type: 'playheadMoved', sec: 7 }, { type: 'splitAtPlayhead', newClipId: 'B2' })
    expect(layout(s.history.present)).toEqual([
      ['A', 0, 0, 6],
      ['B', 6, 0, 1],
      ['B2', 7, 1, 4],
    ])
    const none = run(start(), { type: 'playheadMoved', sec: 30 }, { type: 'splitAtPlayhead', newClipId: 'x' })
    expect(entries(none)).toBe(0)
  })

  it('Delete removes the selected segment; Shift+Delete on a clip closes the gap', () => {
    const withSeg = createEditorState(twoClipProject({ segments: [segment('s', 1, 2)] }))
    const s = run(
      withSeg,
      { type: 'selected', selection: { kind: 'segment', id: 's' } },
      { type: 'selectionDeleted', ripple: false },
    )
    expect(s.history.present.segments).toHaveLength(0)
    expect(s.selection).toBeNull()
    const r = run(
      start(),
      { type: 'selected', selection: { kind: 'clip', id: 'A' } },
      { type: 'selectionDeleted', ripple: true },
    )
    expect(layout(r.history.present)).toEqual([['B', 0, 0, 4]])
    expect(entries(run(start(), { type: 'selectionDeleted', ripple: false }))).toBe(0)
  })

  it('I then O at the playhead marks a segment as one entry and selects it', () => {
    const s = run(
      start(),
      { type: 'playheadMoved', sec: 1 },
      { type: 'markIn', newSegmentId: 'unused' },
      { type: 'playheadMoved', sec: 4 },
      { type: 'markOut', newSegmentId: 'seg' },
    )
    expect(shownSegments(s.history.present)).toEqual([['seg', 1, 4, 0]])
    expect(entries(s)).toBe(1)
    expect(s).toMatchObject({ markInSec: null, markOutSec: null, selection: { kind: 'segment', id: 'seg' } })
  })

  it('O then I works too; an out before the in starts the range over', () => {
    const s = run(
      start(),
      { type: 'playheadMoved', sec: 5 },
      { type: 'markOut', newSegmentId: 'x' },
      { type: 'playheadMoved', sec: 2 },
      { type: 'markIn', newSegmentId: 'seg' },
    )
    expect(shownSegments(s.history.present)).toEqual([['seg', 2, 5, 0]])
    const over = run(
      start(),
      { type: 'playheadMoved', sec: 5 },
      { type: 'markIn', newSegmentId: 'a' },
      { type: 'playheadMoved', sec: 2 },
      { type: 'markOut', newSegmentId: 'b' },
    )
    expect(over).toMatchObject({ markInSec: null, markOutSec: 2 })
    expect(over.history.present.segments).toHaveLength(0)
  })

  it('← → step one frame of the clip under the playhead (25 fps over A, 30 fps over B, 25 past the end)', () => {
    const step = (sec: number, frames: number) =>
      run(start(), { type: 'playheadMoved', sec }, { type: 'playheadStepped', frames }).playheadSec
    expect(step(1, 1)).toBeCloseTo(1.04, 9)
    expect(step(7, 1)).toBeCloseTo(7 + 1 / 30, 9)
    expect(step(6, -1)).toBeCloseTo(6 - 1 / 30, 9)
    expect(step(20, -1)).toBeCloseTo(19.96, 9)
    expect(step(0, -1)).toBe(0)
  })

  it('a time clicked on the ruler lands on a frame of the clip under it (its own rate and start)', () => {
    const p = twoClipProject({ clips: [clip('A', 'a', 0, 0, 6), clip('B', 'b', 6.01, 0, 4)] })
    expect(frameAligned(p, 1.013)).toBeCloseTo(1.0, 9) // 25 fps from 0
    expect(frameAligned(p, 1.03)).toBeCloseTo(1.04, 9)
    expect(frameAligned(p, 7.03)).toBeCloseTo(6.01 + 31 / 30, 9) // 30 fps from B's start at 6.01
    expect(frameAligned(p, 30.01)).toBeCloseTo(30, 9)
  })

  it('zoom is clamped and remembers the time it was anchored at (the playhead by default)', () => {
    const s = run(start(), { type: 'playheadMoved', sec: 3 }, { type: 'zoomed', pxPerSec: 1e6 })
    expect(s.pxPerSec).toBe(600)
    expect(s.zoomAnchor).toEqual({ sec: 3, pin: 'screen' })
    expect(run(s, { type: 'zoomed', pxPerSec: 0.001, anchorSec: 7 })).toMatchObject({
      pxPerSec: 2,
      zoomAnchor: { sec: 7 },
    })
    expect(run(s, { type: 'zoomed', pxPerSec: 90, anchorSec: 0, pinLeft: true }).zoomAnchor).toEqual({
      sec: 0,
      pin: 'left',
    })
  })
})
