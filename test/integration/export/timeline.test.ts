// A two-clip, three-take timeline exported through the real ffmpeg: length, format, loudness and timing.
import { mkdtempSync, readdirSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { ExportResult } from '../../../shared/domain/export'
import type { Project } from '../../../shared/domain/project'
import { createExportService } from '../../../electron/jobs/export'
import { createJobRegistry } from '../../../electron/jobs/jobs'
import { createFfmpegRunner } from '../../../electron/media/ffmpeg/run'
import { decodeAudio, probeJson, testBinaries } from '../../fixtures/media'
import { CLICK_AT_SEC, findClickSec, measureLoudness, twoClipTimeline } from '../../fixtures/exportProject'

const FRAME_SEC = 1 / 30
const dir = mkdtempSync(join(tmpdir(), 'export-timeline-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

let project: Project
const service = createExportService({
  runner: createFfmpegRunner(testBinaries()),
  jobs: createJobRegistry(),
  tmpDir: dir,
})
beforeAll(async () => {
  project = await twoClipTimeline()
})

describe('export of a two-clip timeline with three takes (web preset)', () => {
  const out = join(dir, 'mein Film – двa.mp4')
  let result: ExportResult
  beforeAll(async () => {
    result = await service.run(project, { destinationPath: out, preset: 'web' })
  })

  it('reports what it wrote', () => {
    expect(result).toMatchObject({ paths: [out], durationSec: 7.5, videoCopied: false })
    // Nothing else is left behind: no temp output, no work folder.
    expect(readdirSync(dir)).toEqual(['mein Film – двa.mp4'])
  })

  it('is as long as the timeline, to within one frame, in every stream', async () => {
    const info = await probeJson(out)
    expect(Math.abs(Number(info.format.duration) - 7.5)).toBeLessThanOrEqual(FRAME_SEC)
    const video = info.streams.find((s) => s.codec_type === 'video')!
    const audio = info.streams.find((s) => s.codec_type === 'audio')!
    expect(Math.abs(Number(video.duration) - 7.5)).toBeLessThanOrEqual(FRAME_SEC)
    expect(Math.abs(Number(audio.duration) - 7.5)).toBeLessThanOrEqual(FRAME_SEC)
    expect(Math.abs(Number(video.nb_frames) - 225)).toBeLessThanOrEqual(1)
    expect(video).toMatchObject({ codec_name: 'h264', width: 640, height: 360, r_frame_rate: '30/1' })
  })

  it('has 48 kHz stereo AAC', async () => {
    const audio = (await probeJson(out)).streams.find((s) => s.codec_type === 'audio')!
    expect(audio).toMatchObject({ codec_name: 'aac', sample_rate: '48000', channels: 2 })
  })

  it('is at −14 LUFS (±1 LU) and within the true-peak ceiling, as measured and as reported', async () => {
    const measured = await measureLoudness(out)
    console.info(`web preset: ${measured.integratedLufs} LUFS, ${measured.truePeakDbtp} dBTP`)
    expect(Math.abs(measured.integratedLufs - -14)).toBeLessThanOrEqual(1)
    expect(measured.truePeakDbtp).toBeLessThanOrEqual(-1 + 0.5)
    expect(result.integratedLufs).toBeCloseTo(measured.integratedLufs, 1)
    expect(result.truePeakDbtp).toBeCloseTo(measured.truePeakDbtp, 1)
  })

  it('sounds the click at 3.500 s ± 5 ms (take placement + nudge, resampling and AAC delay all accounted for)', async () => {
    const samples = await decodeAudio(out, 48000)
    const clickSec = findClickSec(samples, 48000, 2.5, 4.5)
    console.info(`click found at ${clickSec.toFixed(4)} s (offset ${((clickSec - CLICK_AT_SEC) * 1000).toFixed(2)} ms)`)
    expect(Math.abs(clickSec - CLICK_AT_SEC)).toBeLessThanOrEqual(0.005)
  })

  it('ducks the original under the takes: the tone is about 10 dB (duckDb) quieter under a take', async () => {
    const samples = await decodeAudio(out, 48000)
    // The tone's own level (its 440 Hz component), so the noise of the take playing over it does not count.
    const toneDb = (fromSec: number, toSec: number): number => {
      let re = 0
      let im = 0
      const a = Math.floor(fromSec * 48000)
      const b = Math.floor(toSec * 48000)
      for (let n = a; n < b; n++) {
        const phase = (2 * Math.PI * 440 * n) / 48000
        re += samples[n]! * Math.cos(phase)
        im += samples[n]! * Math.sin(phase)
      }
      return 20 * Math.log10((2 * Math.hypot(re, im)) / (b - a))
    }
    // 0.0–0.2 s: the tone alone. 1.0–2.0 s: the noise take plays and the tone is fully ducked.
    const clearDb = toneDb(0, 0.2)
    const duckedDb = toneDb(1.0, 2.0)
    console.info(`tone in the clear ${clearDb.toFixed(1)} dB, under a take ${duckedDb.toFixed(1)} dB`)
    expect(clearDb - duckedDb).toBeCloseTo(10, 0)
  })
})

describe('stems', () => {
  it('writes mix, generated and original WAVs (48 kHz, 24-bit, timeline-long) that sum to the mix', async () => {
    const result = await service.run(project, { destinationPath: join(dir, 'stems'), preset: 'stems' })
    expect(result.paths).toEqual(['mix', 'generated', 'original'].map((k) => join(dir, `stems_${k}.wav`)))
    expect(result.integratedLufs).toBeNull()
    for (const path of result.paths) {
      const audio = (await probeJson(path)).streams[0]!
      expect(audio).toMatchObject({ codec_name: 'pcm_s24le', sample_rate: '48000', channels: 2 })
      expect(Math.abs(Number(audio.duration) - 7.5)).toBeLessThan(0.001)
    }
    const [mix, generated, original] = await Promise.all(result.paths.map((p) => decodeAudio(p)))
    let worst = 0
    for (let n = 0; n < mix!.length; n++) worst = Math.max(worst, Math.abs(mix![n]! - generated![n]! - original![n]!))
    expect(worst).toBeLessThan(1e-4)
    expect(generated!.slice(0, 24000).every((x) => x === 0)).toBe(true)
  })
})
