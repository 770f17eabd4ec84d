// Files that are videos of an awkward kind, or look like videos and are not whole: camcorder MPEG-TS, half a
// download, a picture no encoder can take, a pipe named like a clip, and an ffprobe that crashes. Each imports,
// or is refused with a sentence that says what is wrong, before anything is generated or paid for.
import { execFileSync } from 'node:child_process'
import { chmodSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { createFfmpegRunner } from '../../../electron/media/ffmpeg/run'
import { importAsset } from '../../../electron/media/importAsset'
import { bytesFixture, lavfiFixture, testBinaries, H264_FIXTURE } from '../../fixtures/media'

const runner = createFfmpegRunner(testBinaries())
const refusal = (path: string) =>
  importAsset(runner, path).then(
    () => null,
    (e: unknown) => e as { code: string; message: string },
  )

/** A camcorder-like clip: H.264 + AC-3/AAC in an MPEG transport stream, as AVCHD writes .mts/.m2ts. */
const transportStream = (name: string, format: 'mpegts' | 'm2ts'): Promise<string> =>
  lavfiFixture(name, [
    '-f',
    'lavfi',
    '-i',
    'testsrc2=size=640x360:rate=25:duration=2',
    '-f',
    'lavfi',
    '-i',
    'sine=frequency=440:duration=2',
    ...H264_FIXTURE,
    '-g',
    '25',
    '-c:a',
    'aac',
    '-f',
    'mpegts',
    ...(format === 'm2ts' ? ['-mpegts_m2ts_mode', '1'] : []),
  ])

/** An 8 s fast-start MP4 (header first, as downloads are), with one-second keyframes like a camera's. */
const fastStart = (name: string): Promise<string> =>
  lavfiFixture(name, [
    '-f',
    'lavfi',
    '-i',
    'testsrc2=size=640x360:rate=25:duration=8',
    '-f',
    'lavfi',
    '-i',
    'sine=duration=8',
    ...H264_FIXTURE,
    '-g',
    '25',
    '-c:a',
    'aac',
    '-movflags',
    '+faststart',
  ])

describe('importing odd media', () => {
  it('camcorder MPEG-TS (.mts and .m2ts) imports with the ffprobe the app ships', async () => {
    for (const [name, format] of [
      ['camera 0001.mts', 'mpegts'],
      ['camera 0002.m2ts', 'm2ts'],
    ] as const) {
      const asset = await importAsset(runner, await transportStream(name, format))
      expect(asset.video).toMatchObject({ codec: 'h264', width: 640, height: 360 })
      expect(asset.audio?.codec).toBe('aac')
      expect(asset.durationSec).toBeGreaterThan(1.9)
    }
  })

  it.skipIf(process.platform === 'win32')(
    'an ffprobe that crashes is named as the fault, not the file called "not a video"',
    async () => {
      const dir = mkdtempSync(join(tmpdir(), 'crashing-probe-'))
      const crashing = join(dir, 'ffprobe')
      writeFileSync(crashing, '#!/bin/sh\nkill -SEGV $$\n')
      chmodSync(crashing, 0o755)
      const clip = await fastStart('whole.mp4')
      const e = await importAsset(createFfmpegRunner({ ...testBinaries(), ffprobe: crashing }), clip).catch(
        (x: unknown) => x,
      )
      expect(e).toMatchObject({
        code: 'FFMPEG',
        message: expect.stringMatching(/^"whole\.mp4" could not be checked: ffprobe crashed \(SIGSEGV\)/),
      })
      expect((e as Error).message).not.toMatch(/is not a video file MMAudio Studio can read/)
    },
  )

  it('half of a fast-start MP4 (its header promises 8 s) is refused as truncated; the whole file imports', async () => {
    const whole = await fastStart('download.mp4')
    expect((await importAsset(runner, whole)).durationSec).toBeCloseTo(8, 1)
    const bytes = readFileSync(whole)
    const half = bytesFixture('download (half).mp4', bytes.subarray(0, Math.floor(bytes.length / 2)))
    expect(await refusal(half)).toMatchObject({
      code: 'NOT_A_VIDEO',
      message: expect.stringMatching(
        /^"download \(half\)\.mp4" looks truncated: it says it lasts 8\.00 s but has (no picture near its end|picture only up to [34]\.\d\d s)/,
      ),
    })
  })

  it('a whole clip with one keyframe for its 6 s (a long GOP) is not mistaken for a truncated one', async () => {
    const oneGop = await lavfiFixture('one keyframe.mp4', [
      '-f',
      'lavfi',
      '-i',
      'testsrc2=size=1280x720:rate=30:duration=6',
      ...H264_FIXTURE,
      '-g',
      '300',
    ])
    expect((await importAsset(runner, oneGop)).durationSec).toBeCloseTo(6, 1)
  })

  it('half of a Matroska file is refused as truncated too', async () => {
    const mkv = await lavfiFixture('whole.mkv', ['-i', await fastStart('for mkv.mp4'), '-c', 'copy'])
    const bytes = readFileSync(mkv)
    const half = bytesFixture('cut.mkv', bytes.subarray(0, Math.floor(bytes.length / 2)))
    expect(await refusal(half)).toMatchObject({
      code: 'NOT_A_VIDEO',
      message: expect.stringMatching(
        /"cut\.mkv" looks truncated: it says it lasts 8\.\d\d s but has picture only up to [34]\.\d\d s/,
      ),
    })
  })

  it('a picture too narrow for the model (4097×17) is refused at import with what to do, not encoder jargon', async () => {
    // Lossless FFV1 keeps the odd size exactly (x264 would round it).
    const sliver = await lavfiFixture('sliver.mkv', [
      '-f',
      'lavfi',
      '-i',
      'testsrc2=size=4097x17:rate=25:duration=1',
      '-vf',
      'scale=4097:17',
      '-c:v',
      'ffv1',
    ])
    const e = await refusal(sliver)
    expect(e).toMatchObject({
      code: 'BAD_INPUT',
      message: expect.stringMatching(
        /^"sliver\.mkv" is 4097×17 pixels: too narrow a picture for MMAudio.*Crop or pad it/,
      ),
    })
    expect(e?.message).not.toMatch(/invalid width/)
  })

  it.skipIf(process.platform === 'win32')(
    'a FIFO or a device named like a clip is refused at once, a folder gets its own sentence',
    async () => {
      const dir = mkdtempSync(join(tmpdir(), 'import-odd-'))
      execFileSync('mkfifo', [join(dir, 'pipe.mp4')])
      const started = Date.now()
      expect(await refusal(join(dir, 'pipe.mp4'))).toMatchObject({
        code: 'BAD_INPUT',
        message: expect.stringMatching(/"pipe\.mp4" is a pipe, not a video file/),
      })
      expect(await refusal('/dev/zero')).toMatchObject({
        code: 'BAD_INPUT',
        message: expect.stringMatching(/"zero" is a device, not a video file/),
      })
      expect(Date.now() - started).toBeLessThan(2000)
      expect(await refusal(dir)).toMatchObject({
        code: 'BAD_INPUT',
        message: expect.stringMatching(/is a folder, not a video file/),
      })
    },
  )
})
