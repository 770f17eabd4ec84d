import { readFile, stat } from 'node:fs/promises'
import { join } from 'node:path'
import { z } from 'zod'
import { AppError } from '../../shared/domain/errors'
import { writeAtomically, writeFileAtomically } from './atomicOutput'
import { contentHash } from './contentHash'
import { explainingFsErrors } from './fsErrors'
import { thumbnailSpriteArgs } from './ffmpeg/args/thumbnails'
import type { FfmpegRunner } from './ffmpeg/run'
import { probeMedia } from './probe'

export const THUMBNAIL_HEIGHT_PX = 90
/** At most one frame per second of video, and never more than this many in a sprite. */
const MAX_FRAMES = 120
/** From this length on, decode keyframes only: full decoding of a long file takes many seconds. */
const KEYFRAMES_ONLY_FROM_SEC = 30
/** Bump when the sprite recipe changes so old cache entries are not reused. */
const RECIPE = 'v1'

/** What the cache keeps beside each sprite. */
const SpriteLayout = z.object({
  frameCount: z.number().int().positive(),
  frameWidth: z.number().int().positive(),
  frameHeight: z.number().int().positive(),
  intervalSec: z.number().positive(),
})
type SpriteLayout = z.infer<typeof SpriteLayout>

export interface ThumbnailSprite extends SpriteLayout {
  /** The JPEG in the cache: frameCount frames of frameWidth × frameHeight, left to right. */
  spritePath: string
}

export interface ThumbnailPlan {
  frameCount: number
  frameWidth: number
  frameHeight: number
  intervalSec: number
  keyframesOnly: boolean
}

/** Pure: how many frames, how big (display aspect, even width), and whether to decode keyframes only. */
export function planThumbnails(durationSec: number, displayWidth: number, displayHeight: number): ThumbnailPlan {
  const frameCount = Math.min(MAX_FRAMES, Math.max(1, Math.ceil(durationSec)))
  const frameHeight = THUMBNAIL_HEIGHT_PX
  const frameWidth = Math.max(2, 2 * Math.round((frameHeight * displayWidth) / displayHeight / 2))
  return {
    frameCount,
    frameWidth,
    frameHeight,
    intervalSec: durationSec / frameCount,
    keyframesOnly: durationSec >= KEYFRAMES_ONLY_FROM_SEC,
  }
}

async function isNonEmptyFile(path: string): Promise<boolean> {
  return stat(path).then(
    (s) => s.isFile() && s.size > 0,
    () => false,
  )
}

async function readCached(metaPath: string, spritePath: string): Promise<ThumbnailSprite | null> {
  try {
    const layout = SpriteLayout.parse(JSON.parse(await readFile(metaPath, 'utf8')))
    return (await isNonEmptyFile(spritePath)) ? { spritePath, ...layout } : null
  } catch {
    return null
  }
}

/**
 * A sprite strip of the whole clip in one ffmpeg pass, cached in cacheDir by content hash: a second call for
 * the same file reads the cache and runs nothing.
 */
export async function thumbnailSprite(
  runner: FfmpegRunner,
  input: { path: string; cacheDir: string; signal?: AbortSignal },
): Promise<ThumbnailSprite> {
  const hash = await explainingFsErrors(input.path, () => contentHash(input.path))
  const base = join(input.cacheDir, 'thumbnails', `${hash}-${RECIPE}`)
  const metaPath = `${base}.json`
  const spritePath = `${base}.jpg`
  const cached = await readCached(metaPath, spritePath)
  if (cached) return cached

  const info = await probeMedia(runner, input.path, input.signal)
  if (!info.video || info.durationSec <= 0) {
    throw new AppError('NOT_A_VIDEO', `"${input.path}" has no picture to make thumbnails from.`)
  }
  const plan = planThumbnails(info.durationSec, info.video.displayWidth, info.video.displayHeight)
  const options = input.signal ? { signal: input.signal } : {}
  await writeAtomically(spritePath, async (temp) => {
    const args = { inputPath: input.path, outputPath: temp, durationSec: info.durationSec, ...plan }
    await runner.ffmpeg(thumbnailSpriteArgs(args), options)
    // A file with very few keyframes can yield no frame at all when decoding keyframes only: decode fully.
    if (plan.keyframesOnly && !(await isNonEmptyFile(temp))) {
      await runner.ffmpeg(thumbnailSpriteArgs({ ...args, keyframesOnly: false }), options)
    }
    if (!(await isNonEmptyFile(temp))) {
      throw new AppError('FFMPEG', `ffmpeg made no thumbnails for "${input.path}".`)
    }
  })
  const layout: SpriteLayout = {
    frameCount: plan.frameCount,
    frameWidth: plan.frameWidth,
    frameHeight: plan.frameHeight,
    intervalSec: plan.intervalSec,
  }
  await writeFileAtomically(metaPath, JSON.stringify(layout))
  return { spritePath, ...layout }
}
