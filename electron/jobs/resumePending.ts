// After a crash or quit: every request the journal shows as accepted but unfinished is polled again under its
// SAME id (provider.resume never submits), normalised and stored in the cache, then closed. A later request
// for the same chunk then hits the cache and costs nothing.
import { mkdir } from 'node:fs/promises'
import { join } from 'node:path'
import { isAppError } from '../../shared/domain/errors'
import { removeScratch } from '../media/leftovers'
import { normaliseResult } from '../media/normaliseResult'
import type { ChunkEngine } from './generateChunk'

export async function resumePendingRequests(
  engine: ChunkEngine,
  workDir: string,
  signal: AbortSignal = new AbortController().signal,
): Promise<{ resumed: number; failed: number }> {
  const pending = engine.journal.pending()
  let resumed = 0
  let failed = 0
  await mkdir(workDir, { recursive: true })
  try {
    await Promise.all(
      pending.map(async (entry, i) => {
        const provider = engine.providers.get(entry.provider)
        const tmpDir = join(workDir, String(i))
        await mkdir(tmpDir, { recursive: true })
        try {
          const connection = await engine.connect(entry.provider)
          const result = await engine.queue.run(
            entry.provider,
            (s) =>
              provider.resume(entry.requestId, {
                ...connection,
                signal: s,
                tmpDir,
                onProgress: () => undefined,
                onSubmitted: () => undefined,
              }),
            { signal },
          )
          const wav = join(tmpDir, 'normalised.wav')
          await normaliseResult(engine.runner, {
            inputPath: result.file,
            outputPath: wav,
            durationSec: entry.durationSec,
            signal,
          })
          const stored = await engine.cache.put(entry.cacheKey, wav)
          await engine.journal.complete(entry.requestId, stored)
          resumed++
        } catch (error) {
          if (signal.aborted || (isAppError(error) && error.code === 'CANCELLED')) return
          // A missing key is the user's to fix: keep the entry so a later start can still resume it.
          if (isAppError(error) && error.code === 'PROVIDER_AUTH') return
          await engine.journal.fail(entry.requestId, error instanceof Error ? error.message : String(error))
          failed++
        }
      }),
    )
  } finally {
    await removeScratch(workDir)
  }
  return { resumed, failed }
}
