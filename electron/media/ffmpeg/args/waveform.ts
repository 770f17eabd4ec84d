/** Decoded first audio stream as mono signed 16-bit PCM at a low rate, written to stdout. */
export function waveformPcmArgs(inputPath: string, sampleRate: number): readonly string[] {
  return [
    '-v',
    'error',
    '-i',
    inputPath,
    '-map',
    '0:a:0',
    '-vn',
    '-sn',
    '-dn',
    '-ac',
    '1',
    '-ar',
    String(sampleRate),
    '-c:a',
    'pcm_s16le',
    '-f',
    's16le',
    'pipe:1',
  ]
}
