import { stat } from 'node:fs/promises'
import type { Asset } from '../../shared/domain/asset'
import { AppError, isAppError } from '../../shared/domain/errors'
import type { ShotAnalysis } from '../../shared/domain/shots'
import type { ImportFailure, SourceRange, ThumbnailStrip, WaveformPeaks } from '../../shared/ipc/contract'
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
  /** The asset's thumbnail strip, or (first, while there is none) the part of it `range` meets. */
  thumbnails(input: { assetId: string; path: string; range?: SourceRange | undefined }): Promise<ThumbnailStrip>
  /** The asset's peaks, or (first, while there are none) those of `range`. */
  waveform(path: string, range?: SourceRange): Promise<WaveformPeaks>
  shots(path: string, options: { signal: AbortSignal; onProgress: (fraction: number) => void }): Promise<ShotAnalysis>
}

/** Files probed at once during an import: enough to hide latency, few enough not to swamp the disk. */
const IMPORT_CONCURRENCY = 4

function asAppError(e: unknown): AppError {
  return isAppError(e) ? e : new AppError('INTERNAL', e instanceof Error ? e.message : String(e), { cause: e })
}

export function createMediaService(deps: MediaServiceDeps): MediaService {
  const { runner, cacheDir, mediaUrl, allow } = deps
  // What importing read of each file, by path, for that version of it (size and mtime): thumbnails and peaks,
  // asked for right after the import, then need no probe of their own.
  const imported = new Map<string, { version: string; known: Pick<Asset, 'durationSec' | 'video' | 'audio'> }>()
  const versionOf = (path: string): Promise<string | null> =>
    stat(path).then(
      (s) => `${s.size}:${s.mtimeMs}`,
      () => null,
    )
  async function knownOf(path: string): Promise<{ known: Pick<Asset, 'durationSec' | 'video' | 'audio'> } | object> {
    const entry = imported.get(path)
    return entry && entry.version === (await versionOf(path)) ? { known: entry.known } : {}
  }

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
            const version = await versionOf(asset.path)
            if (version) imported.set(asset.path, { version, known: asset })
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

    async thumbnails({ path, range }) {
      const sprite = await thumbnailSprite(runner, {
        path,
        cacheDir,
        ...(range ? { range } : {}),
        ...(await knownOf(path)),
      })
      allow(sprite.spritePath)
      return {
        url: mediaUrl(sprite.spritePath),
        part: sprite.part,
        firstFrame: sprite.firstFrame,
        frameCount: sprite.frameCount,
        frameWidth: sprite.frameWidth,
        frameHeight: sprite.frameHeight,
        intervalSec: sprite.intervalSec,
      }
    },

    async waveform(path, range) {
      return waveformPeaks(runner, { path, cacheDir, ...(range ? { range } : {}), ...(await knownOf(path)) })
    },

    shots(path, options) {
      return analyseShots(runner, { path, cacheDir, ...options })
    },
  }
}
