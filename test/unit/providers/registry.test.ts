import { describe, expect, it } from 'vitest'
import {
  keyEnvName,
  keyFromEnv,
  PROVIDER_START_RATE,
  providerOrder,
  resolveBaseUrl,
  resolveConcurrency,
} from '../../../electron/providers/registry'

const settings = { providers: { fal: { baseUrl: 'http://settings.example', concurrency: 3 } } }

describe('provider registry rules', () => {
  it('base URL: env wins, then settings, else the public API (null)', () => {
    expect(resolveBaseUrl('fal', settings, { MMAUDIO_FAL_BASE_URL: 'http://127.0.0.1:9' })).toBe('http://127.0.0.1:9')
    expect(resolveBaseUrl('fal', settings, {})).toBe('http://settings.example')
    expect(resolveBaseUrl('fal', settings, { MMAUDIO_FAL_BASE_URL: '  ' })).toBe('http://settings.example')
    expect(resolveBaseUrl('wavespeed', settings, {})).toBeNull()
    expect(resolveBaseUrl('inferencesh', null, { MMAUDIO_INFERENCESH_BASE_URL: 'http://x' })).toBe('http://x')
  })

  it('keys come from each provider’s usual env var', () => {
    const env = {
      FAL_KEY: 'k1',
      WAVESPEED_API_KEY: 'k2',
      EACHLABS_API_KEY: 'k3',
      INFERENCE_API_KEY: 'k4',
      PIXAZO_API_KEY: 'k5',
      REPLICATE_API_TOKEN: 'k6',
    }
    expect(
      (['fal', 'wavespeed', 'eachlabs', 'inferencesh', 'pixazo', 'replicate'] as const).map((id) =>
        keyFromEnv(id, env),
      ),
    ).toEqual(['k1', 'k2', 'k3', 'k4', 'k5', 'k6'])
    expect(keyFromEnv('fal', { FAL_KEY: ' ' })).toBeNull()
    expect(keyEnvName('replicate')).toBe('REPLICATE_API_TOKEN')
  })

  it('start rates: only where a provider documents one (Eachlabs: 100 creates a minute per key)', () => {
    expect(PROVIDER_START_RATE).toEqual({ eachlabs: { count: 100, perMs: 60_000 } })
  })

  it('concurrency: env, then settings, then the provider’s documented default; never below 1', () => {
    const fal = { id: 'fal' as const, capabilities: { defaultConcurrency: 4 } as never }
    expect(resolveConcurrency(fal, null)).toBe(4)
    expect(resolveConcurrency(fal, settings)).toBe(3)
    expect(resolveConcurrency(fal, settings, { MMAUDIO_FAL_CONCURRENCY: '7' })).toBe(7)
    expect(resolveConcurrency(fal, settings, { MMAUDIO_FAL_CONCURRENCY: 'lots' })).toBe(3)
    expect(resolveConcurrency(fal, { providers: { fal: { concurrency: 0 } } })).toBe(1)
  })

  it('fallback order: chosen first, then those that can do the mode, no repeats', () => {
    expect(providerOrder('fal', ['pixazo', 'fal', 'wavespeed', 'wavespeed'], (id) => id !== 'pixazo')).toEqual([
      'fal',
      'wavespeed',
    ])
  })
})
