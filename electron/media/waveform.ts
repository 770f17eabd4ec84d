import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { WaveformPeaks } from '../../shared/ipc/contract'
import { writeFileAtomically } from './atomicOutput'
import { contentHash } from './contentHash'
import { explainingFsErrors } from './fsErrors'
import type { MediaWorkInput } from './mediaWork'
import { waveformPcmArgs } from './ffmpeg/args/waveform'
import type { FfmpegRunner } from './ffmpeg/run'
import { probeMedia } from './probe'

export const PEAKS_PER_SEC = 100
/** Decoding rate for peaks: plenty for a drawn envelope, and a 1 h file is only ~55 MB of PCM streamed. */
const PCM_SAMPLE_RATE = 8000
/** Bump when the recipe changes so old cache entries are not reused. */
const RECIPE = 'v1'
const U16_MAX = 65535

export interface PeakAccumulator {
  /** Feed raw s16le bytes as they arrive; a sample split across chunks is handled. */
  push(chunk: Buffer): void
  /** Max |sample| per bucket, 0..1; a last partial bucket counts. */
  finish(): number[]
}

/** Pure streaming reducer: 16-bit PCM → peaks of `samplesPerBucket` samples each. */
export function createPeakAccumulator(samplesPerBucket: number): PeakAccumulator {
  const peaks: number[] = []
  let carry: Buffer | null = null
  let inBucket = 0
  let max = 0
  return {
    push(chunk) {
      const bytes = carry ? Buffer.concat([carry, chunk]) : chunk
      const whole = bytes.length & ~1
      carry = whole < bytes.length ? Buffer.from(bytes.subarray(whole)) : null
      for (let i = 0; i < whole; i += 2) {
        const v = Math.abs(bytes.readInt16LE(i))
        if (v > max) max = v
        if (++inBucket === samplesPerBucket) {
          peaks.push(Math.min(1, max / 32767))
          inBucket = 0
          max = 0
        }
      }
    },
    finish() {
      if (inBucket > 0) peaks.push(Math.min(1, max / 32767))
      inBucket = 0
      max = 0
      return peaks
    },
  }
}

/** Peaks ↔ the cache file: little-endian uint16, 0..65535 for 0..1. */
export function encodePeaks(peaks: readonly number[]): Buffer {
  const out = Buffer.alloc(peaks.length * 2)
  for (const [i, p] of peaks.entries()) out.writeUInt16LE(Math.round(Math.min(1, Math.max(0, p)) * U16_MAX), i * 2)
  return out
}

export function decodePeaks(bytes: Buffer): number[] {
  const peaks: number[] = []
  for (let i = 0; i + 1 < bytes.length; i += 2) peaks.push(bytes.readUInt16LE(i) / U16_MAX)
  return peaks
}

/**
 * Waveform peaks of a file's first audio stream in one ffmpeg pass (PCM streamed from stdout, never held
 * whole), cached in cacheDir by content hash. A file without sound has no peaks. With a range (what is on screen,
 * asked for first) and no peaks of the whole file yet: the peaks of whole seconds around it, not cached.
 */
export async function waveformPeaks(runner: FfmpegRunner, input: MediaWorkInput): Promise<WaveformPeaks> {
  const hash = await explainingFsErrors(input.path, () => contentHash(input.path))
  const cachePath = join(input.cacheDir, 'waveforms', `${hash}-${RECIPE}-${PEAKS_PER_SEC}.u16`)
  const cached = await readFile(cachePath).catch(() => null)
  if (cached) return { peaks: decodePeaks(cached), peaksPerSec: PEAKS_PER_SEC, startSec: 0 }

  const info = input.known ?? (await probeMedia(runner, input.path, input.signal))
  const range = input.range && {
    fromSec: Math.max(0, Math.floor(input.range.fromSec)),
    toSec: Math.min(Math.max(info.durationSec, 1), Math.ceil(input.range.toSec)),
  }
  let peaks: number[] = []
  if (info.audio && (!range || range.toSec > range.fromSec)) {
    const accumulator = createPeakAccumulator(PCM_SAMPLE_RATE / PEAKS_PER_SEC)
    await runner.ffmpeg(waveformPcmArgs(input.path, PCM_SAMPLE_RATE, range), {
      onStdout: (chunk) => accumulator.push(chunk),
      ...(input.signal ? { signal: input.signal } : {}),
    })
    peaks = accumulator.finish()
  }
  const bytes = encodePeaks(peaks)
  if (range) return { peaks: decodePeaks(bytes), peaksPerSec: PEAKS_PER_SEC, startSec: range.fromSec }
  await writeFileAtomically(cachePath, bytes)
  // Returned as stored, so the first and every cached answer are identical.
  return { peaks: decodePeaks(bytes), peaksPerSec: PEAKS_PER_SEC, startSec: 0 }
}
