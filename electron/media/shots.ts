// A clip's shots: one decoding pass at 320 px (ffmpeg scdet + blackdetect + luma) read into a ShotAnalysis,
// cached in cacheDir by content hash like thumbnails and peaks: a second call for the same file reads the cache
// and runs nothing. Which changes are cuts is decided later, for any threshold (shared/domain/shots.ts).
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { AppError } from '../../shared/domain/errors'
import { ShotAnalysis } from '../../shared/domain/shots'
import { writeFileAtomically } from './atomicOutput'
import { contentHash } from './contentHash'
import { shotScanArgs } from './ffmpeg/args/shots'
import type { FfmpegRunner } from './ffmpeg/run'
import { createShotReportParser } from './ffmpeg/shotReport'
import { explainingFsErrors } from './fsErrors'
import { probeMedia } from './probe'

/** Bump when the scan or its reading changes so old cache entries are not reused. */
const RECIPE = 'v1'

async function readCached(path: string): Promise<ShotAnalysis | null> {
  try {
    return ShotAnalysis.parse(JSON.parse(await readFile(path, 'utf8')))
  } catch {
    return null
  }
}

export async function analyseShots(
  runner: FfmpegRunner,
  input: { path: string; cacheDir: string; signal?: AbortSignal; onProgress?: (fraction: number) => void },
): Promise<ShotAnalysis> {
  const hash = await explainingFsErrors(input.path, () => contentHash(input.path))
  const cachePath = join(input.cacheDir, 'shots', `${hash}-${RECIPE}.json`)
  const cached = await readCached(cachePath)
  if (cached) return cached

  const info = await probeMedia(runner, input.path, input.signal)
  if (!info.video || info.durationSec <= 0) {
    throw new AppError('NOT_A_VIDEO', `"${input.path}" has no picture to find shots in.`)
  }
  const parser = createShotReportParser()
  let carry = ''
  const feed = (text: string): void => {
    const t = parser.line(text)
    if (t !== null) input.onProgress?.(Math.min(1, t / info.durationSec))
  }
  await runner.ffmpeg(shotScanArgs(input.path), {
    onStdout: (chunk) => {
      const lines = (carry + chunk.toString('latin1')).split('\n')
      carry = lines.pop()!
      for (const line of lines) feed(line)
    },
    ...(input.signal ? { signal: input.signal } : {}),
  })
  if (carry) feed(carry)
  const analysis = ShotAnalysis.parse(parser.finish(info.durationSec))
  await writeFileAtomically(cachePath, JSON.stringify(analysis))
  return analysis
}
