import { randomUUID } from 'node:crypto'
import { open, stat } from 'node:fs/promises'
import { basename, resolve } from 'node:path'
import { Asset } from '../../shared/domain/asset'
import { AppError, isAppError } from '../../shared/domain/errors'
import type { MediaInfo } from '../../shared/domain/media'
import { contentHash } from './contentHash'
import { explainingFsErrors } from './fsErrors'
import type { FfmpegRunner } from './ffmpeg/run'
import { probeMedia } from './probe'

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
  new AppError('NOT_A_VIDEO', `"${name}" is not a video file MMAudio Studio can read. Choose an MP4, MOV, MKV or WebM video.`)

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

/** Pure: whether a file's first bytes are an MP4/MOV box header. */
export function looksLikeIsoMedia(head: Uint8Array): boolean {
  return head.length >= 8 && ISO_MEDIA_FIRST_BOXES.has(Buffer.from(head.subarray(4, 8)).toString('latin1'))
}

/** Pure: ffprobe failed on a non-empty file starting with `head`; say what that means for a person. */
export function probeFailureFor(name: string, error: AppError, head: Uint8Array): AppError {
  if (error.code !== 'FFMPEG') return error
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

async function statOrExplain(path: string, name: string): Promise<{ size: number }> {
  const s = await explainingFsErrors(path, () => stat(path))
  if (s.isDirectory()) throw new AppError('NOT_A_VIDEO', `"${name}" is a folder, not a video file.`)
  return s
}

/** A path → an Asset, or an AppError with a sentence a person can act on. The file is only read. */
export async function importAsset(runner: FfmpegRunner, inputPath: string, signal?: AbortSignal): Promise<Asset> {
  const path = resolve(inputPath)
  const name = basename(path)
  const { size } = await statOrExplain(path, name)
  if (size === 0) {
    throw new AppError('NOT_A_VIDEO', `"${name}" is empty (0 bytes). If it is still copying or downloading, try again when it has finished.`)
  }
  let info: MediaInfo
  try {
    info = await probeMedia(runner, path, signal)
  } catch (e) {
    throw isAppError(e) ? probeFailureFor(name, e, await readHead(path)) : e
  }
  const rejection = rejectionFor(name, info)
  if (rejection || !info.video) throw rejection ?? unreadable(name)
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
