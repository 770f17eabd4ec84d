import { describe, expect, it } from 'vitest'
import { cacheLimitFromEnv } from '../../../electron/cli/services'
import { DEFAULT_CHUNK_CACHE_MB } from '../../../shared/domain/settings'

describe('the CLI’s cache limit', () => {
  it('comes from MMAUDIO_CHUNK_CACHE_MB (default as in the app), and a bad value is a sentence', () => {
    expect(cacheLimitFromEnv({})).toBe(DEFAULT_CHUNK_CACHE_MB)
    expect(cacheLimitFromEnv({ MMAUDIO_CHUNK_CACHE_MB: '500' })).toBe(500)
    expect(() => cacheLimitFromEnv({ MMAUDIO_CHUNK_CACHE_MB: 'lots' })).toThrow(
      /must be a whole number of megabytes, at least 100/,
    )
  })
})
