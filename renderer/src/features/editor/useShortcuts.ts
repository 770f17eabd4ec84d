import { useEffect } from 'react'
import { commandForKey, hasOwnUndo, isTypingTarget } from './shortcuts'
import type { RunCommand } from './useEditorCommands'

/** Window-wide keyboard shortcuts → editor commands (text fields keep their keys). */
export function useShortcuts(run: RunCommand): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented) return
      const command = commandForKey(e)
      if (!command) return
      const undoing = command === 'undo' || command === 'redo'
      if (undoing ? hasOwnUndo(e.target) : isTypingTarget(e.target)) return
      e.preventDefault()
      run(command)
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [run])
}
