// WaveSpeed `wavespeed-ai/mmaudio-v2`: what it can do, and how our request maps to its input.
// Names, ranges and defaults from WaveSpeed's model page (reference seed 000).
import { DEFAULT_CONCURRENCY } from '../../../shared/domain/settings'
import { clampIntToRange, clampToRange } from '../paramRange'
import type { ProviderRequest, ProviderCapabilities } from '../types'

export const WAVESPEED_MODEL = 'wavespeed-ai/mmaudio-v2'

/** Video-to-audio only; no seed parameter; whole-second durations; no published price. */
export const WAVESPEED_CAPABILITIES: ProviderCapabilities = {
  videoToAudio: true,
  textToAudio: false,
  params: {
    negativePrompt: true,
    seed: null,
    steps: { min: 4, max: 50 },
    cfg: { min: 0, max: 20 },
    maskAwayClip: true,
    integerDuration: true,
  },
  durationSec: { min: 1, max: 30 },
  defaultConcurrency: DEFAULT_CONCURRENCY.wavespeed,
}

/** The JSON body of POST /api/v3/wavespeed-ai/mmaudio-v2. */
export interface WavespeedInput {
  video: string
  prompt: string
  negative_prompt: string
  num_inference_steps: number
  guidance_scale: number
  /** Whole seconds, rounded up so the requested length is covered (the app trims the result). */
  duration: number
  mask_away_clip: boolean
}

export function toWavespeedInput(req: ProviderRequest, videoUrl: string): WavespeedInput {
  const p = WAVESPEED_CAPABILITIES.params
  return {
    video: videoUrl,
    prompt: req.prompt,
    negative_prompt: req.negativePrompt,
    num_inference_steps: clampIntToRange(req.steps, p.steps!, 'round', 25),
    guidance_scale: clampToRange(req.cfg, p.cfg!, 4.5),
    duration: clampIntToRange(req.durationSec, WAVESPEED_CAPABILITIES.durationSec, 'ceil', 8),
    mask_away_clip: req.maskAwayClip,
  }
}

/** WaveSpeed input names → our ProviderRequest field names, for errors that name a field. */
export const WAVESPEED_FIELDS: Readonly<Record<string, string>> = {
  video: 'videoPath',
  prompt: 'prompt',
  negative_prompt: 'negativePrompt',
  num_inference_steps: 'steps',
  guidance_scale: 'cfg',
  duration: 'durationSec',
  mask_away_clip: 'maskAwayClip',
}
