// The File commands in one table (the same names as the native menu's), bound to their shortcuts, File → Open
// Recent from the native menu, plus what follows the open project around: autosave, the window title with its unsaved-changes dot, and telling main
// whether closing the window should ask first.
import { useEffect, useMemo } from 'react'
import type { Project } from '../../../../shared/domain/project'
import { invoke, on } from '../../lib/ipc'
import type { FileCommand } from './fileShortcuts'
import { windowTitle } from './projectStatus'
import { useAutosave } from './useAutosave'
import { useFileShortcuts } from './useFileShortcuts'
import type { ProjectFile } from './useProjectFile'

export function useFileCommands(
  project: Project,
  p: ProjectFile,
  openSettings: () => void,
): Record<FileCommand, () => void> {
  const commands = useMemo(
    () => ({ new: p.newProject, open: p.open, save: p.save, saveAs: p.saveAs, settings: () => openSettings() }),
    [p.newProject, p.open, p.save, p.saveAs, openSettings],
  )
  useFileShortcuts(commands)
  const { openPath } = p
  useEffect(() => on('menu:openRecent', ({ path }) => openPath(path)), [openPath])
  useAutosave({ project, filePath: p.filePath, dirty: p.dirty, isSaving: p.isSaving })
  useEffect(() => {
    document.title = windowTitle(p.name, p.dirty)
  }, [p.name, p.dirty])
  // Main asks before closing the window over unsaved changes.
  useEffect(() => {
    void invoke('project:status', { projectId: project.id, name: p.name, dirty: p.dirty })
  }, [project.id, p.name, p.dirty])
  return commands
}
