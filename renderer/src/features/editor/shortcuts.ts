// The editor's keyboard map, pure: a key press → the command it stands for (or null). The same commands are on
// the timeline toolbar, so every action has a key and a button.

import type { EditorCommand } from '../../../../shared/domain/commands'

export type Command = EditorCommand

export interface KeyPress {
  key: string
  ctrlKey: boolean
  metaKey: boolean
  shiftKey: boolean
  altKey: boolean
}

/** The shortcut text shown in buttons' tooltips. */
export const SHORTCUT_LABEL: Partial<Record<Command, string>> = {
  undo: 'Ctrl/Cmd+Z',
  redo: 'Shift+Ctrl/Cmd+Z',
  split: 'S',
  delete: 'Delete',
  rippleDelete: 'Shift+Delete',
  markIn: 'I',
  markOut: 'O',
  zoomIn: '+',
  zoomOut: '−',
  zoomFit: '\\',
  toggleSnap: 'N',
}

export function commandForKey(k: KeyPress): Command | null {
  const mod = k.ctrlKey || k.metaKey
  const key = k.key.length === 1 ? k.key.toLowerCase() : k.key
  if (mod) {
    if (key === 'z') return k.shiftKey ? 'redo' : 'undo'
    if (key === 'y') return 'redo'
    if (key === 'i') return 'import'
    return null
  }
  if (k.altKey) return null
  switch (key) {
    case 's':
      return 'split'
    case 'Delete':
    case 'Backspace':
      return k.shiftKey ? 'rippleDelete' : 'delete'
    case 'i':
      return 'markIn'
    case 'o':
      return 'markOut'
    case '+':
    case '=':
      return 'zoomIn'
    case '-':
    case '_':
      return 'zoomOut'
    case '\\':
      return 'zoomFit'
    case 'ArrowLeft':
      return k.shiftKey ? 'framesBack10' : 'frameBack'
    case 'ArrowRight':
      return k.shiftKey ? 'framesForward10' : 'frameForward'
    case 'ArrowUp':
      return 'previousEdit'
    case 'ArrowDown':
      return 'nextEdit'
    case 'Home':
      return 'goToStart'
    case 'End':
      return 'goToEnd'
    case 'n':
      return 'toggleSnap'
    case 'Escape':
      return 'deselect'
    default:
      return null
  }
}

/** Keys typed into a text field belong to the field. */
export function isTypingTarget(target: EventTarget | null): boolean {
  if (!target || typeof (target as HTMLElement).tagName !== 'string') return false
  const el = target as HTMLElement
  return el.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(el.tagName)
}

const NO_UNDO_INPUTS = ['radio', 'checkbox', 'range', 'button', 'submit', 'reset', 'color', 'file']

/**
 * A field with its own undo (text): Ctrl/Cmd+Z there undoes the typing. A radio, checkbox, slider or select has
 * none, so there it undoes the project (e.g. right after choosing a take).
 */
export function hasOwnUndo(target: EventTarget | null): boolean {
  if (!isTypingTarget(target)) return false
  const el = target as HTMLInputElement
  if (el.tagName === 'SELECT') return false
  return el.tagName !== 'INPUT' || !NO_UNDO_INPUTS.includes(el.type)
}
