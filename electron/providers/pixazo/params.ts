// Pixazo `mmaudio-v2-text-to-audio`: what it can do and how our request maps to its body (text only).
import { clampIntToRange, clampToRange } from '../paramRange'
import type { GenerateRequest, ProviderCapabilities } from '../types'

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
export interface PixazoBody {
  prompt: string
  negative_prompt: string
  num_steps: number
  /** Whole seconds, rounded up so the audio covers the whole request. */
  duration: number
  cfg_strength: number
  mask_away_clip: boolean
}

export function toPixazoBody(req: GenerateRequest): PixazoBody {
  const p = PIXAZO_CAPABILITIES.params
  return {
    prompt: req.prompt,
    negative_prompt: req.negativePrompt,
    num_steps: clampIntToRange(req.steps, p.steps!, 'round', 25),
    duration: clampIntToRange(req.durationSec, PIXAZO_CAPABILITIES.durationSec, 'ceil', 8),
    cfg_strength: clampToRange(req.cfg, p.cfg!, 4.5),
    mask_away_clip: req.maskAwayClip,
  }
}

/** Pixazo body names → our GenerateRequest field names, for errors that name a field. */
export const PIXAZO_FIELDS: Readonly<Record<string, string>> = {
  prompt: 'prompt',
  negative_prompt: 'negativePrompt',
  num_steps: 'steps',
  duration: 'durationSec',
  cfg_strength: 'cfg',
  mask_away_clip: 'maskAwayClip',
}
