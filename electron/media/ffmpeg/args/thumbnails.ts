import { ffSec } from '../time'

export interface ThumbnailSpriteOptions {
  inputPath: string
  /** A .jpg path. */
  outputPath: string
  frameCount: number
  /** Length of the asset: the frames are spread evenly over it. */
  durationSec: number
  /** Size of one frame in the sprite (display orientation, after autorotation). */
  frameWidth: number
  frameHeight: number
  /** Decode keyframes only (`-skip_frame nokey`): far faster on long files, coarser on short ones. */
  keyframesOnly: boolean
}

/**
 * One ffmpeg pass → one JPEG of `frameCount` frames side by side. fps=N/duration picks the frame nearest each
 * slot; tpad clones the last picked frame so slots after the last keyframe are never left black.
 */
export function thumbnailSpriteArgs(o: ThumbnailSpriteOptions): readonly string[] {
  const n = o.frameCount
  const filters = [
    `fps=${n}/${ffSec(o.durationSec)}`,
    `scale=${o.frameWidth}:${o.frameHeight}`,
    `tpad=stop_mode=clone:stop=${n}`,
    `tile=${n}x1`,
  ]
  return [
    '-v',
    'error',
    ...(o.keyframesOnly ? ['-skip_frame', 'nokey'] : []),
    '-i',
    o.inputPath,
    '-map',
    '0:V:0',
    '-an',
    '-sn',
    '-dn',
    '-vf',
    filters.join(','),
    '-frames:v',
    '1',
    '-update',
    '1',
    '-q:v',
    '5',
    '-f',
    'image2',
    '-y',
    o.outputPath,
  ]
}
