import { randomUUID } from 'node:crypto'
import { open } from 'node:fs/promises'
import { basename, resolve } from 'node:path'
import { Asset } from '../../shared/domain/asset'
import { AppError, isAppError } from '../../shared/domain/errors'
import type { MediaInfo, VideoStreamInfo } from '../../shared/domain/media'
import { contentHash } from './contentHash'
import { UPLOAD_SHORT_SIDE_PX } from './ffmpeg/args/uploadCut'
import { crashSignalOf, type FfmpegRunner } from './ffmpeg/run'
import { declaredPictureEnd, pictureDataEnd, probeDetailed, truncationToleranceSec } from './probe'
import { statRegular } from './regularFile'

/** ffprobe's words for a file that starts like media but is cut short or broken. */
const DAMAGED = /moov atom not found|truncat|partial file|end of file|invalid nal|corrupt|error reading header/i
/** Box types an MP4/MOV starts with; the mov demuxer says "moov atom not found" for any junk named .mp4. */
const ISO_MEDIA_FIRST_BOXES = new Set(['ftyp', 'moov', 'mdat', 'wide', 'free', 'skip', 'pnot'])
/** Demuxers that turn text or random bytes into a "video" of characters. */
const TEXT_ART_FORMATS = new Set(['tty', 'bin', 'xbin', 'idf', 'adf'])
const STILL_IMAGE_FORMAT = /(^|,)(image2|[a-z0-9]+_pipe)(,|$)/

const damaged = (name: string, detail: string): AppError =>
  new AppError(
    'NOT_A_VIDEO',
    `"${name}" is damaged or incomplete (${detail}). If it is still copying or downloading, wait for it to finish; otherwise export it again from the camera or editor.`,
  )
const unreadable = (name: string): AppError =>
  new AppError(
    'NOT_A_VIDEO',
    `"${name}" is not a video file MMAudio Studio can read. Choose an MP4, MOV, MKV or WebM video.`,
  )

/** Pure: why a probed file is not a usable video, or null when it is. */
export function rejectionFor(name: string, info: MediaInfo): AppError | null {
  const formats = info.formatName.split(',')
  if (formats.some((f) => TEXT_ART_FORMATS.has(f))) return unreadable(name)
  if (!info.video) {
    return info.audio
      ? new AppError('NOT_A_VIDEO', `"${name}" has no picture: it is an audio file. Import a video file instead.`)
      : unreadable(name)
  }
  if (STILL_IMAGE_FORMAT.test(info.formatName)) {
    return new AppError('NOT_A_VIDEO', `"${name}" is a still image, not a video. Import a video file instead.`)
  }
  if (info.durationSec <= 0) return damaged(name, 'it has no length')
  return null
}

/** The widest picture H.264 (libx264, our encoder) takes on either side, in pixels. */
export const MAX_PICTURE_SIDE_PX = 16384
/** How much wider than tall (or taller than wide) a picture may be: MMAudio sees it 384 px on its short side. */
export const MAX_ASPECT_RATIO = MAX_PICTURE_SIDE_PX / UPLOAD_SHORT_SIDE_PX

/** Pure: why a picture of this size cannot be generated for or exported, or null when it can. */
export function sizeProblemFor(name: string, video: VideoStreamInfo): AppError | null {
  const { displayWidth: w, displayHeight: h } = video
  const size = `${w}×${h} pixels`
  if (Math.max(w, h) / Math.min(w, h) > MAX_ASPECT_RATIO) {
    return new AppError(
      'BAD_INPUT',
      `"${name}" is ${size}: too narrow a picture for MMAudio, which needs one at most ${Math.floor(MAX_ASPECT_RATIO)} times wider than tall (or taller than wide). Crop or pad it to a usual shape, such as 16:9, in your editor and import it again.`,
    )
  }
  if (Math.max(w, h) > MAX_PICTURE_SIDE_PX) {
    return new AppError(
      'BAD_INPUT',
      `"${name}" is ${size}: larger than the ${MAX_PICTURE_SIDE_PX} pixels a side an MP4 export can be encoded at. Scale it down in your editor and import it again.`,
    )
  }
  return null
}

