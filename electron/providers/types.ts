import type { ProviderId } from '../../shared/domain/ids'

// Capabilities cross IPC (the generate panel shows only what a provider has), so their schema is shared.
export type { ParamRange, ProviderCapabilities } from '../../shared/domain/generation'
import type { ProviderCapabilities } from '../../shared/domain/generation'

/** One generation in our own terms; each adapter maps it to its provider's names and ranges. */
export interface ProviderRequest {
  mode: 'video' | 'text'
  /** The prepared upload (25 fps, 384 px, no audio) for mode 'video'. */
  videoPath?: string | undefined
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

/** Our request's fields a provider parameter can carry (`videoPath`: the URL the uploaded cut got). */
export type RequestField =
  | 'videoPath'
  | 'prompt'
  | 'negativePrompt'
  | 'durationSec'
  | 'steps'
  | 'cfg'
  | 'seed'
  | 'maskAwayClip'

/**
 * Every fact about a provider that is not protocol code, in one place: the adapter, the registry, the settings
 * defaults and the CLI read it, and the Settings dialog sees it through the settings and the provider list.
 */
export interface ProviderProfile {
  readonly id: ProviderId
  /** The name people know it by, in lists and in every message about it. */
  readonly label: string
  /** Its public API origin; the base URL setting replaces it and every other host it hands back. */
  readonly origin: string
  /** The env var its own SDK and docs read the key from (the CLI reads it too). */
  readonly keyEnv: string
  /** How the key is sent with every call. */
  readonly authHeaders: (key: string) => Record<string, string>
  /** How often a request's status is asked for. */
  readonly pollIntervalMs: number
  /** How long a request may take before we give up with TIMEOUT (and cancel it where we can). */
  readonly maxWaitMs: number
  /** A documented limit on how many requests one key may create in a time window. */
  readonly startRate?: { readonly count: number; readonly perMs: number }
  /** Its parameter names → our request's fields, in the order its request body lists them. */
  readonly fields: Readonly<Record<string, RequestField>>
  /** What it can do and within which ranges, its price and default parallel requests (these cross IPC). */
  readonly capabilities: ProviderCapabilities
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
  /**
   * Its protocol can stop a request it has accepted, and generate() calls it when aborted. Absent: it cannot
   * (Pixazo, WaveSpeed document no such call), so a cancelled request may still finish and be charged.
   */
  readonly canCancel?: boolean
  generate(request: ProviderRequest, ctx: ProviderContext): Promise<GenerateResult>
  /** Continue an accepted request after a crash or restart: poll, then download. Never submits. */
  resume(requestId: string, ctx: ProviderContext): Promise<GenerateResult>
}
