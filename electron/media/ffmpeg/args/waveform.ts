import { ffSec } from '../time'
import { FIRST_SOUND_ONLY } from './streams'

/**
 * Decoded first audio stream as mono signed 16-bit PCM at a low rate, written to stdout; only [fromSec, toSec)
 * when a range is given (an accurate seek: the first sample is the one at fromSec).
 */
export function waveformPcmArgs(
  inputPath: string,
  sampleRate: number,
  range?: { fromSec: number; toSec: number },
): readonly string[] {
  return [
    '-v',
    'error',
    ...(range ? ['-ss', ffSec(range.fromSec), '-t', ffSec(range.toSec - range.fromSec)] : []),
    '-i',
    inputPath,
    ...FIRST_SOUND_ONLY,
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
