// The thin Web Audio layer under the transport: takes decoded once (fetch of main's media URL → AudioBuffer,
// cached by path), voices started against the AudioContext clock with their gain automation, and the clips' own
// audio taken from the <video> elements through MediaElementAudioSourceNodes into a bus that follows the
// original's envelope. Everything it plays comes from a PlaybackSchedule (schedule.ts); it decides nothing.
import type { Automation, PlaybackSchedule } from './schedule'

export interface AudioLayerDeps {
  createContext: () => AudioContext
  /** The URL main hands out for a file (the renderer never builds one). */
  urlFor: (path: string) => Promise<string | null>
  fetchBytes: (url: string) => Promise<ArrayBuffer>
  /** Told once per take that cannot be played (no URL from main, or not decodable), so the person hears why. */
  onUnplayable?: (path: string) => void
}

interface Voice {
  key: string
  source: AudioBufferSourceNode
  gain: GainNode
  edge: GainNode
}

function program(param: AudioParam, automation: Automation, startAt: number): void {
  param.cancelScheduledValues(0)
  param.setValueAtTime(automation.startGain, startAt)
  for (const r of automation.ramps) param.linearRampToValueAtTime(r.gain, startAt + r.atSec)
}

export class AudioLayer {
  private ctx: AudioContext | null = null
  private takesBus: GainNode | null = null
  private originalBus: GainNode | null = null
  private readonly buffers = new Map<string, Promise<AudioBuffer | null>>()
  private readonly decoded = new Map<string, AudioBuffer>()
  /** Takes already reported unplayable (a failed decode is tried again on the next play, but told once). */
  private readonly reported = new Set<string>()
  private voices: Voice[] = []
  /** Each element's own gain (mono centring); an element can be given to Web Audio only once. */
  private readonly elements = new Map<HTMLMediaElement, { gain: number; node: GainNode | null }>()

  constructor(private readonly deps: AudioLayerDeps) {}

  /** The context, made on the first play (a user gesture) and resumed if the browser suspended it. */
  context(): AudioContext {
    if (!this.ctx) {
      const ctx = this.deps.createContext()
      this.takesBus = ctx.createGain()
      this.originalBus = ctx.createGain()
      this.takesBus.connect(ctx.destination)
      this.originalBus.connect(ctx.destination)
      this.ctx = ctx
      for (const el of this.elements.keys()) this.route(el)
    }
    if (this.ctx.state === 'suspended') void this.ctx.resume()
    return this.ctx
  }

  /** Decodes a take once; null when main has no URL for it or it cannot be decoded (silent, and reported). */
  load(path: string): Promise<AudioBuffer | null> {
    let p = this.buffers.get(path)
    if (!p) {
      p = this.decode(path)
      this.buffers.set(path, p)
      void p.then((b) => (b ? this.decoded.set(path, b) : this.buffers.delete(path)))
    }
    return p
  }

  private async decode(path: string): Promise<AudioBuffer | null> {
    try {
      const url = await this.deps.urlFor(path)
      if (url) return await this.context().decodeAudioData(await this.deps.fetchBytes(url))
    } catch {
      // reported below
    }
    if (!this.reported.has(path)) {
      this.reported.add(path)
      this.deps.onUnplayable?.(path)
    }
    return null
  }

  /** Channel count of a decoded take (1 until known: what providers return). */
  channelsOf = (path: string): number => this.decoded.get(path)?.numberOfChannels ?? 1

  /** Sends a video element's sound through the original bus at `gain` (its mono centring). */
  attachElement(el: HTMLMediaElement, gain: number): void {
    const known = this.elements.get(el)
    if (known) {
      known.gain = gain
      if (known.node) known.node.gain.value = gain
      return
    }
    this.elements.set(el, { gain, node: null })
    if (this.ctx) this.route(el)
  }

  /** Elements no longer in the page (the monitor let them go) leave the graph. */
  detachRemovedElements(): void {
    for (const [el, entry] of this.elements) {
      if (el.isConnected) continue
      entry.node?.disconnect()
      this.elements.delete(el)
    }
  }

  private route(el: HTMLMediaElement): void {
    const entry = this.elements.get(el)
    if (!entry || entry.node || !this.ctx || !this.originalBus) return
    try {
      const node = this.ctx.createGain()
      node.gain.value = entry.gain
      this.ctx.createMediaElementSource(el).connect(node)
      node.connect(this.originalBus)
      entry.node = node
    } catch {
      /* already routed by an earlier context: leave it */
    }
  }

  /** Starts a run's voices and the original's automation at context time `startAt`, at `rate`. */
  start(schedule: PlaybackSchedule, startAt: number, rate: number): void {
    const ctx = this.context()
    this.stopVoices()
    program(this.originalBus!.gain, schedule.original, startAt)
    for (const v of schedule.voices) {
      const buffer = this.decoded.get(v.path)
      if (!buffer || v.offsetSec >= buffer.duration) continue
      const source = ctx.createBufferSource()
      source.buffer = buffer
      source.playbackRate.value = rate
      const edge = ctx.createGain()
      const gain = ctx.createGain()
      program(edge.gain, v.edge, startAt)
      program(gain.gain, v.gain, startAt)
      source.connect(edge).connect(gain).connect(this.takesBus!)
      source.start(startAt + v.whenSec, v.offsetSec, Math.min(v.durationSec, buffer.duration - v.offsetSec))
      this.voices.push({ key: v.key, source, gain, edge })
    }
  }

  /** New gains for what is already playing (a slider being dragged): automation from context time `at`, no restart. */
  retune(schedule: PlaybackSchedule, at: number): void {
    if (!this.ctx || !this.originalBus) return
    program(this.originalBus.gain, schedule.original, at)
    for (const v of schedule.voices) {
      const voice = this.voices.find((x) => x.key === v.key)
      if (voice) program(voice.gain.gain, v.gain, at)
    }
  }

  stopVoices(): void {
    for (const { source, gain, edge } of this.voices) {
      try {
        source.stop()
      } catch {
        /* never started */
      }
      source.disconnect()
      edge.disconnect()
      gain.disconnect()
    }
    this.voices = []
  }

  now(): number {
    return this.ctx?.currentTime ?? 0
  }
}
