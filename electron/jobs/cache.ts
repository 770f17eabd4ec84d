// A content-addressed store of normalised chunk takes, so the same request is never paid for twice, and of the
// prepared upload cuts they were made from, so a cut is made once (ahead of time when it can be).
// A take's key = sha256 of what the model sees (the prepared cut's bytes, which capture the source range — or
// the prompt alone in text mode), every parameter that changes the sound, the seed and the provider; a cut's key
// is its source and range (see uploadCuts). Files live as <dir>/<key[0..2]>/<key>.wav (takes) or .mp4 (cuts),
// written to a temp name and renamed into place.
// The store has a size limit (a setting): after each put, the least recently used entries of either kind (by
// the time they were last written or read, kept as the file's access time) are removed until it fits again.
// A use never changes a file's modification time: a reader holding it (a Blob of a cut being uploaded for another
// take) would find it "changed" and fail.
import { createHash } from 'node:crypto'
import { createReadStream } from 'node:fs'
import { copyFile, readdir, rm, stat, utimes } from 'node:fs/promises'
import { join } from 'node:path'
import type { ProviderId } from '../../shared/domain/ids'
import { writeAtomically } from '../media/atomicOutput'

export interface CacheKeyInput {
  /** sha256 (hex) of the prepared upload's bytes; null in text mode. */
  inputSha256: string | null
  mode: 'video' | 'text'
  prompt: string
  negativePrompt: string
  steps: number
  cfg: number
  maskAwayClip: boolean
  durationSec: number
  seed: number
  provider: ProviderId
}

/** Bumped when the normalised format changes, so old entries are never mistaken for new ones. */
const CACHE_FORMAT = 1

/** PURE: the same input gives the same key; any field that changes the sound changes it. */
export function cacheKey(input: CacheKeyInput): string {
  const canonical = JSON.stringify([
    CACHE_FORMAT,
    input.mode,
    input.inputSha256,
    input.prompt,
    input.negativePrompt,
    input.steps,
    input.cfg,
    input.maskAwayClip,
    // Microsecond precision: float noise in a computed chunk length must not split the cache.
    Math.round(input.durationSec * 1e6),
    input.seed,
    input.provider,
  ])
  return createHash('sha256').update(canonical).digest('hex')
}

export async function sha256File(path: string): Promise<string> {
  const hash = createHash('sha256')
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer)
  return hash.digest('hex')
}

/** A chunk take's normalised WAV, or a prepared upload cut. */
export type CacheKind = 'take' | 'cut'
const EXTENSION: Record<CacheKind, string> = { take: 'wav', cut: 'mp4' }

export interface TakeCache {
  /** The stored file for a key (now the most recently used), or null. */
  get(key: string, kind?: CacheKind): Promise<string | null>
  /** Copies a finished file in under its key (atomically), makes room under the limit, returns the stored path. */
  put(key: string, path: string, kind?: CacheKind): Promise<string>
  /** A file was written in place at pathFor(key, kind) (atomically): it becomes the most recent; room is made. */
  added(key: string, kind: CacheKind): Promise<string>
  pathFor(key: string, kind?: CacheKind): string
}

export interface CacheEntry {
  path: string
  bytes: number
  usedMs: number
}

/** PURE: the entries to remove, least recently used first, so the rest fit in `limitBytes`; `keep` stays. */
export function lruEvictions(entries: readonly CacheEntry[], limitBytes: number, keep: string): CacheEntry[] {
  let total = entries.reduce((sum, e) => sum + e.bytes, 0)
  const evicted: CacheEntry[] = []
  for (const entry of [...entries].sort((a, b) => a.usedMs - b.usedMs)) {
    if (total <= limitBytes) break
    if (entry.path === keep) continue
    evicted.push(entry)
    total -= entry.bytes
  }
  return evicted
}

export interface TakeCacheOptions {
  /** The most the store may hold (read on every put: the setting may change); no limit when absent. */
  limitBytes?: () => number
  now?: () => number
}

export function createTakeCache(dir: string, options: TakeCacheOptions = {}): TakeCache {
  const now = options.now ?? Date.now
  const pathFor = (key: string, kind: CacheKind = 'take'): string => {
    if (!/^[0-9a-f]{64}$/.test(key)) throw new Error(`not a cache key: ${key}`)
    return join(dir, key.slice(0, 2), `${key}.${EXTENSION[kind]}`)
  }
  /** Marks a use: the access time moves, the modification time stays. */
  const touch = async (path: string): Promise<void> => {
    const info = await stat(path).catch(() => null)
    if (info) await utimes(path, new Date(now()), info.mtime).catch(() => undefined)
  }

  async function entries(): Promise<CacheEntry[]> {
    const found: CacheEntry[] = []
    for (const shard of await readdir(dir).catch(() => [] as string[])) {
      if (!/^[0-9a-f]{2}$/.test(shard)) continue
      for (const name of await readdir(join(dir, shard)).catch(() => [] as string[])) {
        if (!/^[0-9a-f]{64}\.(wav|mp4)$/.test(name)) continue
        const path = join(dir, shard, name)
        const info = await stat(path).catch(() => null)
        if (info?.isFile()) found.push({ path, bytes: info.size, usedMs: info.atimeMs })
      }
    }
    return found
  }

  // One eviction at a time; puts that arrive meanwhile share the next one.
  let evicting: Promise<void> | null = null
  async function makeRoom(keep: string): Promise<void> {
    const limit = options.limitBytes?.()
    if (limit === undefined) return
    for (const entry of lruEvictions(await entries(), limit, keep)) await rm(entry.path, { force: true })
  }

  async function added(key: string, kind: CacheKind): Promise<string> {
    const path = pathFor(key, kind)
    await touch(path)
    evicting ??= makeRoom(path).finally(() => (evicting = null))
    await evicting
    return path
  }

  return {
    pathFor,
    added,
    async get(key, kind = 'take') {
      const path = pathFor(key, kind)
      const info = await stat(path).catch(() => null)
      if (!info?.isFile()) return null
      await touch(path)
      return path
    },
    async put(key, source, kind = 'take') {
      await writeAtomically(pathFor(key, kind), (temp) => copyFile(source, temp))
      return added(key, kind)
    },
  }
}
