// The File shortcuts, pure: Ctrl/Cmd+N, O, S, Shift+S and Ctrl/Cmd+, → the menu command they stand for, and
// Ctrl/Cmd+E (Export, which the export control answers itself).
// They work in text fields too (Save while typing a prompt saves), as in every desktop app.
import type { MenuCommand } from '../../../../shared/ipc/contract'

export type FileCommand = Extract<MenuCommand, 'new' | 'open' | 'save' | 'saveAs' | 'settings'>

export interface ModKeyPress {
  key: string
  ctrlKey: boolean
  metaKey: boolean
  shiftKey: boolean
  altKey: boolean
}

export function fileCommandForKey(k: ModKeyPress): FileCommand | null {
  if (!(k.ctrlKey || k.metaKey) || k.altKey) return null
  switch (k.key.toLowerCase()) {
    case 'n':
      return k.shiftKey ? null : 'new'
    case 'o':
      return k.shiftKey ? null : 'open'
    case 's':
      return k.shiftKey ? 'saveAs' : 'save'
    case ',':
      return 'settings'
    default:
      return null
  }
}

/** Ctrl/Cmd+E: File → Export. */
export function isExportKey(k: ModKeyPress): boolean {
  return (k.ctrlKey || k.metaKey) && !k.altKey && !k.shiftKey && k.key.toLowerCase() === 'e'
}
