// Pixazo `mmaudio-v2-text-to-audio`: what it can do and how our request maps to its body (text only).
import { toNativeParams, type NativeParams } from '../paramRange'
import type { ProviderRequest, ProviderCapabilities } from '../types'

/**
 * Documented: text only, negative prompt, mask_away_clip, steps 10–100, cfg 1–10, integer duration 2–30 s,
 * no seed. No price or concurrency limit is published; 4 parallel requests is our own cautious default.
 */
export const PIXAZO_CAPABILITIES: ProviderCapabilities = {
  videoToAudio: false,
  textToAudio: true,
  params: {
    negativePrompt: true,
    seed: null,
    steps: { min: 10, max: 100 },
    cfg: { min: 1, max: 10 },
    maskAwayClip: true,
    integerDuration: true,
  },
  durationSec: { min: 2, max: 30 },
  defaultConcurrency: 4,
}

/** The body of POST …/mmaudio-v2-text-to-audio-request. */
export type PixazoBody = NativeParams

export function toPixazoBody(req: ProviderRequest): PixazoBody {
  return toNativeParams(req, PIXAZO_CAPABILITIES)
}

/** Pixazo body names → our ProviderRequest field names, for errors that name a field. */
export const PIXAZO_FIELDS: Readonly<Record<string, string>> = {
  prompt: 'prompt',
  negative_prompt: 'negativePrompt',
  num_steps: 'steps',
  duration: 'durationSec',
  cfg_strength: 'cfg',
  mask_away_clip: 'maskAwayClip',
}
