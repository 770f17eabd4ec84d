import { useEffect } from 'react'
import { isTypingTarget } from '../editor/shortcuts'
import type { TransportKey } from '../../../../shared/domain/commands'
import { isTextEntry, stopsTransport, transportKeyFor } from './transportKeys'

/**
 * Window-wide transport keys, in the capture phase: they run before the editor's own shortcuts (which skip a
 * handled event), and a frame step while playing stops the run first. Text fields and dialogs keep their keys.
 */
export function usePlaybackKeys(shuttle: (key: TransportKey) => void, stop: () => void): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented || isTextEntry(e.target) || inModal(e.target)) return
      // The editor steps frames only outside form controls; an arrow on a slider adjusts it and plays on.
      if (stopsTransport(e)) return void (isTypingTarget(e.target) || stop())
      const key = transportKeyFor(e)
      if (!key || e.repeat) return
      e.preventDefault()
      shuttle(key)
    }
    window.addEventListener('keydown', onKey, true)
    return () => window.removeEventListener('keydown', onKey, true)
  }, [shuttle, stop])
}

/** Keys pressed in a dialog belong to it. */
function inModal(target: EventTarget | null): boolean {
  return target instanceof Element && target.closest('[aria-modal="true"]') !== null
}
