// Replicate `zsxkib/mmaudio`: what it is, what it can do, and the model's input names (MMAudio's own).
import { MMAUDIO_FIELDS, MMAUDIO_UPSTREAM_RANGES } from '../mmaudio'
import type { ProviderProfile } from '../types'

/**
 * From cog-mmaudio predict.py: optional `video` (so text-to-audio too), negative prompt (their default
 * "music": always sent), seed ≥ -1 (we send 0–65535), num_steps, cfg_strength ≥ 1, duration ≥ 1; no
 * mask_away_clip. Upper bounds are not documented: ours are a guard [inferred]. No published price.
 */
export const REPLICATE_PROFILE: ProviderProfile = {
  id: 'replicate',
  label: 'Replicate',
  origin: 'https://api.replicate.com',
  keyEnv: 'REPLICATE_API_TOKEN',
  authHeaders: (key) => ({ Authorization: `Bearer ${key}` }),
  // The replicate client polls every 500 ms.
  pollIntervalMs: 500,
  maxWaitMs: 20 * 60_000,
  fields: {
    ...MMAUDIO_FIELDS,
    seed: 'seed',
    // The uploaded file's urls.get; absent for text-to-audio (the output is then FLAC, not MP4).
    video: 'videoPath',
  },
  capabilities: {
    videoToAudio: true,
    textToAudio: true,
    params: {
      negativePrompt: true,
      seed: { min: 0, max: 65535 },
      ...MMAUDIO_UPSTREAM_RANGES,
      maskAwayClip: false,
      integerDuration: false,
    },
    durationSec: { min: 1, max: 30 },
    // No concurrency limit is published: 4 is a cautious default [inferred].
    defaultConcurrency: 4,
  },
}
