// Providers as main lists them, for renderer tests.
import type { ProviderCapabilities, ProviderInfo } from '../../../shared/domain/generation'

// Capabilities as main reports them (electron/providers/*/params.ts).
const base = { negativePrompt: true, maskAwayClip: false, integerDuration: false }
export const CAPS: Record<'fal' | 'wavespeed' | 'pixazo' | 'eachlabs', ProviderCapabilities> = {
  fal: {
    videoToAudio: true,
    textToAudio: true,
    params: {
      ...base,
      seed: { min: 0, max: 65535 },
      steps: { min: 4, max: 50 },
      cfg: { min: 0, max: 20 },
      maskAwayClip: true,
    },
    durationSec: { min: 1, max: 30 },
    priceUsdPerSec: 0.001,
    defaultConcurrency: 2,
  },
  wavespeed: {
    videoToAudio: true,
    textToAudio: false,
    params: {
      ...base,
      seed: null,
      steps: { min: 4, max: 50 },
      cfg: { min: 0, max: 20 },
      maskAwayClip: true,
      integerDuration: true,
    },
    durationSec: { min: 1, max: 30 },
    defaultConcurrency: 2,
  },
  pixazo: {
    videoToAudio: false,
    textToAudio: true,
    params: {
      ...base,
      seed: null,
      steps: { min: 10, max: 100 },
      cfg: { min: 1, max: 10 },
      maskAwayClip: true,
      integerDuration: true,
    },
    durationSec: { min: 2, max: 30 },
    defaultConcurrency: 4,
  },
  eachlabs: {
    videoToAudio: true,
    textToAudio: false,
    params: { ...base, seed: { min: 0, max: 2_147_483_647 }, steps: { min: 1, max: 100 }, cfg: { min: 1, max: 20 } },
    durationSec: { min: 1, max: 30 },
    priceUsdPerSec: 0.00108,
    defaultConcurrency: 10,
  },
}
export const info = (id: keyof typeof CAPS, isSet = true): ProviderInfo => ({
  id,
  label: { fal: 'fal.ai', wavespeed: 'WaveSpeed', pixazo: 'Pixazo', eachlabs: 'Eachlabs' }[id],
  capabilities: CAPS[id],
  key: { provider: id, isSet, last4: isSet ? 'abcd' : null },
})
