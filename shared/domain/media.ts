import { z } from 'zod'

export const VideoStreamInfo = z.object({
  codec: z.string(),
  /** Coded size, before rotation. */
  width: z.number().int().positive(),
  height: z.number().int().positive(),
  /** Clockwise display rotation in degrees: 0, 90, 180 or 270. */
  rotation: z.union([z.literal(0), z.literal(90), z.literal(180), z.literal(270)]),
  /** Size as displayed, after rotation. */
  displayWidth: z.number().int().positive(),
  displayHeight: z.number().int().positive(),
  fps: z.number().positive(),
  /** Variable frame rate: the average and the nominal rate disagree. */
  vfr: z.boolean(),
})
export type VideoStreamInfo = z.infer<typeof VideoStreamInfo>

export const AudioStreamInfo = z.object({
  codec: z.string(),
  sampleRate: z.number().int().positive(),
  channels: z.number().int().positive(),
})
export type AudioStreamInfo = z.infer<typeof AudioStreamInfo>

/** What ffprobe tells us about any media file. */
export const MediaInfo = z.object({
  durationSec: z.number().nonnegative(),
  formatName: z.string(),
  sizeBytes: z.number().int().nonnegative(),
  video: VideoStreamInfo.nullable(),
  audio: AudioStreamInfo.nullable(),
})
export type MediaInfo = z.infer<typeof MediaInfo>
