// A take's audio file: what a provider returned, reduced to its first audio stream as 48 kHz float WAV of an
// exact length (run by ../../normaliseResult), and the rate and format every chunk join writes too.
import { FIRST_SOUND_ONLY } from './streams'

/** The rate every take is stored at: the rate of video sound, whatever rate the provider returned. */
export const TAKE_SAMPLE_RATE = 48000

export interface TakeAudioOptions {
  inputPath: string
  /** A .wav path. */
  outputPath: string
  /** Exact length in samples at TAKE_SAMPLE_RATE: longer input is cut, shorter is padded with silence. */
  sampleCount: number
}

/**
 * The loudness meter (EBU R128, integrated only) the take passes through on its way to the file: it changes no
 * sample, and its summary (printed at the info level) is the take's loudness, with no second ffmpeg run.
 */
export const TAKE_LOUDNESS_METER = 'ebur128=framelog=verbose'

/**
 * First audio stream of whatever a provider returned → 48 kHz float WAV of exactly `sampleCount` samples, metered
 * on the way (its summary in stderr: parseEbur128Summary).
 */
export function takeAudioArgs(o: TakeAudioOptions): readonly string[] {
  const n = o.sampleCount
  return [
    '-v',
    'info',
    '-hide_banner',
    '-i',
    o.inputPath,
    ...FIRST_SOUND_ONLY,
    '-map_metadata',
    '-1',
    '-af',
    `aresample=${TAKE_SAMPLE_RATE},apad=whole_len=${n},atrim=end_sample=${n},${TAKE_LOUDNESS_METER}`,
    ...takeWavOutputArgs(o.outputPath),
  ]
}

/** A take's file as written: TAKE_SAMPLE_RATE float WAV, replacing what is there (a temp path). */
export function takeWavOutputArgs(outputPath: string): readonly string[] {
  return ['-ar', String(TAKE_SAMPLE_RATE), '-c:a', 'pcm_f32le', '-f', 'wav', '-y', outputPath]
}
