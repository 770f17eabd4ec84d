import { ffSec } from '../time'
import { FIRST_PICTURE_ONLY } from './streams'

export interface ThumbnailSpriteOptions {
  inputPath: string
  /** A .jpg path. */
  outputPath: string
  frameCount: number
  /** Where the first frame's slot starts (0 for a whole strip; a part of one starts later). */
  startSec: number
  /** Length of the slots together: the frames are spread evenly over it. */
  durationSec: number
  /** Size of one frame in the sprite (display orientation, after autorotation). */
  frameWidth: number
  frameHeight: number
  /**
   * 'all': decode the whole file (short files, or too few keyframes). 'picked': the input holds only the picked
   * keyframes (keyframePickArgs), with the source's timestamps kept, so each lands in its own slot. 'keyframes':
   * decode every keyframe of the file and no other frame (slower than picking, for an ffmpeg that cannot pick).
   */
  decode: 'all' | 'picked' | 'keyframes'
}

/**
 * One ffmpeg pass → one JPEG of `frameCount` frames side by side. fps=N/duration from startSec picks the frame
 * nearest each slot; tpad clones the last picked frame so slots after the last keyframe are never left black.
 */
export function thumbnailSpriteArgs(o: ThumbnailSpriteOptions): readonly string[] {
  const n = o.frameCount
  const filters = [
    `fps=fps=${n}/${ffSec(o.durationSec)}:start_time=${ffSec(o.startSec)}`,
    `scale=${o.frameWidth}:${o.frameHeight}`,
    `tpad=stop_mode=clone:stop=${n}`,
    `tile=${n}x1`,
  ]
  return [
    '-v',
    'error',
    ...(o.decode === 'picked' ? ['-copyts'] : []),
    ...(o.decode === 'keyframes' ? ['-discard', 'nokey', '-skip_frame', 'nokey'] : []),
    '-i',
    o.inputPath,
    ...FIRST_PICTURE_ONLY,
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

/** A part of a file to read keyframes from: from the keyframe at or before fromSec, for durationSec. */
export interface KeyframeSpan {
  fromSec: number
  durationSec: number
}

/** Keyframes only (the demuxer skips the other frames' bytes), with the file's own timestamps; maybe a span. */
function keyframesIn(inputPath: string, span: KeyframeSpan | null): string[] {
  const seek = span ? ['-noaccurate_seek', '-ss', ffSec(span.fromSec), '-t', ffSec(span.durationSec)] : []
  return ['-v', 'error', '-copyts', '-discard', 'nokey', ...seek, '-i', inputPath, '-map', '0:V:0', '-c', 'copy']
}

/**
 * Every keyframe of the first video stream (or of a span of it), listed without decoding anything: a framecrc
 * line each, with its presentation time. Read by keyframeTimes.
 */
export function keyframeListArgs(inputPath: string, span: KeyframeSpan | null = null): readonly string[] {
  return [...keyframesIn(inputPath, span), '-f', 'framecrc', '-']
}

/**
 * The keyframes numbered `picked` (their places in keyframeListArgs' list of the same span), copied untouched into a NUT file
 * with their timestamps: decoding a long file's thumbnails then decodes one frame per slot, not every keyframe.
 * The noise filter's drop expression keeps packet n when n is one of them (written without commas, which would
 * end the filter's options).
 */
export function keyframePickArgs(
  inputPath: string,
  outputPath: string,
  picked: readonly number[],
  span: KeyframeSpan | null = null,
): readonly string[] {
  // ffmpeg's expression parser takes about 90 terms in one sum: sums of 40, summed.
  const groups: string[] = []
  for (let i = 0; i < picked.length; i += 40)
    groups.push(
      `(${picked
        .slice(i, i + 40)
        .map((n) => `not(n-${n})`)
        .join('+')})`,
    )
  const keep = groups.join('+')
  return [...keyframesIn(inputPath, span), '-bsf:v', `noise=drop=not(${keep})`, '-f', 'nut', '-y', outputPath]
}
