import { z } from 'zod'
import { FilePath } from './filePath'
import { Id } from './ids'
import { AudioStreamInfo, VideoStreamInfo } from './media'

/** An imported video file. Referred to by clips; the file itself is never modified. */
export const Asset = z.object({
  id: Id,
  /** Absolute path at import time. */
  path: FilePath,
  /** Path relative to the project file, so a moved project folder still opens. Set on save. */
  relativePath: z.string().optional(),
  name: z.string(),
  /** Hash of the file's identity (size, mtime, head and tail bytes): the cache key for thumbnails and peaks. */
  contentHash: z.string(),
  durationSec: z.number().positive(),
  sizeBytes: z.number().int().nonnegative(),
  video: VideoStreamInfo,
  audio: AudioStreamInfo.nullable(),
})
export type Asset = z.infer<typeof Asset>
