import type { FocusBox } from '../../../../shared/domain/focus'
import { ffSec } from '../time'
import { focusCropFilter } from './focusCrop'

/**
 * What MMAudio looks at: 25 fps constant (its sync model's rate), 384 px on the short side (its picture model's
 * size; more only makes the provider slower, not the sound better).
 */
export const UPLOAD_FPS = 25
export const UPLOAD_SHORT_SIDE_PX = 384
/**
 * x264's constant quality for the upload. The model shrinks every frame again (224 px for timing, 384 px squashed
 * for meaning), so grain and fine texture, where a camera file's bits go, are never seen: CRF 30 keeps the
 * edges, motion and flashes it reads at about a third of CRF 23's bytes (1–2 % of a phone's stream).
 */
export const UPLOAD_CRF = 30
/** Bump whenever the picture or encoding recipe changes: stored cuts of the old recipe are then never reused. */
export const UPLOAD_RECIPE = 2

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
  crop?: FocusBox | null
}

/** The picture as the model sees it, before any per-output trim: [crop], 25 fps, short side 384, [hold], 4:2:0. */
function pictureFilters(crop: FocusBox | null | undefined, padSec = 0): string[] {
  const s = UPLOAD_SHORT_SIDE_PX
  return [
    ...(crop ? [focusCropFilter(crop)] : []),
    `fps=${UPLOAD_FPS}`,
    // Area averaging: the right filter for shrinking (no aliasing) and the cheapest of the good ones.
    `scale='if(gt(iw,ih),-2,${s})':'if(gt(iw,ih),${s},-2)':flags=area`,
    ...(padSec > 0 ? [`tpad=stop_mode=clone:stop_duration=${ffSec(padSec)}`] : []),
    'format=yuv420p',
  ]
}

/** The source range, with an accurate input seek (decoding starts at the keyframe before, frames before inSec dropped). */
function inputArgs(inputPath: string, inSec: number, durationSec: number): string[] {
  return ['-v', 'error', '-ss', ffSec(inSec), '-t', ffSec(durationSec), '-i', inputPath]
}

/** One output file: no audio, subtitles, data or metadata; H.264 at UPLOAD_CRF; `durationSec` long; faststart. */
function outputArgs(outputPath: string, durationSec: number): string[] {
  return [
    '-an',
    '-sn',
    '-dn',
    '-map_metadata',
    '-1',
    '-c:v',
    'libx264',
    // One encoder thread: with several, x264 does not write the same bytes twice when the machine is busy, and the
    // chunk cache is keyed by these bytes; a cut made again (after the cut store made room, a retry) must find
    // what was already paid for. Cuts run side by side, so the cores are used anyway.
    '-threads',
    '1',
    '-preset',
    'veryfast',
    '-crf',
    String(UPLOAD_CRF),
    '-pix_fmt',
    'yuv420p',
    '-t',
    ffSec(durationSec),
    '-movflags',
    '+faststart',
    '-f',
    'mp4',
    '-y',
    outputPath,
  ]
}

/**
 * Cut [inSec, inSec+sourceDurationSec) to its own small MP4. `-ss` before `-i` with a re-encode is frame
 * accurate: the first frame written is the frame shown at inSec. Autorotation happens before the filters, so
 * "short side" is the side as displayed; `-2` keeps the other side even.
 */
export function uploadCutArgs(o: UploadCutOptions): readonly string[] {
  const filters = pictureFilters(o.crop, o.outputDurationSec - o.sourceDurationSec)
  return [
    ...inputArgs(o.inputPath, o.inSec, o.sourceDurationSec),
    '-map',
    '0:V:0',
    '-vf',
    filters.join(','),
    ...outputArgs(o.outputPath, o.outputDurationSec),
  ]
}

export interface UploadCutPart {
  outputPath: string
  /** Where this cut starts after the decoded range's start, in whole frames at UPLOAD_FPS. */
  offsetFrames: number
  /** Its length (at least a second: parts are whole chunks of a longer segment, never padded). */
  durationSec: number
}

/**
 * Several overlapping cuts of one source from a single decode: [inSec, inSec+sourceDurationSec) is read once,
 * made into the model's picture once, and split into each part's own MP4 at its frame offset. Each part's frames
 * are the ones its own uploadCutArgs would write, since every part starts on the 25 fps grid of the range.
 */
export function uploadCutPartsArgs(o: {
  inputPath: string
  inSec: number
  sourceDurationSec: number
  parts: readonly UploadCutPart[]
  crop?: FocusBox | null
}): readonly string[] {
  const n = o.parts.length
  const labels = o.parts.map((_, i) => `p${i}`)
  const trims = o.parts.map((p, i) => {
    const frames = Math.ceil(p.durationSec * UPLOAD_FPS - 1e-6)
    return `[${labels[i]}]trim=start_frame=${p.offsetFrames}:end_frame=${p.offsetFrames + frames},setpts=PTS-STARTPTS[v${i}]`
  })
  const graph = [
    `[0:V:0]${[...pictureFilters(o.crop), `split=${n}`].join(',')}${labels.map((l) => `[${l}]`).join('')}`,
    ...trims,
  ]
  return [
    ...inputArgs(o.inputPath, o.inSec, o.sourceDurationSec),
    '-filter_complex',
    graph.join(';'),
    ...o.parts.flatMap((p, i) => ['-map', `[v${i}]`, ...outputArgs(p.outputPath, p.durationSec)]),
  ]
}
