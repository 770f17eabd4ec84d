// Each provider's profile is the one home of its facts: what it declares, that its field map and capabilities
// say the same thing, and that the app (settings defaults, what the Settings dialog shows) and the CLI run
// every provider at the same concurrency, the profile's.
import { describe, expect, it } from 'vitest'
import { providerRows } from '../../../electron/cli/commands'
import { PROVIDER_PROFILES } from '../../../electron/providers/profiles'
import { defaultProviderRegistry, resolveConcurrency } from '../../../electron/providers/registry'
import { createMemoryStore } from '../../../electron/store/keyValueStore'
import { createSettingsStore } from '../../../electron/store/settings'
import { PROVIDER_IDS } from '../../../shared/domain/ids'

const { fal, wavespeed, eachlabs, inferencesh, pixazo, replicate } = PROVIDER_PROFILES

describe('provider profiles: what each declares', () => {
  it('fal: both modes, its ranges, its price', () => {
    expect(fal.capabilities).toEqual({
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
      priceUsdPerSec: 0.001,
      defaultConcurrency: 4,
    })
  })

  it('WaveSpeed: video only, no seed, integer durations, no price', () => {
    expect(wavespeed.capabilities).toEqual({
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
      defaultConcurrency: 4,
    })
  })

  it('Eachlabs: video-to-audio only, the 10-concurrent limit and the predict_time price, 100 creates a minute', () => {
    expect(eachlabs.capabilities).toMatchObject({
      videoToAudio: true,
      textToAudio: false,
      params: { maskAwayClip: false, negativePrompt: true, integerDuration: false },
      priceUsdPerSec: 0.00108,
      defaultConcurrency: 10,
    })
    expect(eachlabs.startRate).toEqual({ count: 100, perMs: 60_000 })
  })

  it('inference.sh: video and text modes, mask_away_clip, no price', () => {
    expect(inferencesh.capabilities).toMatchObject({
      videoToAudio: true,
      textToAudio: true,
      params: { maskAwayClip: true, negativePrompt: true },
    })
    expect(inferencesh.capabilities.priceUsdPerSec).toBeUndefined()
  })

  it('Pixazo: text-to-audio only with integer durations and no seed; 2 at a time', () => {
    expect(pixazo.capabilities).toMatchObject({
      videoToAudio: false,
      textToAudio: true,
      params: {
        seed: null,
        maskAwayClip: true,
        integerDuration: true,
        steps: { min: 10, max: 100 },
        cfg: { min: 1, max: 10 },
      },
      durationSec: { min: 2, max: 30 },
      defaultConcurrency: 2,
    })
  })

  it('Replicate: both modes and no mask_away_clip, no price', () => {
    expect(replicate.capabilities).toMatchObject({
      videoToAudio: true,
      textToAudio: true,
      params: { maskAwayClip: false },
    })
    expect(replicate.capabilities.priceUsdPerSec).toBeUndefined()
  })

  it('each is filed under its own id, with its key variable and public origin', () => {
    expect(PROVIDER_IDS.map((id) => [PROVIDER_PROFILES[id].id, PROVIDER_PROFILES[id].keyEnv])).toEqual([
      ['fal', 'FAL_KEY'],
      ['wavespeed', 'WAVESPEED_API_KEY'],
      ['eachlabs', 'EACHLABS_API_KEY'],
      ['inferencesh', 'INFERENCE_API_KEY'],
      ['pixazo', 'PIXAZO_API_KEY'],
      ['replicate', 'REPLICATE_API_TOKEN'],
    ])
    for (const id of PROVIDER_IDS) expect(PROVIDER_PROFILES[id].origin, id).toMatch(/^https:\/\/[a-z.]+$/)
  })
})

describe('provider profiles: the field map and the capabilities agree', () => {
  it.each(PROVIDER_IDS)('%s sends a field exactly when its capabilities offer it', (id) => {
    const { fields, capabilities: caps } = PROVIDER_PROFILES[id]
    const sent = new Set(Object.values(fields))
    expect(sent.has('videoPath'), 'video').toBe(caps.videoToAudio)
    expect(sent.has('seed'), 'seed').toBe(caps.params.seed !== null)
    expect(sent.has('steps'), 'steps').toBe(caps.params.steps !== null)
    expect(sent.has('cfg'), 'cfg').toBe(caps.params.cfg !== null)
    expect(sent.has('maskAwayClip'), 'mask_away_clip').toBe(caps.params.maskAwayClip)
    expect(sent.has('negativePrompt'), 'negative prompt').toBe(caps.params.negativePrompt)
    expect([sent.has('prompt'), sent.has('durationSec')]).toEqual([true, true])
    expect(Object.values(fields)).toHaveLength(sent.size) // no field of ours sent under two names
  })
})

describe('one concurrency per provider', () => {
  it('the app (first-run settings, which the Settings dialog shows) and the CLI agree with the profile, for every provider', () => {
    const providers = defaultProviderRegistry()
    const appSettings = createSettingsStore(createMemoryStore()).get()
    const cli = providerRows({ providers }, {})
    for (const provider of providers.list()) {
      const profileDefault = PROVIDER_PROFILES[provider.id].capabilities.defaultConcurrency
      expect(provider.capabilities.defaultConcurrency, provider.id).toBe(profileDefault)
      expect(appSettings.providers[provider.id].concurrency, `${provider.id} in the settings`).toBe(profileDefault)
      expect(resolveConcurrency(provider, appSettings), `${provider.id} in the app`).toBe(profileDefault)
      expect(cli.find((row) => row.id === provider.id)?.concurrency, `${provider.id} in the CLI`).toBe(profileDefault)
    }
    expect(cli.map((row) => row.id)).toEqual([...PROVIDER_IDS])
  })

  it('the registry hands out each profile’s label and capabilities as they are', () => {
    for (const provider of defaultProviderRegistry().list()) {
      expect(provider.label).toBe(PROVIDER_PROFILES[provider.id].label)
      expect(provider.capabilities).toBe(PROVIDER_PROFILES[provider.id].capabilities)
    }
  })
})
