import { useEffect, useRef } from 'react'
import { fileCommandForKey, type FileCommand } from './fileShortcuts'

/** Window-wide File shortcuts. preventDefault also keeps the native menu from running the same command again. */
export function useFileShortcuts(commands: Record<FileCommand, () => void>): void {
  const live = useRef(commands)
  live.current = commands
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented) return
      const command = fileCommandForKey(e)
      if (!command) return
      e.preventDefault()
      live.current[command]()
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [])
}
