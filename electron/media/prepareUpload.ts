import { stat } from 'node:fs/promises'
import { AppError } from '../../shared/domain/errors'
import { writeAtomically, writeEachAtomically } from './atomicOutput'
import type { FocusBox } from '../../shared/domain/focus'
import { UPLOAD_FPS, uploadCutArgs, uploadCutPartsArgs } from './ffmpeg/args/uploadCut'
import { progressFraction } from './ffmpeg/progress'
import type { FfmpegRunner, RunOptions } from './ffmpeg/run'
import { readMp4Picture } from './mp4Header'
import { probeMedia } from './probe'

/** Shorter segments are padded to this by holding the last frame (MMAudio's sync model, Synchformer, needs at least 0.64 s of picture). */
export const MIN_UPLOAD_SEC = 1

/** How the ffmpeg process runs: cancellable, and at low priority when prepared ahead of need. */
export type UploadRunOptions = Pick<RunOptions, 'signal' | 'lowPriority' | 'onSpawn'>

export interface PrepareUploadInput extends UploadRunOptions {
  sourcePath: string
  inSec: number
  outSec: number
  /** Where the .mp4 goes; written to a temp name and renamed into place. */
  outputPath: string
  /** The focus box, when the segment has one. */
  crop?: FocusBox | null
  /** 0..1 */
  onProgress?: (fraction: number) => void
}

export interface PreparedUpload {
  path: string
  /** Length of the written file (≥ MIN_UPLOAD_SEC unless the source ends sooner). */
  durationSec: number
  bytes: number
}

function checkRange(inSec: number, outSec: number): void {
  if (!(Number.isFinite(inSec) && Number.isFinite(outSec) && inSec >= 0 && outSec > inSec)) {
    throw new AppError(
      'BAD_INPUT',
      `A segment must start at 0 s or later and end after it starts (got ${inSec} s to ${outSec} s).`,
    )
  }
}

/**
 * The written file, read back: refused when it holds no picture (the range lies past the end of the clip). Its
 * index is read from its head (faststart); ffprobe only when that fails.
 */
async function checkWritten(
  runner: FfmpegRunner,
  temp: string,
  finalPath: string,
  inSec: number,
  signal?: AbortSignal,
): Promise<PreparedUpload> {
  const head = await readMp4Picture(temp).catch(() => null)
  const written = head
    ? { hasPicture: head.videoFrames > 0, durationSec: head.durationSec }
    : await probeMedia(runner, temp, signal).then(
        (info) => ({ hasPicture: info.video !== null, durationSec: info.durationSec }),
        () => null,
      )
  if (!written?.hasPicture || written.durationSec <= 0) {
    throw new AppError(
      'BAD_INPUT',
      `The segment from ${inSec} s is past the end of the clip: there is no picture to send.`,
    )
  }
  const { size } = await stat(temp)
  return { path: finalPath, durationSec: written.durationSec, bytes: size }
}

function runOptions(input: UploadRunOptions): RunOptions {
  return {
    ...(input.signal ? { signal: input.signal } : {}),
    ...(input.lowPriority ? { lowPriority: true } : {}),
    ...(input.onSpawn ? { onSpawn: input.onSpawn } : {}),
  }
}

/**
 * Cuts [inSec, outSec) of a clip to its own MP4 as MMAudio sees it: 25 fps CFR, 384 px short side, H.264
 * yuv420p, no audio, faststart. The model reads from t=0 of the file, so the first frame is the one at inSec.
 */
export async function prepareUpload(runner: FfmpegRunner, input: PrepareUploadInput): Promise<PreparedUpload> {
  const { inSec, outSec } = input
  checkRange(inSec, outSec)
  const sourceDurationSec = outSec - inSec
  const outputDurationSec = Math.max(MIN_UPLOAD_SEC, sourceDurationSec)
  const options = runOptions(input)
  const { onProgress } = input
  if (onProgress) {
    // ffmpeg stopped by a cancel still ends its report with progress=end; that is not "done".
    options.onProgress = (p) => {
      if (!input.signal?.aborted) onProgress(progressFraction(p, outputDurationSec) ?? 0)
    }
  }

  return writeAtomically(input.outputPath, async (temp) => {
    const args = uploadCutArgs({
      inputPath: input.sourcePath,
      outputPath: temp,
      inSec,
      sourceDurationSec,
      outputDurationSec,
      ...(input.crop ? { crop: input.crop } : {}),
    })
    await runner.ffmpeg(args, options)
    return checkWritten(runner, temp, input.outputPath, inSec, input.signal)
  })
}

export interface UploadPart {
  inSec: number
  outSec: number
  outputPath: string
}

/**
 * Several overlapping ranges of one clip (the chunks of a long segment) cut in one ffmpeg pass that decodes
 * their union once, each to its own MP4 exactly as prepareUpload would write it. Every part must start on the
 * 25 fps grid of the source (chunk starts are, see chunkLeadSec) and be at least MIN_UPLOAD_SEC long. A part
 * past the end of the clip comes back as its error; the others are still written.
 */
export async function prepareUploadParts(
  runner: FfmpegRunner,
  input: UploadRunOptions & { sourcePath: string; parts: readonly UploadPart[]; crop?: FocusBox | null },
): Promise<Array<PreparedUpload | Error>> {
  for (const p of input.parts) checkRange(p.inSec, p.outSec)
  const inSec = Math.min(...input.parts.map((p) => p.inSec))
  const endSec = Math.max(...input.parts.map((p) => p.outSec))
  return writeEachAtomically(
    input.parts.map((p) => p.outputPath),
    async (temps) => {
      const args = uploadCutPartsArgs({
        inputPath: input.sourcePath,
        inSec,
        sourceDurationSec: endSec - inSec,
        parts: input.parts.map((p, i) => ({
          outputPath: temps[i]!,
          offsetFrames: Math.round((p.inSec - inSec) * UPLOAD_FPS),
          durationSec: Math.max(MIN_UPLOAD_SEC, p.outSec - p.inSec),
        })),
        ...(input.crop ? { crop: input.crop } : {}),
      })
      await runner.ffmpeg(args, runOptions(input))
    },
    (temp, i) => checkWritten(runner, temp, input.parts[i]!.outputPath, input.parts[i]!.inSec, input.signal),
  )
}
