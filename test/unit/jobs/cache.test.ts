// The chunk cache: one file per request identity (the cache key), stored atomically, and kept under its size
// limit: least recently used entries (written or read) go first.
import { createHash } from 'node:crypto'
import { existsSync, mkdtempSync, openAsBlob, statSync, writeFileSync } from 'node:fs'
import { mkdtemp, readFile, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { cacheKey, createTakeCache, lruEvictions, sha256File, type CacheKeyInput } from '../../../electron/jobs/cache'

const base: CacheKeyInput = {
  inputSha256: 'a'.repeat(64),
  mode: 'video',
  prompt: 'footsteps on gravel',
  negativePrompt: 'music',
  steps: 25,
  cfg: 4.5,
  maskAwayClip: false,
  durationSec: 8,
  seed: 42,
  provider: 'fal',
}

const key = (seed: number) =>
  cacheKey({
    inputSha256: null,
    mode: 'text',
    prompt: 'p',
    negativePrompt: '',
    steps: 25,
    cfg: 4.5,
    maskAwayClip: false,
    durationSec: 8,
    seed,
    provider: 'fal',
  })

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
      { inputSha256: 'b'.repeat(64) },
      { mode: 'text', inputSha256: null },
      { prompt: 'footsteps on snow' },
      { negativePrompt: '' },
      { steps: 24 },
      { cfg: 4 },
      { maskAwayClip: true },
      { durationSec: 7.5 },
      { seed: 43 },
      { provider: 'wavespeed' },
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

describe('lruEvictions (pure)', () => {
  it('removes the least recently used until the rest fit, never the one kept', () => {
    const e = (path: string, usedMs: number) => ({ path, bytes: 100, usedMs })
    expect(lruEvictions([e('a', 1), e('b', 2), e('c', 3)], 250, 'c').map((x) => x.path)).toEqual(['a'])
    expect(lruEvictions([e('a', 1), e('b', 2), e('c', 3)], 100, 'a').map((x) => x.path)).toEqual(['b', 'c'])
    expect(lruEvictions([e('a', 1)], 1000, 'x')).toEqual([])
  })
})

describe('the chunk cache with a size limit', () => {
  // Found in a CI run under load: three takes shared one prepared cut; a later take's request found it in the
  // cache (a use) while an earlier take was uploading it from a Blob backed by the file, and that upload then
  // failed on every retry ("Could not reach fal.ai"), because the file's modification time had changed.
  it('a use leaves the file as it was: a reader holding it (a Blob backed by the file) can still read it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cache-use-'))
    const src = join(dir, 'cut.mp4')
    writeFileSync(src, Buffer.alloc(5000, 7))
    let clock = 1_700_000_000_000
    const cache = createTakeCache(join(dir, 'store'), { now: () => (clock += 60_000) })
    const path = await cache.put(key(9), src, 'cut')
    const before = statSync(path).mtimeMs
    const uploading = await openAsBlob(path)
    expect(await cache.get(key(9), 'cut')).toBe(path)
    expect(statSync(path).mtimeMs).toBe(before)
    expect((await uploading.arrayBuffer()).byteLength).toBe(5000)
  })

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
