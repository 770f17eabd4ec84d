import { stat } from 'node:fs/promises'
import { AppError } from '../../shared/domain/errors'
import type { FocusBox } from '../../shared/domain/focus'
import { writeAtomically } from './atomicOutput'
import { uploadCutArgs } from './ffmpeg/args/uploadCut'
import { progressFraction } from './ffmpeg/progress'
import type { FfmpegRunner, RunOptions } from './ffmpeg/run'
import { probeMedia } from './probe'

/** Shorter segments are padded to this by holding the last frame (MMAudio's sync model, Synchformer, needs at least 0.64 s of picture). */
export const MIN_UPLOAD_SEC = 1

export interface PrepareUploadInput {
  sourcePath: string
  inSec: number
  outSec: number
  /** Where the .mp4 goes; written to a temp name and renamed into place. */
  outputPath: string
  /** Crop to this part of the displayed frame before scaling (see focusCropFilter); absent = the whole frame. */
  focus?: FocusBox | null
  signal?: AbortSignal
  /** 0..1 */
  onProgress?: (fraction: number) => void
}

export interface PreparedUpload {
  path: string
  /** Length of the written file (≥ MIN_UPLOAD_SEC unless the source ends sooner). */
  durationSec: number
  bytes: number
}

/**
 * Cuts [inSec, outSec) of a clip to its own MP4 as MMAudio sees it: 25 fps CFR, 384 px short side, H.264
 * yuv420p, no audio, faststart. The model reads from t=0 of the file, so the first frame is the one at inSec.
 */
export async function prepareUpload(runner: FfmpegRunner, input: PrepareUploadInput): Promise<PreparedUpload> {
  const { inSec, outSec } = input
  if (!(Number.isFinite(inSec) && Number.isFinite(outSec) && inSec >= 0 && outSec > inSec)) {
    throw new AppError(
      'BAD_INPUT',
      `A segment must start at 0 s or later and end after it starts (got ${inSec} s to ${outSec} s).`,
    )
  }
  const sourceDurationSec = outSec - inSec
  const outputDurationSec = Math.max(MIN_UPLOAD_SEC, sourceDurationSec)
  const options: RunOptions = {}
  if (input.signal) options.signal = input.signal
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
      focus: input.focus ?? null,
    })
    await runner.ffmpeg(args, options)
    const written = await probeMedia(runner, temp, input.signal).catch(() => null)
    if (!written?.video || written.durationSec <= 0) {
      throw new AppError(
        'BAD_INPUT',
        `The segment from ${inSec} s is past the end of the clip: there is no picture to send.`,
      )
    }
    const { size } = await stat(temp)
    return { path: input.outputPath, durationSec: written.durationSec, bytes: size }
  })
}
