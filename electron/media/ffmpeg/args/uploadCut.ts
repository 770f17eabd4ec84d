import type { FocusBox } from '../../../../shared/domain/focus'
import { ffSec } from '../time'
import { focusCropFilter } from './focusCrop'

/**
 * What MMAudio looks at: 25 fps constant (its sync model's rate), 384 px on the short side (its picture model's
 * size; more only makes the provider slower, not the sound better).
 */
export const UPLOAD_FPS = 25
export const UPLOAD_SHORT_SIDE_PX = 384

export interface UploadCutOptions {
  inputPath: string
  /** An .mp4 path. */
  outputPath: string
  inSec: number
  /** Length of source to read from inSec. */
  sourceDurationSec: number
  /** Length of the file to write; longer than sourceDurationSec holds the last frame (tpad clone). */
  outputDurationSec: number
  /** The part of the displayed frame to keep (cropped before scaling); absent or null = the whole frame. */
  focus?: FocusBox | null
}

/**
 * Cut [inSec, inSec+sourceDurationSec) to its own small MP4. `-ss` before `-i` with a re-encode is frame
 * accurate: the first frame written is the frame shown at inSec. Autorotation happens before the filters, so
 * "short side" is the side as displayed; `-2` keeps the other side even.
 */
export function uploadCutArgs(o: UploadCutOptions): readonly string[] {
  const s = UPLOAD_SHORT_SIDE_PX
  const padSec = o.outputDurationSec - o.sourceDurationSec
  const filters = [
    `fps=${UPLOAD_FPS}`,
    ...(o.focus ? [focusCropFilter(o.focus)] : []),
    `scale='if(gt(iw,ih),-2,${s})':'if(gt(iw,ih),${s},-2)':flags=bicubic`,
    ...(padSec > 0 ? [`tpad=stop_mode=clone:stop_duration=${ffSec(padSec)}`] : []),
    'format=yuv420p',
  ]
  return [
    '-v',
    'error',
    '-ss',
    ffSec(o.inSec),
    '-t',
    ffSec(o.sourceDurationSec),
    '-i',
    o.inputPath,
    '-map',
    '0:V:0',
    '-an',
    '-sn',
    '-dn',
    '-map_metadata',
    '-1',
    '-vf',
    filters.join(','),
    '-c:v',
    'libx264',
    // One encoder thread: with several, x264 does not write the same bytes twice when the machine is busy, and the
    // chunk cache is keyed by these bytes; a cut made again (a retry, "Generate all" after a failure) must find
    // what was already paid for. A cut is small: one thread is as quick.
    '-threads',
    '1',
    '-preset',
    'veryfast',
    '-crf',
    '23',
    '-pix_fmt',
    'yuv420p',
    '-t',
    ffSec(o.outputDurationSec),
    '-movflags',
    '+faststart',
    '-f',
    'mp4',
    '-y',
    o.outputPath,
  ]
}
