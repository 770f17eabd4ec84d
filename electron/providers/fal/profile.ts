// fal.ai `fal-ai/mmaudio-v2` (+ `/text-to-audio`): what it is, what it can do, and its parameter names.
// Ranges and defaults from fal's published schema (reference seed 001).
import { MMAUDIO_FIELDS } from '../mmaudio'
import type { ProviderProfile } from '../types'

export const FAL_PROFILE: ProviderProfile = {
  id: 'fal',
  label: 'fal.ai',
  origin: 'https://queue.fal.run',
  keyEnv: 'FAL_KEY',
  authHeaders: (key) => ({ Authorization: `Key ${key}` }),
  // fal's own client (fal.subscribe) polls every 500 ms.
  pollIntervalMs: 500,
  maxWaitMs: 30 * 60_000,
  fields: {
    ...MMAUDIO_FIELDS,
    seed: 'seed',
    mask_away_clip: 'maskAwayClip',
    video_url: 'videoPath',
  },
  capabilities: {
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
    // No per-key limit is published: 4 at a time.
    defaultConcurrency: 4,
  },
}
