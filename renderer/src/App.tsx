import { useCallback, useEffect, useMemo, useReducer, useRef, useState, type DragEvent } from 'react'
import type { Asset } from '../../shared/domain/asset'
import type { AppErrorData } from '../../shared/domain/errors'
import type { Project } from '../../shared/domain/project'
import { Toasts, type Toast } from './components/Toasts'
import { useEditorCommands } from './features/editor/useEditorCommands'
import { useMenuCommands } from './features/editor/useMenuCommands'
import { useShortcuts } from './features/editor/useShortcuts'
import { ExportControl } from './features/export/ExportControl'
import { Inspector } from './features/generate/Inspector'
import { segmentActivity } from './features/jobs/jobState'
import { SegmentActivityContext } from './features/jobs/SegmentActivityContext'
import { editorGenerationEnds, useGenerationJobs } from './features/jobs/useGenerationJobs'
import { MediaBin } from './features/media-bin/MediaBin'
import { MixerStrip } from './features/mixer/MixerStrip'
import { useImport } from './features/media-bin/useImport'
import { Monitor } from './features/monitor/Monitor'
import { focusSegment, monitorTarget } from './features/monitor/monitorTarget'
import { PlaybackProvider, usePlaybackEngine } from './features/playback/PlaybackProvider'
import { TRANSPORT_KEYS } from '../../shared/domain/commands'
import { ProjectMenu, ProjectTitle } from './features/project/ProjectMenu'
import { ProjectPrompts } from './features/project/ProjectPrompts'
import { useFileCommands } from './features/project/useFileCommands'
import { useProjectFile } from './features/project/useProjectFile'
import { SettingsDialog } from './features/settings/SettingsDialog'
import { useSettingsDialog } from './features/settings/useSettingsDialog'
import { ShotsContext, useShots } from './features/shots/useShots'
import { useMatchLoudness } from './features/takes/useMatchLoudness'
import { Timeline } from './features/timeline/Timeline'
import { invoke } from './lib/ipc'
import { createEditorState, editorReducer } from './state/editor'
import { emptyProject, soundCountsByAsset } from './state/project'

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
  const onUnplayable = useCallback(
    (path: string) =>
      showError('A take cannot be played', {
        code: 'FILE_NOT_FOUND',
        message: `"${path.split(/[\\/]/).pop()}" is missing or damaged, so it stays silent. Regenerate the take, or delete it.`,
      }),
    [showError],
  )
  const matchLoudness = useMatchLoudness()
  const shots = useShots(project)
  const playback = usePlaybackEngine({
    project,
    playheadSec: state.playheadSec,
    dispatch,
    onUnplayable,
    matchLoudness: matchLoudness.on,
  })
  const projectFile = useProjectFile({ project, dispatch, showError })
  const settings = useSettingsDialog()
  const openSettings = settings.openSettings
  const fileCommands = useFileCommands(project, projectFile, openSettings)
  const jobs = useGenerationJobs(editorGenerationEnds(dispatch, showError, openSettings))
  const activity = useMemo(() => segmentActivity(jobs.state), [jobs.state])
  const { shuttle } = playback
  const menuCommands = useMemo(
    () => ({
      ...fileCommands,
      ...Object.fromEntries(TRANSPORT_KEYS.map((key) => [key, () => shuttle(key)])),
    }),
    [fileCommands, shuttle],
  )
  useMenuCommands(run, menuCommands)

  useEffect(() => {
    void invoke('app:info', {}).then((r) => r.ok && setFfmpegProblem(r.data.ffmpegProblem))
  }, [])

  const onDrop = (e: DragEvent) => {
    e.preventDefault()
    setDragging(false)
    void importDropped(e.dataTransfer.files)
  }
  const monitor = monitorTarget(project, state.selection, state.playheadSec)
  const focused = focusSegment(project, state.selection, monitor.asset)
  const soundCounts = useMemo(() => soundCountsByAsset(project.segments), [project.segments])
  const placeAsset = useCallback(
    (assetId: string) => dispatch({ type: 'assetPlaced', assetId, clipId: crypto.randomUUID() }),
    [],
  )

  return (
    // biome-ignore lint/a11y/noStaticElementInteractions: the whole window takes dropped files; the keyboard's way in is Import… (Ctrl/Cmd+I)
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
        <ProjectTitle name={projectFile.name} dirty={projectFile.dirty} />
        <ProjectMenu projectFile={projectFile} />
        <span className="spacer" />
        <button type="button" onClick={openImportDialog} title="Import video clips (Ctrl/Cmd+I)">
          Import…
        </button>
        <ExportControl project={project} />
        <button type="button" onClick={() => openSettings()} title="Settings: API keys and providers (Ctrl/Cmd+,)">
          Settings
        </button>
      </header>
      {ffmpegProblem && (
        <div className="banner" role="alert">
          {ffmpegProblem}
        </div>
      )}
      <ShotsContext.Provider value={shots}>
        <PlaybackProvider value={playback}>
          <main className="workspace">
            <MediaBin
              assets={project.assets}
              soundCounts={soundCounts}
              onImport={openImportDialog}
              onPlace={placeAsset}
            />
            <Monitor
              asset={monitor.asset}
              sourceSec={monitor.sourceSec}
              focus={
                focused && monitor.asset
                  ? {
                      box: focused.params.focus,
                      frame: { width: monitor.asset.video.displayWidth, height: monitor.asset.video.displayHeight },
                      onChange: (focus) =>
                        dispatch({ type: 'segmentParamsChanged', segmentId: focused.id, params: { focus } }),
                    }
                  : null
              }
            />
            <MixerStrip project={project} dispatch={dispatch} selection={state.selection} />
          </main>
          <SegmentActivityContext.Provider value={activity}>
            <Timeline state={state} dispatch={dispatch} run={run} bodyWidthRef={bodyWidthRef} />
          </SegmentActivityContext.Provider>
          <Inspector
            project={project}
            selection={state.selection}
            dispatch={dispatch}
            jobs={jobs}
            onOpenSettings={openSettings}
            settingsOpen={settings.open}
            onAudition={playback.audition}
            matchLoudness={matchLoudness}
          />
        </PlaybackProvider>
      </ShotsContext.Provider>
      {dragging && <div className="drop-overlay">Drop video clips to import</div>}
      <ProjectPrompts projectFile={projectFile} />
      {settings.open && <SettingsDialog focusProvider={settings.focusProvider} onClose={settings.closeSettings} />}
      <Toasts toasts={toasts} onDismiss={(id) => setToasts((t) => t.filter((x) => x.id !== id))} />
    </div>
  )
}
