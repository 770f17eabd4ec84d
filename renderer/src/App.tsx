import { useCallback, useEffect, useReducer, useRef, useState, type DragEvent } from 'react'
import type { Asset } from '../../shared/domain/asset'
import type { AppErrorData } from '../../shared/domain/errors'
import type { ProviderId } from '../../shared/domain/ids'
import type { Project } from '../../shared/domain/project'
import { Toasts, type Toast } from './components/Toasts'
import { useEditorCommands } from './features/editor/useEditorCommands'
import { useMenuCommands } from './features/editor/useMenuCommands'
import { useShortcuts } from './features/editor/useShortcuts'
import { Inspector } from './features/generate/Inspector'
import { MediaBin } from './features/media-bin/MediaBin'
import { useImport } from './features/media-bin/useImport'
import { Monitor } from './features/monitor/Monitor'
import { monitorTarget } from './features/monitor/monitorTarget'
import { PlaybackProvider, usePlaybackEngine } from './features/playback/PlaybackProvider'
import { Timeline } from './features/timeline/Timeline'
import { invoke } from './lib/ipc'
import { createEditorState, editorReducer } from './state/editor'
import { emptyProject } from './state/project'

export function App({ initialProject }: { initialProject?: Project }) {
  const [state, dispatch] = useReducer(editorReducer, undefined, () =>
    createEditorState(initialProject ?? emptyProject(crypto.randomUUID(), new Date().toISOString())),
  )
  const [toasts, setToasts] = useState<Toast[]>([])
  const [dragging, setDragging] = useState(false)
  const [ffmpegProblem, setFfmpegProblem] = useState<string | null>(null)
  const bodyWidthRef = useRef(0)
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
  const openImportDialog = useCallback(() => void importFromDialog(), [importFromDialog])
  const run = useEditorCommands({ state, dispatch, importFromDialog: openImportDialog, bodyWidthRef })
  useShortcuts(run)
  const playback = usePlaybackEngine({ project, playheadSec: state.playheadSec, dispatch })
  // Settings open at this provider's key field once the Settings dialog exists; until then the failed job's
  // panel and toast say where to set the key.
  const openSettings = useCallback((_provider: ProviderId) => undefined, [])
  useMenuCommands(run)

  useEffect(() => {
    void invoke('app:info', {}).then((r) => r.ok && setFfmpegProblem(r.data.ffmpegProblem))
  }, [])

  const onDrop = (e: DragEvent) => {
    e.preventDefault()
    setDragging(false)
    void importDropped(e.dataTransfer.files)
  }
  const monitor = monitorTarget(project, state.selection, state.playheadSec)

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
        <button onClick={openImportDialog} title="Import video clips (Ctrl/Cmd+I)">
          Import…
        </button>
      </header>
      {ffmpegProblem && (
        <div className="banner" role="alert">
          {ffmpegProblem}
        </div>
      )}
      <PlaybackProvider value={playback}>
        <main className="workspace">
          <MediaBin assets={project.assets} onImport={openImportDialog} />
          <Monitor asset={monitor.asset} sourceSec={monitor.sourceSec} />
          <Inspector project={project} selection={state.selection} dispatch={dispatch} onError={showError} onOpenSettings={openSettings} onAudition={playback.audition} />
        </main>
      </PlaybackProvider>
      <Timeline state={state} dispatch={dispatch} run={run} bodyWidthRef={bodyWidthRef} />
      {dragging && <div className="drop-overlay">Drop video clips to import</div>}
      <Toasts toasts={toasts} onDismiss={(id) => setToasts((t) => t.filter((x) => x.id !== id))} />
    </div>
  )
}
