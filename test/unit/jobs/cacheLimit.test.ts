// The chunk cache keeps at most its limit: least recently used entries (written or read) go first.
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { cacheLimitFromEnv } from '../../../electron/cli/services'
import { cacheKey, createTakeCache, lruEvictions } from '../../../electron/jobs/cache'
import { DEFAULT_CHUNK_CACHE_MB } from '../../../shared/domain/settings'

const key = (seed: number) =>
  cacheKey({ inputSha256: null, mode: 'text', prompt: 'p', negativePrompt: '', steps: 25, cfg: 4.5, maskAwayClip: false, durationSec: 8, seed, provider: 'fal' })

describe('lruEvictions (pure)', () => {
  it('removes the least recently used until the rest fit, never the one kept', () => {
    const e = (path: string, usedMs: number) => ({ path, bytes: 100, usedMs })
    expect(lruEvictions([e('a', 1), e('b', 2), e('c', 3)], 250, 'c').map((x) => x.path)).toEqual(['a'])
    expect(lruEvictions([e('a', 1), e('b', 2), e('c', 3)], 100, 'a').map((x) => x.path)).toEqual(['b', 'c'])
    expect(lruEvictions([e('a', 1)], 1000, 'x')).toEqual([])
  })
})

describe('the chunk cache with a size limit', () => {
  it('evicts the least recently used chunk when a put goes past the limit; a read counts as a use', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cache-limit-'))
    const src = join(dir, 'chunk.wav')
    writeFileSync(src, Buffer.alloc(1000))
    let clock = 1_700_000_000_000
    let limit = 2500
    const cache = createTakeCache(join(dir, 'store'), { limitBytes: () => limit, now: () => (clock += 1000) })
    const [one, two] = [await cache.put(key(1), src), await cache.put(key(2), src)]
    expect(await cache.get(key(1))).toBe(one) // one is now used more recently than two
    const three = await cache.put(key(3), src)
    expect([existsSync(one), existsSync(two), existsSync(three)]).toEqual([true, false, true])
    expect(await cache.get(key(2))).toBeNull()
    // A smaller limit (the setting changed) applies at the next put.
    limit = 1000
    const four = await cache.put(key(4), src)
    expect([existsSync(one), existsSync(three), existsSync(four)]).toEqual([false, false, true])
  })
})

describe('the CLI’s cache limit', () => {
  it('comes from MMAUDIO_CHUNK_CACHE_MB (default as in the app), and a bad value is a sentence', () => {
    expect(cacheLimitFromEnv({})).toBe(DEFAULT_CHUNK_CACHE_MB)
    expect(cacheLimitFromEnv({ MMAUDIO_CHUNK_CACHE_MB: '500' })).toBe(500)
    expect(() => cacheLimitFromEnv({ MMAUDIO_CHUNK_CACHE_MB: 'lots' })).toThrow(/must be a whole number of megabytes, at least 100/)
  })
})
