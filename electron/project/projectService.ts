// Opening, saving, autosave, crash recovery and recent projects, in plain Node. The renderer may save only to
// a project file the user picked in a dialog, opened, or saved (the `projectFiles` set main keeps), and open
// only one of those or one on the recent list. What a project names is played only once openChecks passed it.
import { existsSync } from 'node:fs'
import path from 'node:path'
import { AppError } from '../../shared/domain/errors'
import type { Project } from '../../shared/domain/project'
import type { Settings } from '../../shared/domain/settings'
import type { AutosaveStore } from './autosave'
import { createCloseGuard, type ProjectStatus } from './closeGuard'
import { gatherTakes, mediaFolderFor, type MediaFolderFs } from './mediaFolder'
import type { CheckedProject } from './openChecks'
import { openProjectFile, saveProjectFile } from './projectFile'
import { pushRecent, recentEntries } from './recentProjects'

export interface ProjectServiceDeps {
  /** Files the renderer may save to and open (and does not need to ask about again). */
  projectFiles: Set<string>
  /** Checks the files and numbers of a project that came from disk (openChecks.checkOpenedProject). */
  check: (project: Project) => Promise<CheckedProject>
  /** Files that passed the checks, or that the app wrote, may be played and revealed. */
  admit: (paths: readonly string[]) => void
  /** The app's own take folder: the one place a save copies takes from (with the project's own media folder). */
  takesDir: string
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
  /** The file each project id was opened from or saved to: its media folder holds takes of its own. */
  const origin = new Map<string, string>()
  const mayOpen = (filePath: string): boolean =>
    deps.projectFiles.has(filePath) || deps.settings.get().recentProjects.includes(filePath)
  /** A project from disk or from an autosave: checked, and only what passed may be played. */
  const admitChecked = async (project: Project): Promise<CheckedProject> => {
    const checked = await deps.check(project)
    deps.admit(checked.playable)
    return checked
  }
  const closeReady = new Set<() => void>()
  const remember = (filePath: string) => {
    deps.projectFiles.add(filePath)
    deps.onFileKnown(filePath)
    const current = deps.settings.get()
    deps.settings.set({ ...current, recentProjects: pushRecent(current.recentProjects, filePath) })
  }

  return {
    async open(filePath: string) {
      if (!mayOpen(filePath)) {
        throw new AppError('FORBIDDEN', 'Open projects with File › Open or from the recent list.')
      }
      const opened = await openProjectFile(filePath, exists)
      const checked = await admitChecked(opened.project)
      origin.set(checked.project.id, opened.path)
      remember(opened.path)
      return {
        project: checked.project,
        path: opened.path,
        missing: checked.unusable,
        adjustments: checked.adjustments,
      }
    },

    /** Copies takes into the media folder beside the file, writes it atomically, and drops its autosave. */
    async save(filePath: string, project: Project) {
      if (!deps.projectFiles.has(filePath)) {
        throw new AppError('FORBIDDEN', 'Choose where to save the project in the save dialog first.')
      }
      let gathered: Awaited<ReturnType<typeof gatherTakes>>
      let saved: { path: string }
      try {
        const cameFrom = origin.get(project.id)
        const ownFolders = [deps.takesDir, ...(cameFrom ? [mediaFolderFor(cameFrom)] : [])]
        gathered = await gatherTakes({ ...project, name: stemOf(filePath) }, filePath, {
          ownFolders,
          ...(deps.mediaFs ? { fs: deps.mediaFs } : {}),
        })
        saved = await saveProjectFile(filePath, gathered.project)
      } catch (error) {
        closeGuard.saveAbandoned()
        throw error
      }
      // The copies are the app's own work; nothing else the renderer's project names becomes playable here.
      deps.admit(gathered.copied)
      origin.set(project.id, saved.path)
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
      // The autosave was written from what the renderer sent: checked like a file from disk.
      const checked = await admitChecked(record.project)
      if (record.path !== null) {
        deps.projectFiles.add(record.path)
        origin.set(checked.project.id, record.path)
      }
      return { project: checked.project, path: record.path, savedAt: record.savedAt }
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