/** Pure: a file whose picture stops well before the length its header declares looks cut short. */
export function truncationFor(name: string, declaredEndSec: number, dataEndSec: number | null): AppError | null {
  if (dataEndSec !== null && dataEndSec >= declaredEndSec - truncationToleranceSec(declaredEndSec)) return null
  const where =
    dataEndSec === null ? 'has no picture near its end' : `has picture only up to ${dataEndSec.toFixed(2)} s`
  return new AppError(
    'NOT_A_VIDEO',
    `"${name}" looks truncated: it says it lasts ${declaredEndSec.toFixed(2)} s but ${where}. If it is still copying or downloading, wait for it to finish; otherwise copy or export it again.`,
  )
}

/** Pure: whether a file's first bytes are an MP4/MOV box header. */
export function looksLikeIsoMedia(head: Uint8Array): boolean {
  return head.length >= 8 && ISO_MEDIA_FIRST_BOXES.has(Buffer.from(head.subarray(4, 8)).toString('latin1'))
}

/** Pure: ffprobe failed on a non-empty file starting with `head`; say what that means for a person. */
export function probeFailureFor(name: string, error: AppError, head: Uint8Array): AppError {
  if (error.code !== 'FFMPEG') return error
  const crash = crashSignalOf(error)
  if (crash) {
    return new AppError(
      'FFMPEG',
      `"${name}" could not be checked: ffprobe crashed (${crash}) while reading it. That is a fault in the ffprobe MMAudio Studio uses, not a sign that the file is not a video. Try again; if it keeps happening, set FFPROBE_PATH to another ffprobe or report the problem.`,
      { cause: error },
    )
  }
  const detail = DAMAGED.exec(error.message)?.[0]
  const isMoovOfJunk = /moov atom/i.test(detail ?? '') && !looksLikeIsoMedia(head)
  return detail && !isMoovOfJunk ? damaged(name, detail.toLowerCase()) : unreadable(name)
}

async function readHead(path: string): Promise<Buffer> {
  const file = await open(path, 'r')
  try {
    const head = Buffer.alloc(16)
    const { bytesRead } = await file.read(head, 0, head.length, 0)
    return head.subarray(0, bytesRead)
  } finally {
    await file.close()
  }
}

/** A path → an Asset, or an AppError with a sentence a person can act on. The file is only read. */
export async function importAsset(runner: FfmpegRunner, inputPath: string, signal?: AbortSignal): Promise<Asset> {
  const path = resolve(inputPath)
  const name = basename(path)
  const { size } = await statRegular(path, 'a video file')
  if (size === 0) {
    throw new AppError(
      'NOT_A_VIDEO',
      `"${name}" is empty (0 bytes). If it is still copying or downloading, try again when it has finished.`,
    )
  }
  let probed: Awaited<ReturnType<typeof probeDetailed>>
  try {
    probed = await probeDetailed(runner, path, signal)
  } catch (e) {
    throw isAppError(e) ? probeFailureFor(name, e, await readHead(path)) : e
  }
  const { info } = probed
  const rejection = rejectionFor(name, info)
  if (rejection || !info.video) throw rejection ?? unreadable(name)
  const badSize = sizeProblemFor(name, info.video)
  if (badSize) throw badSize
  const declared = declaredPictureEnd(probed.json)
  if (declared) {
    const cut = truncationFor(name, declared.endSec, await pictureDataEnd(runner, path, declared, signal))
    if (cut) throw cut
  }
  return Asset.parse({
    id: randomUUID(),
    path,
    name,
    contentHash: await contentHash(path),
    durationSec: info.durationSec,
    sizeBytes: size,
    video: info.video,
    audio: info.audio,
  })
}
