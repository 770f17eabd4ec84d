// The mix edits through the editor reducer: each committed change is one history entry that undo takes back
// whole; values outside what the UI offers are fitted (nudge ±250 ms in 10 ms steps); no-ops record nothing.
import { describe, expect, it } from 'vitest'
import { DEFAULT_TAKE_MIX, type Project } from '../../../../shared/domain/project'
import {
  createEditorState,
  editorReducer,
  type EditorAction,
  type EditorState,
} from '../../../../renderer/src/state/editor'
import { changeOriginalAudio, changeTakeMix } from '../../../../renderer/src/state/mixEdits'
import { segment, take, twoClipProject } from '../fixtures'

function projectWithTake(): Project {
  return twoClipProject({
    segments: [{ ...segment('s', 3.5, 5.5), takes: [take('t1'), take('t2')], activeTakeId: 't1' }],
  })
}

const run = (state: EditorState, ...actions: EditorAction[]) => actions.reduce(editorReducer, state)
const mixOf = (s: EditorState, takeId = 't1') => s.history.present.segments[0]!.takes.find((t) => t.id === takeId)!.mix

describe('mix edits in the editor', () => {
  it('a gain change is one history entry; undo restores the old gain, redo the new one', () => {
    const start = createEditorState(projectWithTake())
    const after = run(start, { type: 'takeMixChanged', segmentId: 's', takeId: 't1', change: { gainDb: -6 } })
    expect(mixOf(after).gainDb).toBe(-6)
    expect(after.history.past).toHaveLength(1)
    const undone = run(after, { type: 'undo' })
    expect(mixOf(undone).gainDb).toBe(0)
    expect(mixOf(run(undone, { type: 'redo' })).gainDb).toBe(-6)
  })

  it('changes only the take it names, and keeps the selection', () => {
    const start = { ...createEditorState(projectWithTake()), selection: { kind: 'segment', id: 's' } as const }
    const after = run(start, { type: 'takeMixChanged', segmentId: 's', takeId: 't2', change: { muted: true } })
    expect(mixOf(after, 't2').muted).toBe(true)
    expect(mixOf(after, 't1')).toEqual(DEFAULT_TAKE_MIX)
    expect(after.selection).toEqual({ kind: 'segment', id: 's' })
  })

  it('nudge stays within ±250 ms on the 10 ms grid', () => {
    const p = projectWithTake()
    const nudge = (ms: number) => changeTakeMix(p, 's', 't1', { nudgeMs: ms }).segments[0]!.takes[0]!.mix.nudgeMs
    expect(nudge(40)).toBe(40)
    expect(nudge(37)).toBe(40)
    expect(nudge(-1000)).toBe(-250)
    expect(nudge(900)).toBe(250)
  })

  it('a change to the same value, an unknown take, or NaN records no entry', () => {
    const start = createEditorState(projectWithTake())
    const after = run(
      start,
      { type: 'takeMixChanged', segmentId: 's', takeId: 't1', change: { gainDb: 0 } },
      { type: 'takeMixChanged', segmentId: 's', takeId: 'nope', change: { gainDb: -3 } },
      { type: 'takeMixChanged', segmentId: 's', takeId: 't1', change: { gainDb: Number.NaN } },
      { type: 'originalAudioChanged', change: { mode: 'keep' } },
    )
    expect(after.history.past).toHaveLength(0)
  })

  it('the original audio mode and amount: one entry each, undone in order', () => {
    const start = createEditorState(projectWithTake())
    const after = run(
      start,
      { type: 'originalAudioChanged', change: { mode: 'duck' } },
      { type: 'originalAudioChanged', change: { duckDb: -18 } },
    )
    expect(after.history.present.original).toMatchObject({ mode: 'duck', duckDb: -18 })
    expect(after.history.past).toHaveLength(2)
    const once = run(after, { type: 'undo' })
    expect(once.history.present.original).toMatchObject({ mode: 'duck', duckDb: -10 })
    expect(run(once, { type: 'undo' }).history.present.original.mode).toBe('keep')
  })

  it('original amounts are kept inside the schema (a lower never raises)', () => {
    const p = changeOriginalAudio(projectWithTake(), { lowerDb: 6, duckFadeMs: -5 })
    expect(p.original.lowerDb).toBe(0)
    expect(p.original.duckFadeMs).toBe(0)
  })
})
