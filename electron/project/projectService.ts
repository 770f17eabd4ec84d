// Opening, saving, autosave, crash recovery and recent projects, in plain Node. The renderer may save only to
// a project file the user picked in a dialog, opened, or saved (the `projectFiles` set main keeps).
import { existsSync } from 'node:fs'
import path from 'node:path'
import { AppError } from '../../shared/domain/errors'
import type { Project } from '../../shared/domain/project'
import type { Settings } from '../../shared/domain/settings'
import type { AutosaveStore } from './autosave'
import { createCloseGuard, type ProjectStatus } from './closeGuard'
import { gatherTakes, type MediaFolderFs } from './mediaFolder'
import { missingMedia, openProjectFile, saveProjectFile } from './projectFile'
import { pushRecent, recentEntries } from './recentProjects'

export interface ProjectServiceDeps {
  /** Files the renderer may save to (and does not need to ask about again). */
  projectFiles: Set<string>
  /** Every file a project refers to may be played and revealed. */
  allowProjectMedia: (project: Project) => void
  onFileKnown: (filePath: string) => void
  settings: { get(): Settings; set(next: Settings): Settings }
  autosaves: AutosaveStore
  exists?: (p: string) => boolean
  mediaFs?: MediaFolderFs
}

const stemOf = (filePath: string) => path.basename(filePath).replace(/\.mmaudio$/i, '')

export function createProjectService(deps: ProjectServiceDeps) {
  const exists = deps.exists ?? existsSync
  const closeGuard = createCloseGuard()
  const closeReady = new Set<() => void>()
  const remember = (filePath: string) => {
    deps.projectFiles.add(filePath)
    deps.onFileKnown(filePath)
    const current = deps.settings.get()
    deps.settings.set({ ...current, recentProjects: pushRecent(current.recentProjects, filePath) })
  }

  return {
    async open(filePath: string) {
      const opened = await openProjectFile(filePath, exists)
      deps.allowProjectMedia(opened.project)
      remember(opened.path)
      return { ...opened, missing: missingMedia(opened.project, exists) }
    },

    /** Copies takes into the media folder beside the file, writes it atomically, and drops its autosave. */
    async save(filePath: string, project: Project) {
      if (!deps.projectFiles.has(filePath)) {
        throw new AppError('FORBIDDEN', 'Choose where to save the project in the save dialog first.')
      }
      let gathered: Project
      let saved: { path: string }
      try {
        gathered = await gatherTakes({ ...project, name: stemOf(filePath) }, filePath, deps.mediaFs)
        saved = await saveProjectFile(filePath, gathered)
      } catch (error) {
        closeGuard.saveAbandoned()
        throw error
      }
      deps.allowProjectMedia(gathered)
      remember(saved.path)
      await deps.autosaves.discard(project.id)
      return saved
    },

    /** The app-data copy of unsaved work; the file path is kept only when main allowed saving there. */
    autosave(project: Project, filePath: string | null) {
      return deps.autosaves.write(project, filePath !== null && deps.projectFiles.has(filePath) ? filePath : null)
    },

    async recovery() {
      const record = await deps.autosaves.recovery()
      if (!record) return null
      deps.allowProjectMedia(record.project)
      if (record.path !== null) deps.projectFiles.add(record.path)
      return { project: record.project, path: record.path, savedAt: record.savedAt }
    },

    discardRecovery: (projectId?: string) => deps.autosaves.discard(projectId),

    recent: () => recentEntries(deps.settings.get().recentProjects, exists),

    /** Whether the window may close without asking; see closeGuard. */
    closeGuard,
    status(next: ProjectStatus): void {
      if (closeGuard.setStatus(next)) for (const listener of closeReady) listener()
    },
    /** Called when a save that a pending close asked for has left the project clean. */
    onCloseReady(listener: () => void): () => void {
      closeReady.add(listener)
      return () => closeReady.delete(listener)
    },
  }
}

export type ProjectService = ReturnType<typeof createProjectService>
