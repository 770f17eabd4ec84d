// The transport: one run at a time against the AudioContext clock (forward, 1× or 2×) or a picture-only run
// backwards; reports the playhead every frame, makes the <video> of the clip under the playhead play in step
// (switching element and seeking at cuts, nudging its rate to hold sync), and stops at the end of the range.
import { clamp } from '../../../../shared/domain/time'
import { timelineEndSec } from '../../../../shared/domain/placement'
import type { Project } from '../../../../shared/domain/project'
import type { AudioLayer } from './audioLayer'
import { playbackSchedule, originalSourceGain } from './schedule'
import { nextPicture, pictureAt, type ShuttleRate } from './transport'

/** Lead between asking to start and the first sample, so every voice is scheduled ahead of the clock. */
const START_LEAD_SEC = 0.06
/** A picture that has not started playing by then does not hold up the sound. */
const PICTURE_START_TIMEOUT_MS = 400
/** Picture off by more than this is re-seeked; a smaller drift is taken up by a slightly faster or slower rate. */
const SEEK_DRIFT_SEC = 0.3
const NUDGE_DRIFT_SEC = 0.03
/** At most 5 % faster or slower (the element keeps its pitch), so a correction is not heard. */
const MAX_RATE_CORRECTION = 0.05

export interface ControllerDeps {
  audio: AudioLayer
  getProject: () => Project
  onTime: (sec: number) => void
  onRate: (rate: ShuttleRate) => void
  frame: (cb: () => void) => number
  cancelFrame: (id: number) => void
  nowMs: () => number
}

interface Run {
  token: number
  fromSec: number
  untilSec: number
  rate: ShuttleRate
  /** Context time of fromSec (forward runs); performance time of the last frame (backward runs). */
  startAt: number
  /** The project the run plays, when it is not the user's (an audition). */
  override: Project | null
  sec: number
}

export class PlaybackController {
  rate: ShuttleRate = 0
  private run: Run | null = null
  private token = 0
  private frameId = 0
  private readonly videos = new Map<string, HTMLVideoElement>()
  private active: { el: HTMLVideoElement; clipId: string } | null = null
  private readonly reported: number[] = []

  constructor(private readonly deps: ControllerDeps) {}

  get playing(): boolean {
    return this.rate !== 0
  }

  /** The time the transport is at (null when stopped). */
  currentSec(): number | null {
    return this.run ? this.run.sec : null
  }

  /** Starts a run; a run already going is replaced. `override` plays another project (an audition). */
  async start(fromSec: number, opts: { untilSec?: number; rate?: ShuttleRate; override?: Project | null } = {}): Promise<void> {
    const rate = opts.rate ?? 1
    const token = ++this.token
    const project = opts.override ?? this.deps.getProject()
    const untilSec = opts.untilSec ?? (rate > 0 ? timelineEndSec(project.clips) : 0)
    this.halt()
    if (rate > 0) {
      const { audio } = this.deps
      audio.context()
      const paths = [...new Set(project.segments.flatMap((s) => s.takes.filter((t) => t.id === s.activeTakeId).map((t) => t.path)))]
      await Promise.all(paths.map((p) => audio.load(p)))
      if (token !== this.token) return
      // The clip's own sound comes from its <video>, which takes a moment to start: start it first and line
      // the takes up with where it actually is, so the original and the generated sound start together.
      const playingFromSec = await this.startPicture(project, fromSec, rate)
      if (token !== this.token) return
      const runFromSec = playingFromSec === null ? fromSec : Math.max(fromSec, playingFromSec + START_LEAD_SEC * rate)
      const startAt = audio.now() + START_LEAD_SEC
      audio.start(playbackSchedule(project, { fromSec: runFromSec, untilSec, rate }, audio.channelsOf), startAt, rate)
      this.run = { token, fromSec: runFromSec, untilSec, rate, startAt, override: opts.override ?? null, sec: runFromSec }
    } else {
      this.run = { token, fromSec, untilSec, rate, startAt: this.deps.nowMs(), override: null, sec: fromSec }
    }
    this.setRate(rate)
    this.loop()
  }

  /** Plays the picture under `fromSec` and says where on the timeline it is once it runs (null: no picture). */
  private async startPicture(project: Project, fromSec: number, rate: number): Promise<number | null> {
    const picture = pictureAt(project, fromSec)
    const el = picture && this.videos.get(picture.asset.path)
    if (!picture || !el) return null
    el.currentTime = picture.sourceSec
    el.playbackRate = rate
    this.active = { el, clipId: picture.clip.id }
    const started = el.play().then(
      () => true,
      () => false,
    )
    const ok = await Promise.race([started, new Promise<boolean>((r) => setTimeout(() => r(false), PICTURE_START_TIMEOUT_MS))])
    return ok ? picture.clip.startSec + (el.currentTime - picture.clip.inSec) : null
  }

