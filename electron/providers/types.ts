import type { ProviderId } from '../../shared/domain/ids'

// Capabilities cross IPC (the generate panel shows only what a provider has), so their schema is shared.
export type { ParamRange, ProviderCapabilities } from '../../shared/domain/generation'
import type { ProviderCapabilities } from '../../shared/domain/generation'

/** One generation in our own terms; each adapter maps it to its provider's names and ranges. */
export interface ProviderRequest {
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
  /**
   * Its protocol can stop a request it has accepted, and generate() calls it when aborted. Absent: it cannot
   * (Pixazo, WaveSpeed document no such call), so a cancelled request may still finish and be charged.
   */
  readonly canCancel?: boolean
  generate(request: ProviderRequest, ctx: ProviderContext): Promise<GenerateResult>
  /** Continue an accepted request after a crash or restart: poll, then download. Never submits. */
  resume(requestId: string, ctx: ProviderContext): Promise<GenerateResult>
}
