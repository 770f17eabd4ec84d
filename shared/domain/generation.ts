import { z } from 'zod'
import { SecretStatus } from './settings'
import { GenerationParams } from './project'
import { FilePath } from './filePath'
import { Id, ProviderId } from './ids'

export const ParamRange = z.object({ min: z.number(), max: z.number() })
export type ParamRange = z.infer<typeof ParamRange>

/** What a provider offers, so the UI shows only what it has and requests are clamped to its ranges. */
export const ProviderCapabilities = z.object({
  videoToAudio: z.boolean(),
  textToAudio: z.boolean(),
  params: z.object({
    negativePrompt: z.boolean(),
    seed: ParamRange.nullable(),
    steps: ParamRange.nullable(),
    cfg: ParamRange.nullable(),
    maskAwayClip: z.boolean(),
    /** The provider takes whole seconds only (WaveSpeed, Pixazo). */
    integerDuration: z.boolean(),
  }),
  durationSec: ParamRange,
  /** USD per second of generated audio, where the provider publishes a price. */
  priceUsdPerSec: z.number().optional(),
  /** Default parallel requests per key, from the provider's documented limits. */
  defaultConcurrency: z.number().int().positive(),
})
export type ProviderCapabilities = z.infer<typeof ProviderCapabilities>

export const ProviderInfo = z.object({
  id: ProviderId,
  label: z.string(),
  capabilities: ProviderCapabilities,
  key: SecretStatus,
})
export type ProviderInfo = z.infer<typeof ProviderInfo>

/**
 * One segment to generate: a range of a source video, or text only with a length. The one request type from
 * the renderer (and the CLI) to the generate service; the journal stores it to offer an interrupted one again.
 */
export const GenerationRequest = z.object({
  /** The project's segment, when there is one (recorded in the journal). */
  segmentId: Id.nullable().optional(),
  /**
   * Video mode: the source file and the range [inSec, outSec) of it. Absent = text mode. `cutsSec`: where the
   * picture cuts inside the range (seconds of the file), so the chunk seams keep off them.
   */
  source: z
    .object({
      path: FilePath,
      inSec: z.number().nonnegative(),
      outSec: z.number().positive(),
      cutsSec: z.array(z.number().nonnegative()).max(10_000).optional(),
    })
    .optional(),
  /** Text mode: the length to generate. */
  durationSec: z.number().positive().max(600).optional(),
  params: GenerationParams,
  /** Crossfade between chunks (default 1 s, at most half the window). */
  crossfadeSec: z.number().min(0.1).max(4).optional(),
})
export type GenerationRequest = z.infer<typeof GenerationRequest>

/** What a generation will cost, before anything is sent (the CLI prints it; the generate panel shows it). */
export const CostEstimate = z.object({
  /** Provider calls (takes × chunks) before cache hits. */
  calls: z.number().int().nonnegative(),
  chunks: z.number().int().positive(),
  /** Seconds of audio the provider will bill for. */
  billedSec: z.number().nonnegative(),
  /** Null where the provider publishes no price. */
  usd: z.number().nullable(),
})
export type CostEstimate = z.infer<typeof CostEstimate>

/** Several estimates added up (a batch, a clip by shots): the price is unknown when any part has none. PURE. */
export function totalCost(estimates: readonly CostEstimate[]): CostEstimate {
  return {
    calls: estimates.reduce((n, e) => n + e.calls, 0),
    chunks: Math.max(
      1,
      estimates.reduce((n, e) => n + e.chunks, 0),
    ),
    billedSec: estimates.reduce((n, e) => n + e.billedSec, 0),
    usd: estimates.some((e) => e.usd === null) ? null : estimates.reduce((n, e) => n + (e.usd ?? 0), 0),
  }
}
