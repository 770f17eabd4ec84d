import { describe, expect, it } from 'vitest'
import { commandForKey, hasOwnUndo, isTypingTarget } from '../../../../../renderer/src/features/editor/shortcuts'
import { monitorTarget } from '../../../../../renderer/src/features/monitor/monitorTarget'
import { editPoint } from '../../../../../renderer/src/state/playhead'
import { segment, twoClipProject } from '../../fixtures'

const key = (k: string, mods: Partial<{ ctrlKey: boolean; metaKey: boolean; shiftKey: boolean; altKey: boolean }> = {}) =>
  commandForKey({ key: k, ctrlKey: false, metaKey: false, shiftKey: false, altKey: false, ...mods })

describe('keyboard map', () => {
  it('maps the editing keys', () => {
    expect([key('s'), key('S', { shiftKey: true }), key('i'), key('o')]).toEqual(['split', 'split', 'markIn', 'markOut'])
    expect([key('Delete'), key('Backspace'), key('Delete', { shiftKey: true })]).toEqual(['delete', 'delete', 'rippleDelete'])
    expect([key('+'), key('='), key('-'), key('\\')]).toEqual(['zoomIn', 'zoomIn', 'zoomOut', 'zoomFit'])
    expect([key('ArrowLeft'), key('ArrowRight'), key('ArrowRight', { shiftKey: true })]).toEqual([
      'frameBack',
      'frameForward',
      'framesForward10',
    ])
    expect([key('Home'), key('End'), key('ArrowUp'), key('ArrowDown')]).toEqual(['goToStart', 'goToEnd', 'previousEdit', 'nextEdit'])
  })

  it('undo/redo with Ctrl on Windows/Linux and Cmd on macOS', () => {
    expect(key('z', { ctrlKey: true })).toBe('undo')
    expect(key('z', { metaKey: true })).toBe('undo')
    expect(key('Z', { metaKey: true, shiftKey: true })).toBe('redo')
    expect(key('y', { ctrlKey: true })).toBe('redo')
    expect(key('i', { ctrlKey: true })).toBe('import')
  })

  it('leaves other modified keys alone (Ctrl+S is not split)', () => {
    expect(key('s', { ctrlKey: true })).toBeNull()
    expect(key('s', { altKey: true })).toBeNull()
    expect(key('q')).toBeNull()
  })

  it('keys typed into text fields are not shortcuts', () => {
    expect(isTypingTarget({ tagName: 'INPUT', isContentEditable: false } as unknown as EventTarget)).toBe(true)
    expect(isTypingTarget({ tagName: 'DIV', isContentEditable: false } as unknown as EventTarget)).toBe(false)
    expect(isTypingTarget(null)).toBe(false)
  })
})

describe('edit points and the monitor', () => {
  const p = twoClipProject({ segments: [segment('s', 2, 3)] })

  it('↑/↓ jump to the previous/next clip or segment edge', () => {
    expect(editPoint(p, 0, 1)).toBe(2)
    expect(editPoint(p, 3, 1)).toBe(6)
    expect(editPoint(p, 6, -1)).toBe(3)
    expect(editPoint(p, 10, 1)).toBe(10)
  })

  it('the monitor shows the source frame under the playhead, else the selected clip from its in point', () => {
    expect(monitorTarget(p, null, 7.5)).toMatchObject({ asset: { id: 'b' }, sourceSec: 1.5 })
    expect(monitorTarget(p, { kind: 'clip', id: 'A' }, 30)).toMatchObject({ asset: { id: 'a' }, sourceSec: 0 })
    expect(monitorTarget(p, null, 30)).toEqual({ asset: null, sourceSec: null })
  })

  it('Ctrl/Cmd+Z in a text field undoes the typing; on a radio, checkbox, slider or select it undoes the project', () => {
    const el = (tagName: string, type = '') => ({ tagName, type, isContentEditable: false }) as unknown as EventTarget
    expect(hasOwnUndo(el('INPUT', 'text'))).toBe(true)
    expect(hasOwnUndo(el('TEXTAREA'))).toBe(true)
    expect(hasOwnUndo(el('INPUT', 'radio'))).toBe(false)
    expect(hasOwnUndo(el('INPUT', 'range'))).toBe(false)
    expect(hasOwnUndo(el('SELECT'))).toBe(false)
    expect(hasOwnUndo(el('DIV'))).toBe(false)
  })
})
