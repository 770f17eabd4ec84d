// Unsaved work goes to main's data folder every ~30 s and when the window is hidden (minimised, switched away,
// about to close), so a crash loses at most that much.
import { useEffect, useRef } from 'react'
import type { Project } from '../../../../shared/domain/project'
import { invoke } from '../../lib/ipc'
import { shouldAutosave } from './projectStatus'

export const AUTOSAVE_INTERVAL_MS = 30_000

export interface AutosaveDeps {
  project: Project
  filePath: string | null
  dirty: boolean
  isSaving: () => boolean
}

export function useAutosave(deps: AutosaveDeps, intervalMs = AUTOSAVE_INTERVAL_MS): void {
  const live = useRef(deps)
  live.current = deps
  const lastAutosaved = useRef<Project | null>(null)

  useEffect(() => {
    const autosave = () => {
      const { project, filePath, dirty, isSaving } = live.current
      if (!shouldAutosave({ dirty, saving: isSaving(), project, lastAutosaved: lastAutosaved.current })) return
      lastAutosaved.current = project
      void invoke('project:autosave', { project, path: filePath }).then((r) => {
        if (!r.ok) lastAutosaved.current = null
      })
    }
    const onVisibility = () => {
      if (document.visibilityState === 'hidden') autosave()
    }
    const timer = setInterval(autosave, intervalMs)
    document.addEventListener('visibilitychange', onVisibility)
    window.addEventListener('pagehide', autosave)
    return () => {
      clearInterval(timer)
      document.removeEventListener('visibilitychange', onVisibility)
      window.removeEventListener('pagehide', autosave)
    }
  }, [intervalMs])
}
