// Eachlabs `mmaudio`: what it is, what it can do, and its parameter names (MMAudio's own).
import { MMAUDIO_FIELDS, MMAUDIO_UPSTREAM_RANGES } from '../mmaudio'
import type { ProviderProfile } from '../types'

/**
 * Documented: video input (required), negative prompt, seed, steps, cfg, duration; no mask_away_clip;
 * 10 concurrent and 100 creates a minute per key; $0.00108 per second of predict_time (our per-second
 * estimate). Ranges are not documented; these follow the upstream model's own limits (steps ≥ 1, cfg ≥ 1)
 * [inferred].
 */
export const EACHLABS_PROFILE: ProviderProfile = {
  id: 'eachlabs',
  label: 'Eachlabs',
  origin: 'https://api.eachlabs.ai',
  keyEnv: 'EACHLABS_API_KEY',
  authHeaders: (key) => ({ 'X-API-Key': key }),
  // The model page estimates 5 s of processing: poll every 1.5 s.
  pollIntervalMs: 1500,
  maxWaitMs: 15 * 60_000,
  startRate: { count: 100, perMs: 60_000 },
  fields: {
    ...MMAUDIO_FIELDS,
    seed: 'seed',
    video: 'videoPath',
  },
  capabilities: {
    videoToAudio: true,
    textToAudio: false,
    params: {
      negativePrompt: true,
      seed: { min: 0, max: 2_147_483_647 },
      ...MMAUDIO_UPSTREAM_RANGES,
      maskAwayClip: false,
      integerDuration: false,
    },
    durationSec: { min: 1, max: 30 },
    priceUsdPerSec: 0.00108,
    defaultConcurrency: 10,
  },
}
