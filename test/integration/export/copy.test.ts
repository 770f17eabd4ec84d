// One clip used whole: the picture must be stream-copied, bit for bit, and the export must be quick.
import { execFile } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { afterAll, describe, expect, it } from 'vitest'
import { createExportService } from '../../../electron/jobs/export'
import { createJobRegistry } from '../../../electron/jobs/jobs'
import { createFfmpegRunner } from '../../../electron/media/ffmpeg/run'
import type { JobStage } from '../../../shared/domain/job'
import { decodeAudio, lavfiFixture, probeJson, testBinaries, testClip } from '../../fixtures/media'
import { exportProject, findClickSec, measureLoudness, probeAsset, takeWav } from '../../fixtures/exportProject'

const run = promisify(execFile)
const dir = mkdtempSync(join(tmpdir(), 'export-copy-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

/** MD5 of the first video stream's packets: equal only if no frame was re-encoded. */
async function videoPacketsMd5(path: string): Promise<string> {
  const { stdout } = await run(testBinaries().ffmpeg, [
    '-v',
    'error',
    '-i',
    path,
    '-map',
    '0:v:0',
    '-c',
    'copy',
    '-f',
    'md5',
    '-',
  ])
  return stdout.trim()
}

describe('export of one clip used whole', () => {
  it('copies the video stream untouched and only re-encodes the audio (podcast preset)', async () => {
    const source = await testClip('tone 640x360.mp4', { durationSec: 5 })
    const take = await takeWav('noise take.wav', { durationSec: 2 })
    const asset = await probeAsset('one', source)
    const project = exportProject(
      [asset],
      [{ assetId: 'one', startSec: 0, inSec: 0, outSec: asset.durationSec }],
      [{ path: take, durationSec: 2, segment: { startSec: 1, endSec: 3 } }],
    )
    const service = createExportService({
      runner: createFfmpegRunner(testBinaries()),
      jobs: createJobRegistry(),
      tmpDir: dir,
    })
    const out = join(dir, 'copied.mp4')
    const stages: JobStage[] = []
    const started = performance.now()
    const result = await service.run(
      project,
      { destinationPath: out, preset: 'podcast' },
      {
        onProgress: (stage) => {
          if (stages[stages.length - 1] !== stage) stages.push(stage)
        },
      },
    )
    const elapsedMs = performance.now() - started
    console.info(`stream-copy export of a 5 s clip: ${elapsedMs.toFixed(0)} ms`)

    expect(result.videoCopied).toBe(true)
    expect(stages).toEqual(['measuring', 'encoding', 'finishing'])
    expect(await videoPacketsMd5(out)).toBe(await videoPacketsMd5(source))
    const pick = (s: Record<string, unknown>) => ({
      codec_name: s.codec_name,
      profile: s.profile,
      width: s.width,
      height: s.height,
      pix_fmt: s.pix_fmt,
      r_frame_rate: s.r_frame_rate,
      bit_rate: s.bit_rate,
      nb_frames: s.nb_frames,
    })
    const before = (await probeJson(source)).streams.find((s) => s.codec_type === 'video')!
    const after = await probeJson(out)
    expect(pick(after.streams.find((s) => s.codec_type === 'video')!)).toEqual(pick(before))
    expect(after.streams.find((s) => s.codec_type === 'audio')).toMatchObject({
      codec_name: 'aac',
      sample_rate: '48000',
      channels: 2,
    })
    expect(Math.abs((await measureLoudness(out)).integratedLufs - -16)).toBeLessThanOrEqual(1)
    // No picture is decoded or encoded: a 5 s clip takes well under its own length on two cores.
    expect(elapsedMs).toBeLessThan(5000)
  })

  it('keeps the clip’s own audio in sync when it starts after the picture (as phone recordings often do)', async () => {
    // The audio stream starts 0.5 s after the video, with a click on its first sample.
    const source = await lavfiFixture('late audio.mp4', [
      '-f',
      'lavfi',
      '-i',
      'testsrc2=size=320x240:rate=30:duration=3',
      '-itsoffset',
      '0.5',
      '-f',
      'lavfi',
      '-i',
      "aevalsrc='0.5*eq(n,0)+0.05*sin(2*PI*220*t)':s=48000:d=2.5",
      '-c:v',
      'libx264',
      '-preset',
      'ultrafast',
      '-pix_fmt',
      'yuv420p',
      '-c:a',
      'aac',
      '-b:a',
      '128k',
    ])
    const asset = await probeAsset('late', source)
    const project = exportProject([asset], [{ assetId: 'late', startSec: 0, inSec: 0, outSec: asset.durationSec }], [])
    const service = createExportService({
      runner: createFfmpegRunner(testBinaries()),
      jobs: createJobRegistry(),
      tmpDir: dir,
    })
    const out = join(dir, 'late audio out.mp4')
    expect((await service.run(project, { destinationPath: out, preset: 'web' })).videoCopied).toBe(true)
    const clickSec = findClickSec(await decodeAudio(out), 48000, 0, 1.5)
    expect(Math.abs(clickSec - 0.5)).toBeLessThanOrEqual(0.005)
  })

  it('a clip without sound and no takes still exports, with a silent track and no loudness to report', async () => {
    const source = await testClip('silent 320x240.mp4', {
      durationSec: 5,
      width: 320,
      height: 240,
      fps: 25,
      audio: false,
    })
    const asset = await probeAsset('silent', source)
    const project = exportProject(
      [asset],
      [{ assetId: 'silent', startSec: 0, inSec: 0, outSec: asset.durationSec }],
      [],
    )
    const service = createExportService({
      runner: createFfmpegRunner(testBinaries()),
      jobs: createJobRegistry(),
      tmpDir: dir,
    })
    const out = join(dir, 'silent out.mp4')
    const result = await service.run(project, { destinationPath: out, preset: 'broadcast' })
    expect(result).toMatchObject({ videoCopied: true, integratedLufs: null })
    const audio = (await probeJson(out)).streams.find((s) => s.codec_type === 'audio')!
    expect(audio).toMatchObject({ codec_name: 'aac', sample_rate: '48000', channels: 2 })
    expect(Math.abs(Number(audio.duration) - asset.durationSec)).toBeLessThan(1 / 25)
    expect((await decodeAudio(out)).every((x) => x === 0)).toBe(true)
  })

  it('a whole ProRes .mov or an animated GIF as the only clip is re-encoded to H.264, not copied into an MP4 that cannot hold it', async () => {
    const prores = await lavfiFixture('whole prores.mov', [
      '-f',
      'lavfi',
      '-i',
      'testsrc2=size=320x240:rate=25:duration=2',
      '-c:v',
      'prores_ks',
      '-profile:v',
      '0',
    ])
    const gif = await lavfiFixture('whole animation.gif', [
      '-f',
      'lavfi',
      '-i',
      'testsrc2=size=160x120:rate=10:duration=2',
    ])
    const service = createExportService({
      runner: createFfmpegRunner(testBinaries()),
      jobs: createJobRegistry(),
      tmpDir: dir,
    })
    for (const [name, source] of [
      ['prores', prores],
      ['gif', gif],
    ] as const) {
      const asset = await probeAsset(name, source)
      expect(asset.video.codec).toBe(name)
      const project = exportProject([asset], [{ assetId: name, startSec: 0, inSec: 0, outSec: asset.durationSec }], [])
      const out = join(dir, `${name}.mp4`)
      const result = await service.run(project, { destinationPath: out, preset: 'web' })
      expect(result.videoCopied).toBe(false)
      const probed = await probeJson(out)
      expect(probed.streams.find((s) => s.codec_type === 'video')?.codec_name).toBe('h264')
      expect(Number(probed.format.duration)).toBeCloseTo(2, 0)
    }
  })
})
