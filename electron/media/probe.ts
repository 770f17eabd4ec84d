import { z } from 'zod'
import { AppError } from '../../shared/domain/errors'
import { MediaInfo, type AudioStreamInfo, type VideoStreamInfo } from '../../shared/domain/media'
import { probeArgs, tailPacketsArgs } from './ffmpeg/args/probe'
import type { FfmpegRunner } from './ffmpeg/run'

// The parts of ffprobe's JSON we read. Every field is optional: ffprobe omits what it cannot tell.
const ProbeStream = z.object({
  index: z.number().optional(),
  start_time: z.string().optional(),
  codec_type: z.string().optional(),
  codec_name: z.string().optional(),
  width: z.number().optional(),
  height: z.number().optional(),
  r_frame_rate: z.string().optional(),
  avg_frame_rate: z.string().optional(),
  sample_rate: z.string().optional(),
  channels: z.number().optional(),
  duration: z.string().optional(),
  disposition: z.object({ attached_pic: z.number().optional() }).optional(),
  tags: z.record(z.string(), z.string()).optional(),
  side_data_list: z.array(z.object({ rotation: z.number().optional() })).optional(),
})
type ProbeStream = z.infer<typeof ProbeStream>

export const ProbeJson = z.object({
  streams: z.array(ProbeStream).default([]),
  format: z
    .object({
      format_name: z.string().optional(),
      duration: z.string().optional(),
      start_time: z.string().optional(),
      size: z.string().optional(),
    })
    .default({}),
})
export type ProbeJson = z.infer<typeof ProbeJson>

/** Nominal and average rates further apart than this (relative) mean variable frame rate. */
const VFR_TOLERANCE = 0.02

/** "30000/1001" → 29.97; null for "0/0", missing or nonsense. */
export function parseRate(rate: string | undefined): number | null {
  if (!rate) return null
  const [num, den = '1'] = rate.split('/')
  const value = Number(num) / Number(den)
  return Number.isFinite(value) && value > 0 ? value : null
}

function positiveNumber(text: string | undefined): number | null {
  const value = Number(text)
  return text !== undefined && Number.isFinite(value) && value > 0 ? value : null
}

/**
 * Clockwise display rotation. ffprobe's display-matrix `rotation` is counter-clockwise (an iPhone portrait
 * clip shows -90); the old `rotate` tag is clockwise. Snapped to a quarter turn.
 */
export function rotationOf(stream: ProbeStream): VideoStreamInfo['rotation'] {
  const ccw = stream.side_data_list?.find((d) => d.rotation !== undefined)?.rotation
  const cw = ccw !== undefined ? -ccw : Number(stream.tags?.rotate ?? 0)
  const quarter = (((Math.round((Number.isFinite(cw) ? cw : 0) / 90) % 4) + 4) % 4) as 0 | 1 | 2 | 3
  return ([0, 90, 180, 270] as const)[quarter]
}

function videoOf(stream: ProbeStream): VideoStreamInfo | null {
  const { width, height } = stream
  if (!width || !height || width <= 0 || height <= 0) return null
  const rotation = rotationOf(stream)
  const swap = rotation === 90 || rotation === 270
  const nominal = parseRate(stream.r_frame_rate)
  const average = parseRate(stream.avg_frame_rate)
  const vfr =
    nominal === null || average === null
      ? nominal === null && average === null
      : Math.abs(nominal - average) / Math.max(nominal, average) > VFR_TOLERANCE
  return {
    codec: stream.codec_name ?? 'unknown',
    width,
    height,
    rotation,
    displayWidth: swap ? height : width,
    displayHeight: swap ? width : height,
    // Unknown timing is treated as 25 fps, variable.
    fps: average ?? nominal ?? 25,
    vfr,
  }
}

function audioOf(stream: ProbeStream): AudioStreamInfo | null {
  const sampleRate = positiveNumber(stream.sample_rate)
  if (!sampleRate || !stream.channels) return null
  return { codec: stream.codec_name ?? 'unknown', sampleRate: Math.round(sampleRate), channels: stream.channels }
}

