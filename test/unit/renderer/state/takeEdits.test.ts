// Takes and generation settings as project edits: each is one undo step, undo gives back the exact project,
// redo re-applies it, and an edit that changes nothing records nothing.
import { describe, expect, it } from 'vitest'
import { GenerationParams } from '../../../../shared/domain/project'
import { DEFAULT_TAKE_MIX, type Take } from '../../../../shared/domain/project'
import {
  createEditorState,
  editorReducer,
  type EditorAction,
  type EditorState,
} from '../../../../renderer/src/state/editor'
import { segment, twoClipProject } from '../fixtures'

const take = (id: string, seed: number): Take => ({
  id,
  provider: 'fal',
  seed,
  path: `/takes/${id}.wav`,
  durationSec: 2,
  requestIds: [`req-${id}`],
  createdAt: '2026-11-23T01:00:00.000Z',
  mix: DEFAULT_TAKE_MIX,
})

const run = (s: EditorState, ...actions: EditorAction[]) => actions.reduce(editorReducer, s)
const seg = (s: EditorState) => s.history.present.segments.find((x) => x.id === 's')!
const start = () =>
  run(createEditorState(twoClipProject({ segments: [segment('s', 1, 3)] })), {
    type: 'selected',
    selection: { kind: 'segment', id: 's' },
  })
const withTakes = (from = start()) =>
  run(from, { type: 'takesAdded', segmentId: 's', takes: [take('t1', 11), take('t2', 22), take('t3', 33)] })

describe('takes of a finished job', () => {
  it('arrive as one history entry; the first becomes active; undo removes them all, redo brings them back', () => {
    const before = start()
    const after = withTakes(before)
    expect(after.history.past.length).toBe(before.history.past.length + 1)
    expect(seg(after).takes.map((t) => t.seed)).toEqual([11, 22, 33])
    expect(seg(after).activeTakeId).toBe('t1')
    expect(after.selection).toEqual({ kind: 'segment', id: 's' })
    const undone = run(after, { type: 'undo' })
    expect(undone.history.present).toBe(before.history.present)
    expect(seg(run(undone, { type: 'redo' })).takes).toHaveLength(3)
  })

  it('a second job appends its takes and keeps the chosen one active; the same takes twice add nothing', () => {
    const s = run(
      withTakes(),
      { type: 'activeTakeChosen', segmentId: 's', takeId: 't2' },
      { type: 'takesAdded', segmentId: 's', takes: [take('t4', 44)] },
    )
    expect(seg(s).takes.map((t) => t.id)).toEqual(['t1', 't2', 't3', 't4'])
    expect(seg(s).activeTakeId).toBe('t2')
    const again = run(s, { type: 'takesAdded', segmentId: 's', takes: [take('t4', 44)] })
    expect(again.history).toBe(s.history)
  })

  it('takes for a segment that no longer exists change nothing', () => {
    const s = withTakes()
    expect(run(s, { type: 'takesAdded', segmentId: 'gone', takes: [take('x', 1)] }).history).toBe(s.history)
  })
})

