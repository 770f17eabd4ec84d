import { useCallback, useEffect, useReducer, useState, type DragEvent } from 'react'
import type { Asset } from '../../shared/domain/asset'
import type { AppErrorData } from '../../shared/domain/errors'
import { Toasts, type Toast } from './components/Toasts'
import { MediaBin } from './features/media-bin/MediaBin'
import { useImport } from './features/media-bin/useImport'
import { Monitor } from './features/monitor/Monitor'
import { Timeline } from './features/timeline/Timeline'
import { invoke } from './lib/ipc'
import { createEditorState, editorReducer } from './state/editor'
import { emptyProject } from './state/project'

export function App() {
  const [state, dispatch] = useReducer(editorReducer, undefined, () =>
    createEditorState(emptyProject(crypto.randomUUID(), new Date().toISOString())),
  )
  const [toasts, setToasts] = useState<Toast[]>([])
  const [dragging, setDragging] = useState(false)
  const [ffmpegProblem, setFfmpegProblem] = useState<string | null>(null)
  const project = state.history.present

  const showError = useCallback((title: string, error: AppErrorData) => {
    setToasts((t) => [...t.slice(-4), { id: crypto.randomUUID(), title, error }])
  }, [])
  const onImported = useCallback(
    (assets: readonly Asset[]) =>
      dispatch({ type: 'assetsImported', assets, newIds: assets.map(() => crypto.randomUUID()) }),
    [],
  )
  const { importDropped, importFromDialog } = useImport({ onImported, onError: showError })

  useEffect(() => {
    void invoke('app:info', {}).then((r) => r.ok && setFfmpegProblem(r.data.ffmpegProblem))
  }, [])

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const mod = e.ctrlKey || e.metaKey
      if (!mod) return
      const key = e.key.toLowerCase()
      if (key === 'z') {
        e.preventDefault()
        dispatch({ type: e.shiftKey ? 'redo' : 'undo' })
      } else if (key === 'i') {
        e.preventDefault()
        void importFromDialog()
      }
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [importFromDialog])

  const onDrop = (e: DragEvent) => {
    e.preventDefault()
    setDragging(false)
    void importDropped(e.dataTransfer.files)
  }
  const selectedClip = project.clips.find((c) => state.selection?.kind === 'clip' && c.id === state.selection.id)
  const selectedAsset = project.assets.find((a) => a.id === selectedClip?.assetId) ?? null

  return (
    <div
      className={`app${dragging ? ' dragging' : ''}`}
      onDragOver={(e) => {
        e.preventDefault()
        setDragging(true)
      }}
      onDragLeave={(e) => e.currentTarget === e.target && setDragging(false)}
      onDrop={onDrop}
      data-testid="app"
    >
      <header className="topbar">
        <span className="brand">MMAudio Studio</span>
        <span className="project-name">{project.name}</span>
        <span className="spacer" />
        <button onClick={() => void importFromDialog()}>Import…</button>
      </header>
      {ffmpegProblem && (
        <div className="banner" role="alert">
          {ffmpegProblem}
        </div>
      )}
      <main className="workspace">
        <MediaBin assets={project.assets} onImport={() => void importFromDialog()} />
        <Monitor asset={selectedAsset} />
      </main>
      <Timeline
        project={project}
        pxPerSec={state.pxPerSec}
        selectedClipId={selectedClip?.id ?? null}
        onSelectClip={(id) => dispatch({ type: 'selected', selection: id ? { kind: 'clip', id } : null })}
      />
      {dragging && <div className="drop-overlay">Drop video clips to import</div>}
      <Toasts toasts={toasts} onDismiss={(id) => setToasts((t) => t.filter((x) => x.id !== id))} />
    </div>
  )
}
