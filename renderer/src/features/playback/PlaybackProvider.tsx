// usePlayback(): the transport for every part of the editor (Space, J/K/L, the monitor's buttons, the takes
// list's audition). usePlaybackEngine owns one PlaybackController; the playhead it reports goes into the editor
// state like any other move, and a move it did not make (a scrub, a click, a key) while playing plays on from there.
import { createContext, useContext, useEffect, useMemo, useRef, useState, type Dispatch, type ReactNode } from 'react'
import type { Project } from '../../../../shared/domain/project'
import { invoke } from '../../lib/ipc'
import type { EditorAction } from '../../state/editor'
import { AudioLayer } from './audioLayer'
import { PlaybackController } from './controller'
import { usePlaybackKeys } from './usePlaybackKeys'
import { auditionProject, auditionRange, nextPicture, playStartSec, shuttle, type ShuttleRate } from './transport'
import type { TransportKey } from '../../../../shared/domain/commands'

export interface Playback {
  playing: boolean
  rate: ShuttleRate
  play(): void
  pause(): void
  toggle(): void
  /** Plays [startSec, endSec) and stops there. */
  playRange(startSec: number, endSec: number): void
  /** Plays the segment (with a short pre-roll) hearing `takeId` in place of its active take; the project is untouched. */
  audition(segmentId: string, takeId: string): void
  shuttle(key: TransportKey): void
  /** Plays a mix not committed yet (a slider mid-drag) in what is sounding; null goes back to the project's. */
  previewMix(project: Project | null): void
  /** The monitor hands over its <video> elements (null on unmount). */
  registerVideo(path: string, el: HTMLVideoElement | null): void
  /** The next clip's file, for the monitor to load ahead of the cut. */
  nextPath: string | null
}

const idle: Playback = {
  playing: false,
  rate: 0,
  play() {},
  pause() {},
  toggle() {},
  playRange() {},
  audition() {},
  shuttle() {},
  previewMix() {},
  registerVideo() {},
  nextPath: null,
}

const PlaybackContext = createContext<Playback>(idle)

export function usePlayback(): Playback {
  return useContext(PlaybackContext)
}

async function urlFor(path: string): Promise<string | null> {
  const r = await invoke('media:url', { path })
  return r.ok ? r.data.url : null
}

async function fetchBytes(url: string): Promise<ArrayBuffer> {
  const res = await fetch(url)
  if (!res.ok) throw new Error(`HTTP ${res.status}`)
  return res.arrayBuffer()
}

interface EngineInput {
  project: Project
  playheadSec: number
  dispatch: Dispatch<EditorAction>
  /** A take that cannot be played back (moved, deleted, damaged): it stays silent and the person is told. */
  onUnplayable?: (path: string) => void
  /** Auditions hear each take at the level of its segment's takes (the Match loudness setting). */
  matchLoudness?: boolean
}

/** Makes everything below it see this transport through usePlayback(). */
export function PlaybackProvider({ value, children }: { value: Playback; children: ReactNode }) {
  return <PlaybackContext.Provider value={value}>{children}</PlaybackContext.Provider>
}

/** The editor's transport, made once by the app, which hands it down with <PlaybackProvider>. */
export function usePlaybackEngine({
  project,
  playheadSec,
  dispatch,
  onUnplayable,
  matchLoudness = false,
}: EngineInput): Playback {
  const onUnplayableRef = useRef(onUnplayable)
  onUnplayableRef.current = onUnplayable
  const matchLoudnessRef = useRef(matchLoudness)
  matchLoudnessRef.current = matchLoudness
  const projectRef = useRef(project)
  projectRef.current = project
  const playheadRef = useRef(playheadSec)
  playheadRef.current = playheadSec
  const [rate, setRate] = useState<ShuttleRate>(0)

  const controller = useMemo(
    () =>
      new PlaybackController({
        audio: new AudioLayer({
          createContext: () => new AudioContext({ latencyHint: 'interactive' }),
          urlFor,
          fetchBytes,
          onUnplayable: (path) => onUnplayableRef.current?.(path),
        }),
        getProject: () => projectRef.current,
        onTime: (sec) => dispatch({ type: 'playheadMoved', sec }),
        onRate: setRate,
        frame: (cb) => requestAnimationFrame(cb),
        cancelFrame: (id) => cancelAnimationFrame(id),
        nowMs: () => performance.now(),
      }),
    [dispatch],
  )
  useEffect(() => () => controller.stop(), [controller])

  // Someone else moved the playhead during a run: carry on from there at the same speed.
  useEffect(() => {
    if (controller.playing && !controller.isOwnTime(playheadSec))
      void controller.start(playheadSec, { rate: controller.rate })
  }, [controller, playheadSec])

  // A mix edit during a run is heard at once.
  const playedProject = useRef(project)
  useEffect(() => {
    if (playedProject.current === project) return
    playedProject.current = project
    controller.restartIfPlaying()
  }, [controller, project])

  const nextPath = useMemo(() => nextPicture(project, playheadSec)?.asset.path ?? null, [project, playheadSec])

  const api = useMemo<Omit<Playback, 'playing' | 'rate' | 'nextPath'>>(() => {
    const from = () => controller.currentSec() ?? playStartSec(projectRef.current, playheadRef.current)
    return {
      play: () => void controller.start(from()),
      pause: () => controller.stop(),
      toggle: () => (controller.playing ? controller.stop() : void controller.start(from())),
      playRange: (startSec, endSec) => void controller.start(startSec, { untilSec: endSec }),
      audition: (segmentId, takeId) => {
        const range = auditionRange(projectRef.current, segmentId, takeId)
        if (!range) return
        const override = auditionProject(projectRef.current, segmentId, takeId, matchLoudnessRef.current)
        void controller.start(range.fromSec, { untilSec: range.untilSec, override })
      },
      shuttle: (key) => {
        const next = shuttle(controller.rate, key)
        if (next === 0) return controller.stop()
        const at =
          controller.currentSec() ??
          (next > 0 ? playStartSec(projectRef.current, playheadRef.current) : playheadRef.current)
        void controller.start(at, { rate: next })
      },
      previewMix: (project) => controller.preview(project),
      registerVideo: (path, el) => controller.registerVideo(path, el),
    }
  }, [controller])

  usePlaybackKeys(api.shuttle, api.pause)
  return useMemo<Playback>(() => ({ ...api, playing: rate !== 0, rate, nextPath }), [api, rate, nextPath])
}
