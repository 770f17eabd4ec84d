import { existsSync, mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { createFfmpegRunner } from '../../../electron/media/ffmpeg/run'
import { integratedLufs } from '../../../electron/media/measureLoudness'
import { normaliseResult } from '../../../electron/media/normaliseResult'
import { isAppError } from '../../../shared/domain/errors'
import { bytesFixture, decodeAudio, lavfiFixture, probeJson, testBinaries, testClip } from '../../fixtures/media'

const runner = createFfmpegRunner(testBinaries())
const outDir = mkdtempSync(join(tmpdir(), 'mmaudio-normalise-'))

const tone = (sec: number, rate = 44100, channels = 1): string[] => [
  '-f',
  'lavfi',
  '-i',
  `sine=frequency=440:sample_rate=${rate}:duration=${sec}`,
  '-ac',
  String(channels),
]

// What providers send back: the model's 8.011 s for an 8 s window, muxed into the video a few ms long, or short.
const inputs: Record<string, () => Promise<string>> = {
  'MP4 with video and AAC 44.1 kHz mono': () =>
    lavfiFixture('result.mp4', [
      '-f',
      'lavfi',
      '-i',
      'testsrc2=size=320x240:rate=25:duration=8.04',
      ...tone(8.04),
      '-c:v',
      'libx264',
      '-preset',
      'ultrafast',
      '-pix_fmt',
      'yuv420p',
      '-c:a',
      'aac',
      '-shortest',
    ]),
  'FLAC 44.1 kHz mono, 353280 samples': () => lavfiFixture('result.flac', [...tone(353280 / 44100), '-c:a', 'flac']),
  'WAV 16 kHz stereo, 7.5 s (short)': () => lavfiFixture('result.wav', [...tone(7.5, 16000, 2), '-c:a', 'pcm_s16le']),
  'MP3 44.1 kHz': () => lavfiFixture('result.mp3', [...tone(8.05), '-c:a', 'libmp3lame', '-b:a', '128k']),
}

const rms = (x: Float32Array, from: number, to: number): number => {
  let sum = 0
  for (let i = from; i < to; i++) sum += (x[i] as number) ** 2
  return Math.sqrt(sum / Math.max(1, to - from))
}

describe('normaliseResult: whatever the provider returns → 48 kHz WAV of the asked length', () => {
  for (const [label, make] of Object.entries(inputs)) {
    it(label, async () => {
      const input = await make()
      const outputPath = join(outDir, `${label}.wav`)
      const take = await normaliseResult(runner, { inputPath: input, outputPath, durationSec: 8 })
      expect(take).toMatchObject({ path: outputPath, durationSec: 8 })
      // Metered as it was written: the same number the loudness meter reads from the finished file.
      expect(take.integratedLufs).toBe(await integratedLufs(runner, outputPath))
      const json = await probeJson(outputPath)
      expect(json.streams).toHaveLength(1)
      expect(json.streams[0]).toMatchObject({ codec_type: 'audio', codec_name: 'pcm_f32le', sample_rate: '48000' })
      const samples = await decodeAudio(outputPath, 48000)
      expect(Math.abs(samples.length - 8 * 48000)).toBeLessThanOrEqual(48) // ±1 ms
      // the sound itself survived (a 440 Hz sine at -20 dBFS-ish peak 0.125)
      expect(rms(samples, 48000, 7 * 48000)).toBeGreaterThan(0.05)
      if (label.includes('short')) {
        expect(rms(samples, 7.55 * 48000, 8 * 48000)).toBe(0) // padded with silence
      }
    })
  }

  it('the requested length is kept to the sample for odd lengths', async () => {
    const input = await inputs['FLAC 44.1 kHz mono, 353280 samples']!()
    const take = await normaliseResult(runner, {
      inputPath: input,
      outputPath: join(outDir, 'odd.wav'),
      durationSec: 2.345678,
    })
    expect(take.durationSec).toBe(112593 / 48000) // 2.345678 s × 48 kHz = 112592.5 samples → 112593
    expect((await decodeAudio(take.path, 48000)).length).toBe(112593)
  })

  it('a result with no audio stream is PROVIDER_FAILED with a clear message, and writes nothing', async () => {
    const silentVideo = await testClip('no sound.mp4', { durationSec: 1, audio: false })
    const outputPath = join(outDir, 'none.wav')
    const e = await normaliseResult(runner, { inputPath: silentVideo, outputPath, durationSec: 1 }).catch(
      (x: unknown) => x,
    )
    expect(isAppError(e) && e.code).toBe('PROVIDER_FAILED')
    expect((e as Error).message).toMatch(/no sound/)
    expect(existsSync(outputPath)).toBe(false)
  })

  it('an HTML error page saved as the result is PROVIDER_FAILED, not an ffmpeg crash', async () => {
    const page = bytesFixture('result.mp4', Buffer.from('<html><body>502 Bad Gateway</body></html>'))
    const e = await normaliseResult(runner, {
      inputPath: page,
      outputPath: join(outDir, 'page.wav'),
      durationSec: 1,
    }).catch((x: unknown) => x)
    expect(isAppError(e) && e.code).toBe('PROVIDER_FAILED')
    expect((e as Error).message).toMatch(/not audio or video/)
  })
})
