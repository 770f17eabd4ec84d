import { createHash } from 'node:crypto'
import { mkdtemp, readFile, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { cacheKey, createTakeCache, sha256File, type CacheKeyInput } from '../../../electron/jobs/cache'

const base: CacheKeyInput = {
  inputSha256: 'a'.repeat(64), mode: 'video', prompt: 'footsteps on gravel', negativePrompt: 'music',
  steps: 25, cfg: 4.5, maskAwayClip: false, durationSec: 8, seed: 42, provider: 'fal',
}

describe('cache key', () => {
  it('is stable: the same request gives the same key, whatever the order fields were written in', () => {
    const reordered = Object.fromEntries(Object.entries(base).reverse()) as unknown as CacheKeyInput
    expect(cacheKey(base)).toBe(cacheKey({ ...base }))
    expect(cacheKey(reordered)).toBe(cacheKey(base))
    expect(cacheKey(base)).toMatch(/^[0-9a-f]{64}$/)
    // Float noise in a computed chunk length does not split the cache.
    expect(cacheKey({ ...base, durationSec: 6 + 2.0000000000001 })).toBe(cacheKey(base))
  })

  it('changes with every field that changes the sound', () => {
    const variants: Array<Partial<CacheKeyInput>> = [
      { inputSha256: 'b'.repeat(64) }, { mode: 'text', inputSha256: null }, { prompt: 'footsteps on snow' },
      { negativePrompt: '' }, { steps: 24 }, { cfg: 4 }, { maskAwayClip: true }, { durationSec: 7.5 },
      { seed: 43 }, { provider: 'wavespeed' },
    ]
    const keys = new Set([cacheKey(base), ...variants.map((v) => cacheKey({ ...base, ...v }))])
    expect(keys.size).toBe(variants.length + 1)
  })

  it('stores a file under its key atomically and finds it again; a miss is null', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'cache-'))
    const cache = createTakeCache(join(dir, 'cache'))
    const src = join(dir, 'take.wav')
    await writeFile(src, 'RIFF….')
    const key = cacheKey(base)
    expect(await cache.get(key)).toBeNull()
    const stored = await cache.put(key, src)
    expect(stored).toBe(cache.pathFor(key))
    expect(await cache.get(key)).toBe(stored)
    expect(await readFile(stored, 'utf8')).toBe('RIFF….')
    expect(await sha256File(stored)).toBe(createHash('sha256').update('RIFF….').digest('hex'))
    expect(() => cache.pathFor('../etc/passwd')).toThrow()
  })
})
