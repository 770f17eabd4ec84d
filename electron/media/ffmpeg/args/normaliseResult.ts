/** The rate every take is stored at (mmaudio.md §7.5). */
export const TAKE_SAMPLE_RATE = 48000

export interface NormaliseResultOptions {
  inputPath: string
  /** A .wav path. */
  outputPath: string
  /** Exact length in samples at TAKE_SAMPLE_RATE: longer input is cut, shorter is padded with silence. */
  sampleCount: number
}

/** First audio stream of whatever a provider returned → 48 kHz float WAV of exactly `sampleCount` samples. */
export function normaliseResultArgs(o: NormaliseResultOptions): readonly string[] {
  const n = o.sampleCount
  return [
    '-v', 'error',
    '-i', o.inputPath,
    '-map', '0:a:0', '-vn', '-sn', '-dn', '-map_metadata', '-1',
    '-af', `aresample=${TAKE_SAMPLE_RATE},apad=whole_len=${n},atrim=end_sample=${n}`,
    '-ar', String(TAKE_SAMPLE_RATE), '-c:a', 'pcm_f32le', '-f', 'wav', '-y', o.outputPath,
  ]
}
