import { readFile, rm, stat } from 'node:fs/promises'
import { join } from 'node:path'
import { z } from 'zod'
import { AppError, isAppError } from '../../shared/domain/errors'
import { tempPathFor, writeAtomically, writeFileAtomically } from './atomicOutput'
import { contentHash } from './contentHash'
import { explainingFsErrors } from './fsErrors'
import type { MediaWorkInput } from './mediaWork'
import {
  keyframeListArgs,
  keyframePickArgs,
  type ThumbnailSpriteOptions,
  thumbnailSpriteArgs,
} from './ffmpeg/args/thumbnails'
import type { FfmpegRunner, RunOptions } from './ffmpeg/run'
import { clearLeftover, noteLeftover } from './leftovers'
import { probeMedia } from './probe'

export const THUMBNAIL_HEIGHT_PX = 90
/** At most one frame per second of video, and never more than this many in a sprite. */
const MAX_FRAMES = 120
/** From this length on, decode one keyframe per frame slot: full decoding of a long file takes many seconds. */
const KEYFRAMES_ONLY_FROM_SEC = 30
/** Bump when the sprite recipe changes so old cache entries are not reused. */
const RECIPE = 'v2'

/** What the cache keeps beside each sprite. */
const SpriteLayout = z.object({
  /** It holds only part of the strip (asked for by range before the whole existed). */
  part: z.boolean(),
  /** The strip's frame this sprite starts with: 0 for a whole strip, later for a part of one. */
  firstFrame: z.number().int().nonnegative(),
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

/** Frames [firstFrame, firstFrame + frameCount) of a strip. */
export interface StripFrames {
  firstFrame: number
  frameCount: number
}

/** PURE: the frames of a strip whose slots meet [fromSec, toSec) (at least one). */
export function framesInRange(
  plan: Pick<ThumbnailPlan, 'frameCount' | 'intervalSec'>,
  fromSec: number,
  toSec: number,
): StripFrames {
  const firstFrame = Math.min(plan.frameCount - 1, Math.max(0, Math.floor(fromSec / plan.intervalSec)))
  const end = Math.min(plan.frameCount, Math.max(firstFrame + 1, Math.ceil(toSec / plan.intervalSec)))
  return { firstFrame, frameCount: end - firstFrame }
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

/** PURE: the presentation times (s) in a framecrc listing (keyframeListArgs), in order. */
export function keyframeTimes(framecrc: string): number[] {
  const tb = /^#tb 0: (\d+)\/(\d+)/m.exec(framecrc)
  if (!tb) return []
  const [num, den] = [Number(tb[1]), Number(tb[2])]
  return framecrc
    .split('\n')
    .filter((line) => /^0,/.test(line))
    .map((line) => (Number(line.split(',')[1]) * num) / den)
    .filter((t) => Number.isFinite(t))
}

/**
 * PURE: the keyframes (their places in `timesSec`) the slots `frames` of a strip `intervalSec` apart need: for
 * each slot, the last keyframe nearest to it, as ffmpeg's fps filter would choose among all of them. Slots with
 * none are filled from the one before when the sprite is made.
 */
export function pickKeyframes(timesSec: readonly number[], intervalSec: number, frames: StripFrames): number[] {
  const last = frames.firstFrame + frames.frameCount - 1
  const bySlot = new Map<number, number>()
  // The last one before the first slot is kept too: it fills the first slots until one of their own comes.
  let before: number | null = null
  for (const [i, t] of timesSec.entries()) {
    const slot = Math.round(t / intervalSec)
    if (slot < frames.firstFrame) before = i
    else if (slot <= last) bySlot.set(slot, i)
  }
  return [...(before === null ? [] : [before]), ...[...bySlot.values()].sort((a, b) => a - b)]
}

/**
 * Writes the sprite of a long file from its keyframes alone: lists them (no decoding), copies out the one each
 * slot shows into a scratch file, and decodes only those. False when the file has too few keyframes for that.
 */
async function spriteFromKeyframes(
  runner: FfmpegRunner,
  sprite: ThumbnailSpriteOptions,
  frames: StripFrames,
  intervalSec: number,
  part: boolean,
  options: RunOptions,
): Promise<boolean> {
  // A part reads only its own span (a slot early: the keyframe that fills its first slots may be before it).
  const span = part
    ? { fromSec: Math.max(0, sprite.startSec - intervalSec), durationSec: sprite.durationSec + 2 * intervalSec }
    : null
  const { stdout } = await runner.ffmpeg(keyframeListArgs(sprite.inputPath, span), { ...options, captureStdout: true })
  const picked = pickKeyframes(keyframeTimes(stdout.toString('utf8')), intervalSec, frames)
  if (picked.length < Math.min(2, frames.frameCount)) return false
  const keys = tempPathFor(`${sprite.outputPath}.keys.nut`)
  noteLeftover(keys)
  try {
    await runner.ffmpeg(keyframePickArgs(sprite.inputPath, keys, picked, span), options)
    await runner.ffmpeg(thumbnailSpriteArgs({ ...sprite, inputPath: keys, decode: 'picked' }), options)
  } finally {
    await rm(keys, { force: true })
    clearLeftover(keys)
  }
  return isNonEmptyFile(sprite.outputPath)
}

/**
 * A sprite strip of the whole clip, or of the frames whose slots meet `range` (the part on screen, made first
 * so it shows at once), cached in cacheDir by content hash: a second call for the same file reads the cache
 * and runs nothing, and a part asked for once the whole strip exists is answered with the whole. A long file's
 * strip is made from one keyframe per slot (see spriteFromKeyframes); a short one's (fast anyway) is always
 * made whole.
 */
export async function thumbnailSprite(runner: FfmpegRunner, input: MediaWorkInput): Promise<ThumbnailSprite> {
  const hash = await explainingFsErrors(input.path, () => contentHash(input.path))
  const base = join(input.cacheDir, 'thumbnails', `${hash}-${RECIPE}`)
  const whole = await readCached(`${base}.json`, `${base}.jpg`)
  if (whole) return whole

  const info = input.known ?? (await probeMedia(runner, input.path, input.signal))
  if (!info.video || info.durationSec <= 0) {
    throw new AppError('NOT_A_VIDEO', `"${input.path}" has no picture to make thumbnails from.`)
  }
  const plan = planThumbnails(info.durationSec, info.video.displayWidth, info.video.displayHeight)
  const frames =
    input.range && plan.keyframesOnly
      ? framesInRange(plan, input.range.fromSec, input.range.toSec)
      : { firstFrame: 0, frameCount: plan.frameCount }
  const name = frames.frameCount === plan.frameCount ? base : `${base}-${frames.firstFrame}+${frames.frameCount}`
  const metaPath = `${name}.json`
  const spritePath = `${name}.jpg`
  const cached = await readCached(metaPath, spritePath)
  if (cached) return cached

  const options = input.signal ? { signal: input.signal } : {}
  await writeAtomically(spritePath, async (temp) => {
    const sprite: ThumbnailSpriteOptions = {
      inputPath: input.path,
      outputPath: temp,
      frameCount: frames.frameCount,
      startSec: frames.firstFrame * plan.intervalSec,
      durationSec: frames.frameCount * plan.intervalSec,
      frameWidth: plan.frameWidth,
      frameHeight: plan.frameHeight,
      decode: 'picked',
    }
    const picked =
      plan.keyframesOnly &&
      (await spriteFromKeyframes(runner, sprite, frames, plan.intervalSec, name !== base, options).catch(
        async (e: unknown) => {
          // An ffmpeg that cannot pick keyframes (no expressions in its noise filter): decode every keyframe.
          if (!isAppError(e) || e.code !== 'FFMPEG') throw e
          await runner.ffmpeg(thumbnailSpriteArgs({ ...sprite, decode: 'keyframes' }), options)
          return isNonEmptyFile(temp)
        },
      ))
    // A file with very few keyframes has none to pick for most slots: decode it fully.
    if (!picked) await runner.ffmpeg(thumbnailSpriteArgs({ ...sprite, decode: 'all' }), options)
    if (!(await isNonEmptyFile(temp))) {
      throw new AppError('FFMPEG', `ffmpeg made no thumbnails for "${input.path}".`)
    }
  })
  const layout: SpriteLayout = {
    part: name !== base,
    firstFrame: frames.firstFrame,
    frameCount: frames.frameCount,
    frameWidth: plan.frameWidth,
    frameHeight: plan.frameHeight,
    intervalSec: plan.intervalSec,
  }
  await writeFileAtomically(metaPath, JSON.stringify(layout))
  return { spritePath, ...layout }
}
