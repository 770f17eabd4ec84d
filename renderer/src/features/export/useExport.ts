// The export dialog's IPC: the save dialog (or, for the hand-off pack, the folder dialog) for the destination,
// export:start or handoff:start, job updates, job:cancel and "Show in folder". Everything it decides is in
// exportFlow.ts.
import { useCallback, useEffect, useReducer, useRef } from 'react'
import { EXPORT_PRESETS } from '../../../../shared/domain/export'
import type { Project } from '../../../../shared/domain/project'
import { invoke, on } from '../../lib/ipc'
import { defaultFileName, exportReducer, HANDOFF, initialExportState, type ExportChoice } from './exportFlow'

export function useExport(project: Project) {
  const [state, dispatch] = useReducer(exportReducer, undefined, () => initialExportState())
  const stateRef = useRef(state)
  stateRef.current = state

  useEffect(() => on('job:update', (update) => dispatch({ type: 'jobUpdated', update })), [])

  const chooseDestination = useCallback(async (): Promise<string | null> => {
    const { preset } = stateRef.current
    const r =
      preset === HANDOFF
        ? await invoke('dialog:chooseFolder', {})
        : await invoke('dialog:saveFile', { defaultName: defaultFileName(project.name, preset), kind: EXPORT_PRESETS[preset].container })
    if (!r.ok) {
      dispatch({ type: 'startFailed', error: r.error })
      return null
    }
    if (r.data.path) dispatch({ type: 'destinationChosen', path: r.data.path })
    return r.data.path
  }, [project.name])

  const start = useCallback(async () => {
    const { preset, destination } = stateRef.current
    const destinationPath = destination ?? (await chooseDestination())
    if (!destinationPath) return
    dispatch({ type: 'starting' })
    const r =
      preset === HANDOFF
        ? await invoke('handoff:start', { project, request: { folder: destinationPath } })
        : await invoke('export:start', { project, request: { destinationPath, preset } })
    dispatch(r.ok ? { type: 'started', jobId: r.data.jobId } : { type: 'startFailed', error: r.error })
  }, [chooseDestination, project])

  const cancel = useCallback(() => {
    const { phase } = stateRef.current
    if (phase.kind !== 'running') return
    dispatch({ type: 'cancelRequested' })
    void invoke('job:cancel', { jobId: phase.jobId })
  }, [])

  return {
    state,
    choosePreset: (preset: ExportChoice) => dispatch({ type: 'presetChosen', preset }),
    chooseDestination,
    start,
    cancel,
    backToSetup: () => dispatch({ type: 'backToSetup' }),
    showInFolder: (path: string) => void invoke('shell:showInFolder', { path }),
  }
}
