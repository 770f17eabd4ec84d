// fal.ai `fal-ai/mmaudio-v2` (+ `/text-to-audio`): what it can do, and how our request maps to its input.
// Ranges and defaults from fal's published schema (reference seed 001).
import { DEFAULT_CONCURRENCY } from '../../../shared/domain/settings'
import { toNativeParams, type NativeParams } from '../paramRange'
import type { ProviderRequest, ProviderCapabilities } from '../types'

export const FAL_VIDEO_ENDPOINT = 'fal-ai/mmaudio-v2'
export const FAL_TEXT_ENDPOINT = 'fal-ai/mmaudio-v2/text-to-audio'
/** Status, result and cancel live under the app id without the `/text-to-audio` subpath, for both endpoints. */
export const FAL_APP = 'fal-ai/mmaudio-v2'

export const FAL_CAPABILITIES: ProviderCapabilities = {
  videoToAudio: true,
  textToAudio: true,
  params: {
    negativePrompt: true,
    seed: { min: 0, max: 65535 },
    steps: { min: 4, max: 50 },
    cfg: { min: 0, max: 20 },
    maskAwayClip: true,
    integerDuration: false,
  },
  durationSec: { min: 1, max: 30 },
  /** "$0.001 per seconds" (unit not stated; read as per second of output). */
  priceUsdPerSec: 0.001,
  defaultConcurrency: DEFAULT_CONCURRENCY.fal,
}

/** The JSON body of the queue submit. `video_url` only for video-to-audio. */
export type FalInput = NativeParams & {
  /** The uploaded cut; absent for text-to-audio. */
  video_url?: string
}

export function toFalInput(req: ProviderRequest, videoUrl?: string): FalInput {
  return { ...toNativeParams(req, FAL_CAPABILITIES), ...(videoUrl === undefined ? {} : { video_url: videoUrl }) }
}

/** fal input names → our ProviderRequest field names, for errors that name a field. */
export const FAL_FIELDS: Readonly<Record<string, string>> = {
  video_url: 'videoPath',
  prompt: 'prompt',
  negative_prompt: 'negativePrompt',
  seed: 'seed',
  num_steps: 'steps',
  cfg_strength: 'cfg',
  duration: 'durationSec',
  mask_away_clip: 'maskAwayClip',
}
