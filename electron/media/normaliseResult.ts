import { AppError, isAppError } from '../../shared/domain/errors'
import { writeAtomically } from './atomicOutput'
import { TAKE_SAMPLE_RATE, takeAudioArgs } from './ffmpeg/args/takeAudio'
import type { FfmpegRunner } from './ffmpeg/run'
import { meterReading } from './measureLoudness'

export interface NormaliseResultInput {
  /** What the provider returned: MP4 with AAC, FLAC, WAV, MP3 … possibly with a video stream. */
  inputPath: string
  /** Where the .wav goes; written to a temp name and renamed into place. */
  outputPath: string
  /** The length that was asked for: the take is cut (or padded with silence) to exactly this. */
  durationSec: number
  signal?: AbortSignal
  /** At the lowest CPU priority (upload cuts others wait for are being made: they come first). */
  lowPriority?: boolean
}

export interface NormalisedTake {
  path: string
  /** Exact length of the written WAV (a whole number of 48 kHz samples). */
  durationSec: number
  /** Its integrated loudness (LUFS), metered as it was written; null for silence or when the meter said nothing. */
  integratedLufs: number | null
}

/**
 * A provider's result → its first audio stream as a 48 kHz float WAV of exactly the requested length, and its
 * loudness. One ffmpeg run: what it says when the file has no sound, or is no media at all, becomes the sentence (no probe first,
 * which would cost a second process on the way from "the provider finished" to the take).
 */
export async function normaliseResult(runner: FfmpegRunner, input: NormaliseResultInput): Promise<NormalisedTake> {
  if (!(Number.isFinite(input.durationSec) && input.durationSec > 0)) {
    throw new AppError('BAD_INPUT', `A take must have a positive length (got ${input.durationSec} s).`)
  }
  const sampleCount = Math.round(input.durationSec * TAKE_SAMPLE_RATE)
  const { stderr } = await writeAtomically(input.outputPath, (temp) =>
    runner
      .ffmpeg(takeAudioArgs({ inputPath: input.inputPath, outputPath: temp, sampleCount }), {
        ...(input.signal ? { signal: input.signal } : {}),
        ...(input.lowPriority ? { lowPriority: true } : {}),
      })
      .catch((e: unknown) => {
        throw isAppError(e) && e.code === 'FFMPEG' ? notUsable(e) : e
      }),
  )
  return { path: input.outputPath, durationSec: sampleCount / TAKE_SAMPLE_RATE, integratedLufs: meterReading(stderr) }
}

/** ffmpeg could not read a sound from the result: the provider's file has none, or is not media at all. */
function notUsable(cause: AppError): AppError {
  if (/matches no streams/.test(cause.message)) {
    return new AppError('PROVIDER_FAILED', 'The provider returned a file with no sound in it. Try generating again.', {
      retryable: true,
      cause,
    })
  }
  return new AppError(
    'PROVIDER_FAILED',
    'The provider returned a file that is not audio or video, so there is no sound to use.',
    {
      retryable: true,
      cause,
    },
  )
}
