import type { ProviderId } from '../../shared/domain/ids'

/** A numeric range a provider accepts for a parameter. */
export interface ParamRange {
  min: number
  max: number
}

/** What a provider offers, so the UI shows only what it has and requests are clamped to its ranges. */
export interface ProviderCapabilities {
  videoToAudio: boolean
  textToAudio: boolean
  params: {
    negativePrompt: boolean
    seed: ParamRange | null
    steps: ParamRange | null
    cfg: ParamRange | null
    maskAwayClip: boolean
    /** The provider takes whole seconds only (WaveSpeed, Pixazo). */
    integerDuration: boolean
  }
  durationSec: ParamRange
  /** USD per second of generated audio, where the provider publishes a price. */
  priceUsdPerSec?: number
  /** Default parallel requests per key, from the provider's documented limits. */
  defaultConcurrency: number
}

/** One generation in our own terms; each adapter maps it to its provider's names and ranges. */
export interface GenerateRequest {
  mode: 'video' | 'text'
  /** The prepared upload (25 fps, 384 px, no audio) for mode 'video'. */
  videoPath?: string
  prompt: string
  negativePrompt: string
  seed: number
  steps: number
  cfg: number
  durationSec: number
  maskAwayClip: boolean
}

export type ProviderProgress =
  | { stage: 'uploading'; fraction: number }
  | { stage: 'queued'; position?: number }
  | { stage: 'generating'; fraction?: number }
  | { stage: 'downloading'; fraction: number | null }

export interface ProviderContext {
  signal: AbortSignal
  onProgress: (p: ProviderProgress) => void
  /** Called once the provider has accepted the request: the journal records it before any polling. */
  onSubmitted: (requestId: string) => void | Promise<void>
  fetch: typeof fetch
  /** Replaces every origin the provider uses (tests point it at an emulator). Null = the public API. */
  baseUrl: string | null
  apiKey: string
  /** Where downloads are written. */
  tmpDir: string
  /** Injected for tests; defaults to real timers. */
  sleep?: (ms: number, signal: AbortSignal) => Promise<void>
  /** Poll interval in ms (tests use a small one). */
  pollIntervalMs?: number
  /** Give up (TIMEOUT) when the request has not finished after this many ms of polling; default per provider. */
  maxWaitMs?: number
}

export interface GenerateResult {
  /** The downloaded file as the provider returned it (MP4 with audio, FLAC, WAV…). */
  file: string
  mime: string
  requestId: string
}

export interface AudioProvider {
  readonly id: ProviderId
  readonly label: string
  readonly capabilities: ProviderCapabilities
  generate(request: GenerateRequest, ctx: ProviderContext): Promise<GenerateResult>
  /** Continue an accepted request after a crash or restart: poll, then download. Never submits. */
  resume(requestId: string, ctx: ProviderContext): Promise<GenerateResult>
}