const pictureStream = (probe: ProbeJson): ProbeStream | undefined =>
  probe.streams.find((s) => s.codec_type === 'video' && s.disposition?.attached_pic !== 1)

/** Pure: ffprobe's JSON → MediaInfo. Cover art (attached_pic) is not a video stream. */
export function parseProbeJson(json: unknown, fileSizeBytes?: number): MediaInfo {
  const probe = ProbeJson.parse(json)
  const videoStream = pictureStream(probe)
  const audioStream = probe.streams.find((s) => s.codec_type === 'audio')
  const video = videoStream ? videoOf(videoStream) : null
  const durationSec =
    positiveNumber(probe.format.duration) ??
    positiveNumber(videoStream?.duration) ??
    positiveNumber(audioStream?.duration) ??
    0
  return MediaInfo.parse({
    durationSec,
    formatName: probe.format.format_name ?? '',
    sizeBytes: Math.round(positiveNumber(probe.format.size) ?? fileSizeBytes ?? 0),
    video,
    audio: audioStream ? audioOf(audioStream) : null,
  })
}

/** Where the picture stream says it ends (its own start + duration, else the container's), and its index. PURE. */
export function declaredPictureEnd(json: unknown): { streamIndex: number; endSec: number } | null {
  const probe = ProbeJson.parse(json)
  const stream = pictureStream(probe)
  if (stream?.index === undefined) return null
  const own = positiveNumber(stream.duration)
  const start = Number(own !== null ? stream.start_time : probe.format.start_time)
  const duration = own ?? positiveNumber(probe.format.duration)
  if (duration === null) return null
  return { streamIndex: stream.index, endSec: (Number.isFinite(start) ? start : 0) + duration }
}

/** The end (pts + duration) of the last of the "pts,duration" packet lines ffprobe printed, or null. PURE. */
export function lastPacketEnd(csv: string): number | null {
  let end: number | null = null
  for (const line of csv.split(/\r?\n/)) {
    const [ptsText = '', durationText = ''] = line.split(',')
    const [pts, duration] = [Number(ptsText), Number(durationText)]
    if (ptsText.trim() === '' || !Number.isFinite(pts)) continue
    const packetEnd = pts + (Number.isFinite(duration) ? duration : 0)
    end = end === null ? packetEnd : Math.max(end, packetEnd)
  }
  return end
}

/** How far before its declared end a picture may stop and still be whole (last-frame rounding, VFR tails). */
export function truncationToleranceSec(declaredEndSec: number): number {
  return Math.max(1, declaredEndSec * 0.03)
}

/** What ffprobe says about a file: MediaInfo and the raw JSON (for declaredPictureEnd). */
export async function probeDetailed(
  runner: FfmpegRunner,
  path: string,
  signal?: AbortSignal,
): Promise<{ info: MediaInfo; json: unknown }> {
  const { stdout } = await runner.ffprobe(probeArgs(path), signal ? { signal } : {})
  let json: unknown
  try {
    json = JSON.parse(stdout.toString('utf8'))
  } catch (cause) {
    throw new AppError('FFMPEG', `ffprobe returned output that is not JSON for ${path}.`, { cause })
  }
  return { info: parseProbeJson(json), json }
}

/** Runs ffprobe on a file. ffprobe's own failure comes back as its AppError (code FFMPEG, stderr in the message). */
export async function probeMedia(runner: FfmpegRunner, path: string, signal?: AbortSignal): Promise<MediaInfo> {
  return (await probeDetailed(runner, path, signal)).info
}

/**
 * Where the picture's data really ends, read from the packets around its declared end (a file cut short, such
 * as half a download, keeps a header that promises the whole length). Null when no packet is there at all.
 */
export async function pictureDataEnd(
  runner: FfmpegRunner,
  path: string,
  declared: { streamIndex: number; endSec: number },
  signal?: AbortSignal,
): Promise<number | null> {
  const lookBackSec = 3
  const fromSec = Math.max(0, declared.endSec - lookBackSec)
  const { stdout } = await runner.ffprobe(
    tailPacketsArgs(path, declared.streamIndex, fromSec, declared.endSec + 2),
    signal ? { signal } : {},
  )
  return lastPacketEnd(stdout.toString('utf8'))
}
