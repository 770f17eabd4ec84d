// A content-addressed store of normalised chunk takes, so the same request is never paid for twice.
// Key = sha256 of what the model sees (the prepared cut's bytes, which capture the source range — or the
// prompt alone in text mode), every parameter that changes the sound, the seed and the provider.
// Files live as <dir>/<key[0..2]>/<key>.wav, written to a temp name and renamed into place.
import { createHash } from 'node:crypto'
import { createReadStream } from 'node:fs'
import { access, copyFile } from 'node:fs/promises'
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

export interface TakeCache {
  /** The stored WAV for a key, or null. */
  get(key: string): Promise<string | null>
  /** Copies a finished WAV in under its key (atomically) and returns the stored path. */
  put(key: string, wavPath: string): Promise<string>
  pathFor(key: string): string
}

export function createTakeCache(dir: string): TakeCache {
  const pathFor = (key: string): string => {
    if (!/^[0-9a-f]{64}$/.test(key)) throw new Error(`not a cache key: ${key}`)
    return join(dir, key.slice(0, 2), `${key}.wav`)
  }
  return {
    pathFor,
    async get(key) {
      const path = pathFor(key)
      try {
        await access(path)
        return path
      } catch {
        return null
      }
    },
    async put(key, wavPath) {
      const path = pathFor(key)
      await writeAtomically(path, (temp) => copyFile(wavPath, temp))
      return path
    },
  }
}
