import type { Asset } from '../../shared/domain/asset'
import { AppError, isAppError } from '../../shared/domain/errors'
import type { ShotAnalysis } from '../../shared/domain/shots'
import type { ImportFailure, ThumbnailStrip, WaveformPeaks } from '../../shared/ipc/contract'
import type { FfmpegRunner } from './ffmpeg/run'
import { importAsset } from './importAsset'
import { analyseShots } from './shots'
import { thumbnailSprite } from './thumbnails'
import { waveformPeaks } from './waveform'

export interface MediaServiceDeps {
  runner: FfmpegRunner
  /** Where sprites and peaks are cached by content hash. */
  cacheDir: string
  /** The URL the renderer loads a local file by (media:// in the app, http in the E2E harness). */
  mediaUrl: (absPath: string) => string
  /** Adds a path to the media:// allow-list. */
  allow: (absPath: string) => void
}

export interface MediaService {
  importFiles(paths: string[]): Promise<{ assets: Asset[]; failures: ImportFailure[] }>
  thumbnails(input: { assetId: string; path: string }): Promise<ThumbnailStrip>
  waveform(path: string): Promise<WaveformPeaks>
  shots(path: string, options: { signal: AbortSignal; onProgress: (fraction: number) => void }): Promise<ShotAnalysis>
}

/** Files probed at once during an import: enough to hide latency, few enough not to swamp the disk. */
const IMPORT_CONCURRENCY = 4

function asAppError(e: unknown): AppError {
  return isAppError(e) ? e : new AppError('INTERNAL', e instanceof Error ? e.message : String(e), { cause: e })
}

export function createMediaService(deps: MediaServiceDeps): MediaService {
  const { runner, cacheDir, mediaUrl, allow } = deps

  return {
    async importFiles(paths) {
      const results = new Array<{ asset: Asset } | { failure: ImportFailure }>(paths.length)
      let next = 0
      const worker = async (): Promise<void> => {
        while (next < paths.length) {
          const i = next++
          const path = paths[i] as string
          try {
            const asset = await importAsset(runner, path)
            allow(asset.path)
            results[i] = { asset }
          } catch (e) {
            // One bad file goes to failures; the rest of the batch carries on.
            results[i] = { failure: { path, error: asAppError(e).toData() } }
          }
        }
      }
      await Promise.all(Array.from({ length: Math.min(IMPORT_CONCURRENCY, paths.length) }, worker))
      return {
        assets: results.flatMap((r) => ('asset' in r ? [r.asset] : [])),
        failures: results.flatMap((r) => ('failure' in r ? [r.failure] : [])),
      }
    },

    async thumbnails({ path }) {
      const sprite = await thumbnailSprite(runner, { path, cacheDir })
      allow(sprite.spritePath)
      return {
        url: mediaUrl(sprite.spritePath),
        frameCount: sprite.frameCount,
        frameWidth: sprite.frameWidth,
        frameHeight: sprite.frameHeight,
        intervalSec: sprite.intervalSec,
      }
    },

    waveform(path) {
      return waveformPeaks(runner, { path, cacheDir })
    },

    shots(path, options) {
      return analyseShots(runner, { path, cacheDir, ...options })
    },
  }
}
