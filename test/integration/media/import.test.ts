import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { createFfmpegRunner } from '../../../electron/media/ffmpeg/run'
import { importAsset } from '../../../electron/media/importAsset'
import { createMediaService } from '../../../electron/media/mediaService'
import { isAppError } from '../../../shared/domain/errors'
import {
  bytesFixture,
  lavfiFixture,
  probeJson,
  pseudoRandomBytes,
  rotatedClip,
  testBinaries,
  testClip,
  truncatedCopy,
  vfrClip,
} from '../../fixtures/media'

const runner = createFfmpegRunner(testBinaries())

async function importError(path: string): Promise<{ code: string; message: string }> {
  const e = await importAsset(runner, path).then(
    () => null,
    (err: unknown) => err,
  )
  if (!isAppError(e)) throw new Error(`expected an AppError for ${path}, got ${String(e)}`)
  return { code: e.code, message: e.message }
}

describe('importing files', () => {
  let clip: string
  beforeAll(async () => {
    clip = await testClip('normal.mp4', { width: 640, height: 360, fps: 30, durationSec: 3 })
  })

  it('probes a normal clip: duration, size, fps, picture and sound', async () => {
    const asset = await importAsset(runner, clip)
    expect(asset.name).toBe('normal.mp4')
    expect(asset.durationSec).toBeCloseTo(3, 1)
    expect(asset.video).toMatchObject({
      codec: 'h264',
      width: 640,
      height: 360,
      rotation: 0,
      displayWidth: 640,
      displayHeight: 360,
      fps: 30,
      vfr: false,
    })
    expect(asset.audio).toEqual({ codec: 'aac', sampleRate: 48000, channels: 1 })
    expect(asset.contentHash).toMatch(/^[0-9a-f]{64}$/)
  })

  it('the content hash is stable for the same file and differs between files', async () => {
    const other = await testClip('other.mp4', { durationSec: 2 })
    const [a, b, c] = await Promise.all([
      importAsset(runner, clip),
      importAsset(runner, clip),
      importAsset(runner, other),
    ])
    expect(a.contentHash).toBe(b.contentHash)
    expect(a.contentHash).not.toBe(c.contentHash)
    expect(a.id).not.toBe(b.id)
  })

  it('a path with spaces and non-Latin letters imports', async () => {
    const path = await testClip('my clip 日本語 ü.mp4', { durationSec: 1 })
    const asset = await importAsset(runner, path)
    expect(asset.name).toBe('my clip 日本語 ü.mp4')
    expect(asset.path).toBe(path)
    expect(asset.durationSec).toBeGreaterThan(0.9)
  })

  it('a rotated phone clip reports its rotation and the size it is shown at', async () => {
    const landscape = await testClip('phone-coded.mp4', { width: 640, height: 360, durationSec: 1, audio: false })
    const phone = await rotatedClip('phone portrait.mp4', landscape, 270)
    const raw = (await probeJson(phone)).streams[0] as { side_data_list?: Array<{ rotation?: number }> }
    const ffprobeRotation = raw.side_data_list?.[0]?.rotation
    expect(Math.abs(ffprobeRotation ?? 0)).toBe(90) // ffprobe sees the display matrix
    const asset = await importAsset(runner, phone)
    expect(asset.video).toMatchObject({ width: 640, height: 360, displayWidth: 360, displayHeight: 640 })
    expect(asset.video.rotation).toBe((360 - (ffprobeRotation ?? 0)) % 360)
  })

  it('a variable-frame-rate clip is flagged VFR', async () => {
    const asset = await importAsset(runner, await vfrClip('vfr.mp4'))
    expect(asset.video.vfr).toBe(true)
    expect(asset.video.fps).toBeGreaterThan(20)
    expect(asset.video.fps).toBeLessThan(30)
    const cfr = await importAsset(runner, clip)
    expect(cfr.video.vfr).toBe(false)
  })

  it('odd dimensions are reported as they are', async () => {
    const odd = await lavfiFixture('odd 373x211.mkv', [
      // testsrc2 rounds its size to even numbers; scale makes it odd. 4:4:4 because 4:2:0 needs even sizes.
      '-f',
      'lavfi',
      '-i',
      'testsrc2=size=374x212:rate=25:duration=1',
      '-vf',
      'scale=373:211',
      '-c:v',
      'libx264',
      '-pix_fmt',
      'yuv444p',
    ])
    const asset = await importAsset(runner, odd)
    expect(asset.video).toMatchObject({ width: 373, height: 211, displayWidth: 373, displayHeight: 211, fps: 25 })
  })

  it('a missing file: FILE_NOT_FOUND, naming the file', async () => {
    const e = await importError(join(tmpdir(), 'no such folder', 'gone.mp4'))
    expect(e).toEqual({
      code: 'FILE_NOT_FOUND',
      message: expect.stringMatching(/^"gone.mp4" was not found at .*moved, renamed or deleted/),
    })
  })

  it('a 0-byte file: NOT_A_VIDEO, "is empty"', async () => {
    const e = await importError(bytesFixture('empty.mp4', new Uint8Array()))
    expect(e.code).toBe('NOT_A_VIDEO')
    expect(e.message).toMatch(/^"empty.mp4" is empty/)
  })

  it('a text file: NOT_A_VIDEO, not a video file MMAudio Studio can read', async () => {
    const e = await importError(
      bytesFixture('notes.txt', Buffer.from('Shot list:\n1. door slam\n2. footsteps on gravel\n')),
    )
    expect(e).toEqual({
      code: 'NOT_A_VIDEO',
      message: expect.stringMatching(/^"notes.txt" is not a video file MMAudio Studio can read/),
    })
  })

  it('random bytes (even named .mp4): NOT_A_VIDEO, not a video file', async () => {
    for (const name of ['junk.bin', 'junk.mp4']) {
      const e = await importError(bytesFixture(name, pseudoRandomBytes(200_000)))
      expect(e.code).toBe('NOT_A_VIDEO')
      expect(e.message).toMatch(/is not a video file MMAudio Studio can read/)
    }
  })

  it('a truncated MP4 (moov atom lost): NOT_A_VIDEO, damaged or incomplete', async () => {
    const cut = truncatedCopy(clip, 'interrupted copy.mp4', 60_000)
    const e = await importError(cut)
    expect(e.code).toBe('NOT_A_VIDEO')
    expect(e.message).toMatch(/^"interrupted copy.mp4" is damaged or incomplete \(moov atom not found\)/)
  })

  it('an audio-only file: NOT_A_VIDEO, has no picture', async () => {
    const song = await lavfiFixture('song.m4a', ['-f', 'lavfi', '-i', 'sine=duration=1', '-c:a', 'aac'])
    const e = await importError(song)
    expect(e).toEqual({ code: 'NOT_A_VIDEO', message: expect.stringMatching(/^"song.m4a" has no picture/) })
  })

  it('a song with cover art (an attached picture) still has no picture to score', async () => {
    const song = await lavfiFixture('song with cover.mp3', [
      '-f',
      'lavfi',
      '-i',
      'sine=duration=1',
      '-f',
      'lavfi',
      '-i',
      'testsrc2=size=300x300:duration=0.04',
      '-map',
      '0:a',
      '-map',
      '1:v',
      '-c:a',
      'libmp3lame',
      '-c:v',
      'mjpeg',
      '-frames:v',
      '1',
      '-disposition:v:0',
      'attached_pic',
    ])
    const raw = await probeJson(song)
    expect(raw.streams.map((x) => x.codec_type).sort()).toEqual(['audio', 'video'])
    const e = await importError(song)
    expect(e).toEqual({ code: 'NOT_A_VIDEO', message: expect.stringMatching(/^"song with cover.mp3" has no picture/) })
  })

  it('a batch with every kind of bad file imports the good ones and explains each failure', async () => {
    const allowed: string[] = []
    const service = createMediaService({
      runner,
      cacheDir: mkdtempSync(join(tmpdir(), 'mmaudio-import-')),
      mediaUrl: (p) => `media://${p}`,
      allow: (p) => allowed.push(p),
    })
    const good = await testClip('my clip 日本語 ü.mp4', { durationSec: 1 })
    const paths = [
      bytesFixture('empty.mp4', new Uint8Array()),
      clip,
      bytesFixture('notes.txt', Buffer.from('Shot list:\n1. door slam\n2. footsteps on gravel\n')),
      truncatedCopy(clip, 'interrupted copy.mp4', 60_000),
      '/definitely/not/here.mov',
      good,
    ]
    const { assets, failures } = await service.importFiles(paths)
    expect(assets.map((a) => a.path)).toEqual([clip, good])
    expect([...allowed].sort()).toEqual([clip, good].sort()) // allowed as each finishes, in any order
    expect(failures.map((f) => [f.path, f.error.code])).toEqual([
      [paths[0], 'NOT_A_VIDEO'],
      [paths[2], 'NOT_A_VIDEO'],
      [paths[3], 'NOT_A_VIDEO'],
      ['/definitely/not/here.mov', 'FILE_NOT_FOUND'],
    ])
    for (const f of failures) expect(f.error.message.length).toBeGreaterThan(20)
  })
})
