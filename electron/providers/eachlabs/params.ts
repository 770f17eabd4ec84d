// Eachlabs `mmaudio`: what it can do, how our request maps to its input, and how the presigned PUT is built.
import { toNativeParams, type NativeParams } from '../paramRange'
import type { ProviderRequest, ProviderCapabilities } from '../types'

export const EACHLABS_MODEL = 'mmaudio'

/**
 * Documented: video input (required), negative prompt, seed, steps, cfg, duration; no mask_away_clip;
 * 10 concurrent per key; $0.00108 per second of predict_time (our per-second estimate).
 * Ranges are not documented; these follow the upstream model's own limits (steps ≥ 1, cfg ≥ 1) [inferred].
 */
export const EACHLABS_CAPABILITIES: ProviderCapabilities = {
  videoToAudio: true,
  textToAudio: false,
  params: {
    negativePrompt: true,
    seed: { min: 0, max: 2_147_483_647 },
    steps: { min: 1, max: 100 },
    cfg: { min: 1, max: 20 },
    maskAwayClip: false,
    integerDuration: false,
  },
  durationSec: { min: 1, max: 30 },
  priceUsdPerSec: 0.00108,
  defaultConcurrency: 10,
}

/** The `input` object of POST /v1/prediction. */
export type EachlabsInput = NativeParams & {
  /** The presigned upload's public URL. */
  video: string
}

export function toEachlabsInput(req: ProviderRequest, videoUrl: string): EachlabsInput {
  return { ...toNativeParams(req, EACHLABS_CAPABILITIES), video: videoUrl }
}

/** Eachlabs input names → our ProviderRequest field names, for errors that name a field. */
export const EACHLABS_FIELDS: Readonly<Record<string, string>> = {
  video: 'videoPath',
  prompt: 'prompt',
  negative_prompt: 'negativePrompt',
  duration: 'durationSec',
  num_steps: 'steps',
  cfg_strength: 'cfg',
  seed: 'seed',
}

/**
 * Headers of the presigned PUT: the Content-Type declared at presign time plus every `required_headers`
 * entry verbatim (a required header wins over ours if it names Content-Type itself). No API key: the URL
 * is the credential.
 */
export function presignedPutHeaders(contentType: string, requiredHeaders: Readonly<Record<string, string>>): Record<string, string> {
  const names = Object.keys(requiredHeaders).map((h) => h.toLowerCase())
  return {
    ...(names.includes('content-type') ? {} : { 'Content-Type': contentType }),
    ...requiredHeaders,
  }
}
