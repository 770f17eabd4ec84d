import { describe, expect, it } from 'vitest'
import { commit, createHistory, redo, undo } from '../../../../renderer/src/state/history'

describe('bounded undo history', () => {
  it('undoes and redoes in order, and a new edit drops the redo branch', () => {
    let h = createHistory('a')
    h = commit(h, 'b')
    h = commit(h, 'c')
    h = undo(h)
    expect(h.present).toBe('b')
    h = undo(h)
    expect(h.present).toBe('a')
    h = redo(h)
    expect(h.present).toBe('b')
    h = commit(h, 'x')
    expect(redo(h).present).toBe('x')
    expect(undo(h).present).toBe('b')
  })

  it('keeps at most the limit of past states, dropping the oldest', () => {
    let h = createHistory(0)
    for (let i = 1; i <= 10; i++) h = commit(h, i, 3)
    expect(h.past).toEqual([7, 8, 9])
    for (let i = 0; i < 5; i++) h = undo(h)
    expect(h.present).toBe(7)
  })

  it('records no entry when the state did not change', () => {
    const h = createHistory({ n: 1 })
    expect(commit(h, h.present)).toBe(h)
  })
})