  /** Stops where the transport is and leaves the playhead there. */
  stop(): void {
    this.token++ // a run still loading its takes never starts
    if (!this.run && this.rate === 0) return
    const sec = this.run?.sec
    this.halt()
    this.setRate(0)
    if (sec !== undefined) this.report(sec)
  }

  /** Whether the playhead value came from this transport (else someone moved it: a scrub, a click, a key). */
  isOwnTime(sec: number): boolean {
    return this.reported.includes(sec)
  }

  /** The user's project changed during a run (a mix edit): play on from here with the new mix. */
  restartIfPlaying(): void {
    const run = this.run
    if (run && run.rate > 0 && !run.override) void this.start(run.sec, { untilSec: run.untilSec, rate: run.rate })
  }

  /** Hear a mix that is not committed yet (a slider mid-drag) in the running voices; null: the project's own. */
  preview(project: Project | null): void {
    const run = this.run
    if (!run || run.rate <= 0 || run.override) return
    const at = Math.max(this.deps.audio.now(), run.startAt)
    const fromSec = run.fromSec + (at - run.startAt) * run.rate
    const mix = project ?? this.deps.getProject()
    this.deps.audio.retune(playbackSchedule(mix, { fromSec, untilSec: run.untilSec, rate: run.rate }, this.deps.audio.channelsOf), at)
  }

  registerVideo(path: string, el: HTMLVideoElement | null): void {
    const old = this.videos.get(path)
    if (old && old !== el && this.active?.el === old) this.active = null
    this.deps.audio.detachRemovedElements()
    if (!el) {
      this.videos.delete(path)
      return
    }
    this.videos.set(path, el)
    const asset = this.deps.getProject().assets.find((a) => a.path === path)
    this.deps.audio.attachElement(el, asset ? originalSourceGain(asset) : 1)
  }

  private setRate(rate: ShuttleRate): void {
    this.rate = rate
    this.deps.onRate(rate)
  }

  private halt(): void {
    this.deps.cancelFrame(this.frameId)
    this.frameId = 0
    this.deps.audio.stopVoices()
    this.active?.el.pause()
    this.active = null
    this.run = null
  }

  private report(sec: number): void {
    this.reported.push(sec)
    if (this.reported.length > 16) this.reported.shift()
    this.deps.onTime(sec)
  }

  private loop(): void {
    this.frameId = this.deps.frame(() => {
      this.tick()
      if (this.run) this.loop()
    })
  }

  private tick(): void {
    const run = this.run
    if (!run) return
    if (run.rate > 0) run.sec = Math.max(run.fromSec, run.fromSec + (this.deps.audio.now() - run.startAt) * run.rate)
    else {
      const now = this.deps.nowMs()
      run.sec = Math.max(0, run.sec + ((now - run.startAt) / 1000) * run.rate)
      run.startAt = now
    }
    const ended = run.rate > 0 ? run.sec >= run.untilSec : run.sec <= run.untilSec
    if (ended) {
      run.sec = run.untilSec
      this.stop()
      return
    }
    this.report(run.sec)
    if (run.rate > 0) this.followPicture(run)
  }

  /** Makes the element of the clip under the transport play in step with it. */
  private followPicture(run: Run): void {
    const project = run.override ?? this.deps.getProject()
    const picture = pictureAt(project, run.sec)
    const el = picture ? this.videos.get(picture.asset.path) : undefined
    if (!picture || !el) {
      this.active?.el.pause()
      this.active = null
      return
    }
    if (this.active?.el !== el || this.active.clipId !== picture.clip.id) {
      if (this.active && this.active.el !== el) this.active.el.pause()
      this.active = { el, clipId: picture.clip.id }
      el.currentTime = picture.sourceSec
    }
    const drift = el.currentTime - picture.sourceSec
    if (Math.abs(drift) > SEEK_DRIFT_SEC && !el.seeking) el.currentTime = picture.sourceSec
    const correction = Math.abs(drift) > NUDGE_DRIFT_SEC ? clamp(-drift, -MAX_RATE_CORRECTION, MAX_RATE_CORRECTION) : 0
    el.playbackRate = run.rate * (1 + correction)
    if (el.paused) void el.play().catch(() => {})
    this.preloadNext(project, run.sec)
  }

  /** Puts the next clip's element on its first frame before the cut reaches it. */
  private preloadNext(project: Project, sec: number): void {
    const next = nextPicture(project, sec)
    const el = next && this.videos.get(next.asset.path)
    if (!next || !el || el === this.active?.el || !el.paused || el.seeking) return
    if (Math.abs(el.currentTime - next.sourceSec) > 0.05) el.currentTime = next.sourceSec
  }
}
