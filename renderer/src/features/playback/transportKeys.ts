// The transport's keys, pure: Space plays or stops, J/K/L shuttle. Frame steps (←/→) belong to the editor; the
// transport only stops first, so a step moves from where the picture stopped.
import type { KeyPress } from '../editor/shortcuts'
import type { TransportKey } from '../../../../shared/domain/commands'

export function transportKeyFor(k: KeyPress): TransportKey | null {
  if (k.ctrlKey || k.metaKey || k.altKey) return null
  switch (k.key.length === 1 ? k.key.toLowerCase() : k.key) {
    case ' ':
      return 'playPause'
    case 'j':
      return 'reverse'
    case 'k':
      return 'stop'
    case 'l':
      return 'forward'
    default:
      return null
  }
}

/** A key that moves the playhead by frames or edits, which first stops a run. */
export function stopsTransport(k: KeyPress): boolean {
  return !k.altKey && ['ArrowLeft', 'ArrowRight', 'ArrowUp', 'ArrowDown', 'Home', 'End'].includes(k.key)
}

const TEXT_INPUT_TYPES = new Set(['text', 'search', 'email', 'password', 'url', 'tel', 'number', 'date', 'time'])

/**
 * Where a key is text being typed: the transport leaves those keys alone. A focused slider, checkbox, radio or
 * button is not typing, so Space still plays after using one (as in an NLE).
 */
export function isTextEntry(target: EventTarget | null): boolean {
  if (!target || typeof (target as HTMLElement).tagName !== 'string') return false
  const el = target as HTMLElement
  if (el.isContentEditable || el.tagName === 'TEXTAREA' || el.tagName === 'SELECT') return true
  return el.tagName === 'INPUT' && TEXT_INPUT_TYPES.has(((el as HTMLInputElement).type || 'text').toLowerCase())
}