describe('choosing and deleting takes', () => {
  it('choosing another take is one entry; undo and redo switch it back and forth; the same choice records nothing', () => {
    const s = withTakes()
    const chosen = run(s, { type: 'activeTakeChosen', segmentId: 's', takeId: 't3' })
    expect(chosen.history.past.length).toBe(s.history.past.length + 1)
    expect(seg(chosen).activeTakeId).toBe('t3')
    expect(seg(run(chosen, { type: 'undo' })).activeTakeId).toBe('t1')
    expect(seg(run(chosen, { type: 'undo' }, { type: 'redo' })).activeTakeId).toBe('t3')
    expect(run(chosen, { type: 'activeTakeChosen', segmentId: 's', takeId: 't3' }).history).toBe(chosen.history)
    expect(run(chosen, { type: 'activeTakeChosen', segmentId: 's', takeId: 'nope' }).history).toBe(chosen.history)
  })

  it('deleting the active take makes the next one active (the previous when it was last); undo restores it', () => {
    const s = run(withTakes(), { type: 'activeTakeChosen', segmentId: 's', takeId: 't2' })
    const d = run(s, { type: 'takeDeleted', segmentId: 's', takeId: 't2' })
    expect(seg(d).takes.map((t) => t.id)).toEqual(['t1', 't3'])
    expect(seg(d).activeTakeId).toBe('t3')
    expect(seg(run(d, { type: 'takeDeleted', segmentId: 's', takeId: 't3' })).activeTakeId).toBe('t1')
    const all = run(
      d,
      { type: 'takeDeleted', segmentId: 's', takeId: 't3' },
      { type: 'takeDeleted', segmentId: 's', takeId: 't1' },
    )
    expect(seg(all).activeTakeId).toBeNull()
    expect(run(d, { type: 'undo' }).history.present).toBe(s.history.present)
  })

  it('deleting a take that is not active keeps the active one', () => {
    const d = run(withTakes(), { type: 'takeDeleted', segmentId: 's', takeId: 't3' })
    expect(seg(d).activeTakeId).toBe('t1')
  })
})

describe('generation settings', () => {
  it('a committed change is one entry; undo restores the old prompt; equal values record nothing', () => {
    const s = start()
    const changed = run(s, {
      type: 'segmentParamsChanged',
      segmentId: 's',
      params: { prompt: 'waves on sand', steps: 12 },
    })
    expect(changed.history.past.length).toBe(s.history.past.length + 1)
    expect(seg(changed).params).toMatchObject({ prompt: 'waves on sand', steps: 12, negativePrompt: 'music', takes: 3 })
    expect(seg(run(changed, { type: 'undo' })).params.prompt).toBe('')
    expect(
      run(changed, { type: 'segmentParamsChanged', segmentId: 's', params: { prompt: 'waves on sand' } }).history,
    ).toBe(changed.history)
    expect(seg(run(changed, { type: 'segmentParamsChanged', segmentId: 's', params: { seed: 7 } })).params.seed).toBe(7)
  })

  it('text-only is part of the segment: an undoable choice saved with the project; older files read as picture mode', () => {
    const on = run(start(), { type: 'segmentParamsChanged', segmentId: 's', params: { textOnly: true } })
    expect(seg(on).params.textOnly).toBe(true)
    expect(seg(run(on, { type: 'undo' })).params.textOnly).toBe(false)
    const { textOnly: _dropped, ...olderParams } = seg(on).params
    expect(GenerationParams.parse(olderParams).textOnly).toBe(false)
  })
})

describe('the focus box', () => {
  const box = { x: 0, y: 0.1, w: 0.3, h: 0.8 }
  const draw = (s: EditorState, focus: typeof box | null) =>
    run(s, { type: 'segmentParamsChanged', segmentId: 's', params: { focus } })

  it('each drawn box is one undo step; the same box drawn again records nothing; clearing is one more', () => {
    const drawn = draw(start(), box)
    expect(drawn.history.past.length).toBe(1)
    expect(seg(drawn).params.focus).toEqual(box)
    expect(draw(drawn, { ...box }).history).toBe(drawn.history)
    const moved = draw(drawn, { ...box, x: 0.5 })
    const cleared = draw(moved, null)
    expect(cleared.history.past.length).toBe(3)
    expect(seg(cleared).params.focus).toBeNull()
    expect(seg(run(cleared, { type: 'undo' })).params.focus).toEqual({ ...box, x: 0.5 })
    expect(seg(run(cleared, { type: 'undo' }, { type: 'undo' })).params.focus).toEqual(box)
  })

  it('older segments without one read as the whole frame', () => {
    const { focus: _dropped, ...olderParams } = seg(start()).params
    expect(GenerationParams.parse(olderParams).focus).toBeNull()
  })
})
