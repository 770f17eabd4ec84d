import { useCallback } from 'react'
import type { Asset } from '../../../../shared/domain/asset'
import type { AppErrorData } from '../../../../shared/domain/errors'
import { invoke, pathForFile } from '../../lib/ipc'

export interface ImportCallbacks {
  onImported: (assets: readonly Asset[]) => void
  onError: (title: string, error: AppErrorData) => void
}

/** Import by path list (drop or dialog): good files are added, each bad one gets its own message. */
export function useImport({ onImported, onError }: ImportCallbacks) {
  const importPaths = useCallback(
    async (paths: readonly string[]) => {
      if (paths.length === 0) return
      const r = await invoke('media:import', { paths: [...paths] })
      if (!r.ok) return onError('Import failed', r.error)
      if (r.data.assets.length > 0) onImported(r.data.assets)
      for (const f of r.data.failures) onError(`Could not import ${baseName(f.path)}`, f.error)
    },
    [onImported, onError],
  )

  const importDropped = useCallback(
    (files: FileList) => importPaths(Array.from(files, (f) => pathForFile(f)).filter((p) => p.length > 0)),
    [importPaths],
  )

  const importFromDialog = useCallback(async () => {
    const r = await invoke('dialog:openVideos', {})
    if (r.ok) await importPaths(r.data.paths)
    else onError('Import failed', r.error)
  }, [importPaths, onError])

  return { importDropped, importFromDialog }
}

function baseName(path: string): string {
  return path.split(/[\\/]/).pop() ?? path
}
