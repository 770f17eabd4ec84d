// inference.sh `infsh/mmaudio`: what it can do and how our request maps to the app's input.
import { toNativeParams, type NativeParams } from '../paramRange'
import type { ProviderRequest, ProviderCapabilities } from '../types'

export const INFERENCESH_APP = 'infsh/mmaudio'

/**
 * Documented (seed 003, the app's schema): optional `video_input` (so text-to-audio too), negative prompt,
 * seed (their default 42: we always send ours), steps, cfg, duration, mask_away_clip; FLAC out. No price.
 * Ranges are not documented: these follow the upstream model's own limits (steps ≥ 1, cfg ≥ 1) [inferred].
 * Concurrency is plan-based and not published; 2 is a cautious default [inferred].
 */
export const INFERENCESH_CAPABILITIES: ProviderCapabilities = {
  videoToAudio: true,
  textToAudio: true,
  params: {
    negativePrompt: true,
    seed: { min: 0, max: 65535 },
    steps: { min: 1, max: 100 },
    cfg: { min: 1, max: 20 },
    maskAwayClip: true,
    integerDuration: false,
  },
  durationSec: { min: 1, max: 30 },
  defaultConcurrency: 2,
}

/** The `input` of POST /apps/run for `infsh/mmaudio`. */
export type InferenceshInput = NativeParams & {
  /** The uploaded file's uri (the SDK itself sends a string uri here); absent for text-to-audio. */
  video_input?: string
}

export function toInferenceshInput(req: ProviderRequest, videoUri?: string): InferenceshInput {
  return { ...toNativeParams(req, INFERENCESH_CAPABILITIES), ...(videoUri === undefined ? {} : { video_input: videoUri }) }
}

/** The app's input names → our ProviderRequest field names, for errors that name a field. */
export const INFERENCESH_FIELDS: Readonly<Record<string, string>> = {
  video_input: 'videoPath',
  prompt: 'prompt',
  negative_prompt: 'negativePrompt',
  duration: 'durationSec',
  num_steps: 'steps',
  cfg_strength: 'cfg',
  seed: 'seed',
  mask_away_clip: 'maskAwayClip',
}
