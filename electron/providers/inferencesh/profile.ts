// inference.sh `infsh/mmaudio`: what it is, what it can do, and the app's parameter names (MMAudio's own).
import { MMAUDIO_FIELDS, MMAUDIO_UPSTREAM_RANGES } from '../mmaudio'
import type { ProviderProfile } from '../types'

/**
 * Documented (seed 003, the app's schema): optional `video_input` (so text-to-audio too), negative prompt,
 * seed (their default 42: we always send ours), steps, cfg, duration, mask_away_clip; FLAC out. No price.
 * Ranges are not documented: these follow the upstream model's own limits (steps ≥ 1, cfg ≥ 1) [inferred].
 */
export const INFERENCESH_PROFILE: ProviderProfile = {
  id: 'inferencesh',
  label: 'inference.sh',
  origin: 'https://api.inference.sh',
  keyEnv: 'INFERENCE_API_KEY',
  authHeaders: (key) => ({ Authorization: `Bearer ${key}` }),
  // The SDK's own poll interval.
  pollIntervalMs: 2000,
  maxWaitMs: 20 * 60_000,
  fields: {
    ...MMAUDIO_FIELDS,
    seed: 'seed',
    mask_away_clip: 'maskAwayClip',
    // The uploaded file's uri (the SDK itself sends a string uri here).
    video_input: 'videoPath',
  },
  capabilities: {
    videoToAudio: true,
    textToAudio: true,
    params: {
      negativePrompt: true,
      seed: { min: 0, max: 65535 },
      ...MMAUDIO_UPSTREAM_RANGES,
      maskAwayClip: true,
      integerDuration: false,
    },
    durationSec: { min: 1, max: 30 },
    // Concurrency is plan-based and not published: 2 is a cautious default [inferred].
    defaultConcurrency: 2,
  },
}
