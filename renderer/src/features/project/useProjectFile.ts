// New, open, save, save as, recent projects, the unsaved-changes question and crash recovery. The present
// project lives in the editor's history; this hook keeps only the file path and the snapshot last saved.
import { useCallback, useEffect, useMemo, useRef, useState, type Dispatch } from 'react'
import type { AppErrorData } from '../../../../shared/domain/errors'
import type { Project } from '../../../../shared/domain/project'
import type { RecentProject, Recovery } from '../../../../shared/ipc/contract'
import { invoke } from '../../lib/ipc'
import type { EditorAction } from '../../state/editor'
import { emptyProject } from '../../state/project'
import { isDirty, missingMediaText, projectDisplayName } from './projectStatus'

export type SaveChoice = 'save' | 'discard' | 'cancel'

export interface ProjectFileDeps {
  project: Project
  dispatch: Dispatch<EditorAction>
  showError: (title: string, error: AppErrorData) => void
}

export function useProjectFile({ project, dispatch, showError }: ProjectFileDeps) {
  const [filePath, setFilePath] = useState<string | null>(null)
  const [saved, setSaved] = useState<Project | null>(project)
  const [recent, setRecent] = useState<RecentProject[]>([])
  const [recovery, setRecovery] = useState<Recovery | null>(null)
  const [question, setQuestion] = useState<{ answer: (choice: SaveChoice) => void } | null>(null)
  const saving = useRef(false)
  const busy = useRef(false)
  const dirty = isDirty(project, saved)
  const name = projectDisplayName(filePath, project)
  const live = useRef({ project, filePath, dirty, name })
  live.current = { project, filePath, dirty, name }

  const refreshRecent = useCallback(async () => {
    const r = await invoke('project:recent', {})
    if (r.ok) setRecent(r.data.projects)
  }, [])

  useEffect(() => {
    void refreshRecent()
    void invoke('project:recovery', {}).then((r) => r.ok && setRecovery(r.data.recovery))
  }, [refreshRecent])

  const load = useCallback(
    (next: Project, path: string | null, savedSnapshot: Project | null) => {
      dispatch({ type: 'projectLoaded', project: next })
      setSaved(savedSnapshot)
      setFilePath(path)
    },
    [dispatch],
  )

  return useMemo(() => {
    const saveTo = async (path: string): Promise<boolean> => {
      const snapshot = live.current.project
      saving.current = true
      const r = await invoke('project:save', { path, project: snapshot }).finally(() => (saving.current = false))
      if (!r.ok) {
        showError('The project was not saved', r.error)
        return false
      }
      setSaved(snapshot)
      setFilePath(r.data.path)
      void refreshRecent()
      return true
    }
    const saveAs = async (): Promise<boolean> => {
      const r = await invoke('dialog:saveFile', { defaultName: `${live.current.name}.mmaudio`, kind: 'project' })
      if (!r.ok) {
        showError('The save dialog could not open', r.error)
        return false
      }
      return r.data.path === null ? false : saveTo(r.data.path)
    }
    /** One save at a time: a second Ctrl+S while the dialog is open or the file is being written does nothing. */
    const once = (run: () => Promise<boolean>) => async (): Promise<boolean> => {
      if (busy.current) return false
      busy.current = true
      try {
        return await run()
      } finally {
        busy.current = false
      }
    }
    const saveNow = once(() => (live.current.filePath ? saveTo(live.current.filePath) : saveAs()))
    const saveAsNow = once(saveAs)

    /** True when the open project may be replaced: nothing unsaved, saved now, or the person let it go. */
    const mayLeave = async (): Promise<boolean> => {
      if (!live.current.dirty) return true
      const choice = await new Promise<SaveChoice>((resolve) =>
        setQuestion({
          answer: (c) => {
            setQuestion(null)
            resolve(c)
          },
        }),
      )
      if (choice === 'cancel') return false
      if (choice === 'save') return saveNow()
      void invoke('project:discardRecovery', { projectId: live.current.project.id })
      return true
    }

    const newProject = async () => {
      if (!(await mayLeave())) return
      const fresh = emptyProject(crypto.randomUUID(), new Date().toISOString())
      load(fresh, null, fresh)
    }
    const openPath = async (path: string) => {
      if (!(await mayLeave())) return
      const r = await invoke('project:open', { path })
      void refreshRecent()
      if (!r.ok) return showError('The project could not be opened', r.error)
      load(r.data.project, r.data.path, r.data.project)
      if (r.data.missing.length > 0) {
        showError('Some media is missing', { code: 'FILE_NOT_FOUND', message: missingMediaText(r.data.missing) })
      }
      if (r.data.adjustments.length > 0) {
        showError('Some times in the project were corrected', {
          code: 'BAD_INPUT',
          message: r.data.adjustments.join(' '),
        })
      }
    }
    const open = async () => {
      const r = await invoke('dialog:openProject', {})
      if (!r.ok) return showError('The open dialog could not open', r.error)
      if (r.data.path !== null) await openPath(r.data.path)
    }

    return {
      filePath,
      name,
      dirty,
      recent,
      recovery,
      question,
      isSaving: () => saving.current,
      newProject: () => void newProject(),
      open: () => void open(),
      openPath: (path: string) => void openPath(path),
      save: () => void saveNow(),
      saveAs: () => void saveAsNow(),
      refreshRecent: () => void refreshRecent(),
      restoreRecovery() {
        if (!recovery) return
        setRecovery(null)
        void mayLeave().then((ok) => ok && load(recovery.project, recovery.path, null))
      },
      discardRecovery() {
        if (!recovery) return
        setRecovery(null)
        void invoke('project:discardRecovery', { projectId: recovery.project.id })
      },
    }
  }, [filePath, name, dirty, recent, recovery, question, load, refreshRecent, showError])
}

export type ProjectFile = ReturnType<typeof useProjectFile>
