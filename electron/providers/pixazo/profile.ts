// Pixazo `mmaudio-v2-text-to-audio`: what it is, what it can do, and its body's names (MMAudio's own, no
// video: it makes sound from text only).
import { MMAUDIO_FIELDS } from '../mmaudio'
import type { ProviderProfile } from '../types'

/**
 * Documented: text only, negative prompt, mask_away_clip, steps 10–100, cfg 1–10, integer duration 2–30 s,
 * no seed. No price or concurrency limit is published.
 */
export const PIXAZO_PROFILE: ProviderProfile = {
  id: 'pixazo',
  label: 'Pixazo',
  origin: 'https://gateway.pixazo.ai',
  keyEnv: 'PIXAZO_API_KEY',
  authHeaders: (key) => ({ 'Ocp-Apim-Subscription-Key': key }),
  // The docs ask for a poll every 5–10 s.
  pollIntervalMs: 5000,
  maxWaitMs: 20 * 60_000,
  fields: {
    ...MMAUDIO_FIELDS,
    mask_away_clip: 'maskAwayClip',
  },
  capabilities: {
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
    // No limit is published and runs are slow (polled every 5–10 s): 2 at a time, the cautious choice.
    defaultConcurrency: 2,
  },
}
