// WaveSpeed `wavespeed-ai/mmaudio-v2`: what it is, what it can do, and its parameter names (its own, not
// MMAudio's). Names, ranges and defaults from WaveSpeed's model page (reference seed 000).
import type { ProviderProfile } from '../types'

export const WAVESPEED_PROFILE: ProviderProfile = {
  id: 'wavespeed',
  label: 'WaveSpeed',
  origin: 'https://api.wavespeed.ai',
  keyEnv: 'WAVESPEED_API_KEY',
  authHeaders: (key) => ({ Authorization: `Bearer ${key}` }),
  // Its SDK polls every 1 s; WaveSpeed suggests longer for video, and MMAudio runs take seconds.
  pollIntervalMs: 2000,
  maxWaitMs: 30 * 60_000,
  fields: {
    video: 'videoPath',
    prompt: 'prompt',
    negative_prompt: 'negativePrompt',
    num_inference_steps: 'steps',
    guidance_scale: 'cfg',
    // Whole seconds, rounded up so the requested length is covered (the app trims the result).
    duration: 'durationSec',
    mask_away_clip: 'maskAwayClip',
  },
  /** Video-to-audio only; no seed parameter; whole-second durations; no published price. */
  capabilities: {
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
    // Account levels cap concurrent tasks and queue the ones over the cap rather than refuse them: 4 at a time.
    defaultConcurrency: 4,
  },
}
