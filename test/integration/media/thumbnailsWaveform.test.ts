import { mkdtempSync, readdirSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { createFfmpegRunner, type FfmpegRunner } from '../../../electron/media/ffmpeg/run'
import { countingRunner } from '../../fixtures/processes'
import { createMediaService } from '../../../electron/media/mediaService'
import { AppError } from '../../../shared/domain/errors'
import { decodeGrayFrames, lavfiFixture, meanLuma, probeJson, testBinaries, testClip } from '../../fixtures/media'

const realRunner = createFfmpegRunner(testBinaries())

function service(runner: FfmpegRunner, cacheDir = mkdtempSync(join(tmpdir(), 'mmaudio-cache-'))) {
  const allowed: string[] = []
  const media = createMediaService({
    runner,
    cacheDir,
    mediaUrl: (p) => `media://local/${encodeURIComponent(p)}`,
    allow: (p) => allowed.push(p),
  })
  return { media, allowed, cacheDir }
}

/**
 * 40 s, 128x72, luma 40 + 4·floor(t) so each second is recognisable; a keyframe every second (-g 30 like a
 * phone), every 5 s (sparse) or only one; a 440 Hz tone at 0.5 between 1 s and 2 s, silence elsewhere.
 */
function rampClip(name: string, gop: 'phone' | 'sparse' | 'one keyframe', durationSec = 40): Promise<string> {
  return lavfiFixture(name, [
    '-f',
    'lavfi',
    '-i',
    `color=black:s=128x72:r=30:d=${durationSec},geq=lum='40+4*floor(T)':cb=128:cr=128`,
    '-f',
    'lavfi',
    '-i',
    `aevalsrc='if(between(t\\,1\\,2)\\,0.5*sin(2*PI*440*t)\\,0)':s=48000:d=${durationSec}`,
    '-c:v',
    'libx264',
    '-preset',
    'ultrafast',
    '-pix_fmt',
    'yuv420p',
    ...(gop === 'one keyframe'
      ? ['-x264-params', 'keyint=100000:min-keyint=100000:scenecut=0']
      : ['-g', gop === 'phone' ? '30' : '150']),
    '-c:a',
    'aac',
    '-shortest',
  ])
}

/** The JPEG is full range: video luma 40 + 4k becomes (24 + 4k)·255/219. One second apart is ~4.7; black is 0. */
const spriteLumaOfSecond = (k: number): number => ((24 + 4 * k) * 255) / 219

/** Mean luma of each frame in a sprite strip. */
async function tileLumas(
  spritePath: string,
  frameCount: number,
  frameWidth: number,
  frameHeight: number,
): Promise<number[]> {
  const [sprite] = await decodeGrayFrames(spritePath, frameCount * frameWidth, frameHeight)
  return Array.from({ length: frameCount }, (_, k) => {
    const tile: number[] = []
    for (let y = 0; y < frameHeight; y++) {
      for (let x = k * frameWidth + 4; x < (k + 1) * frameWidth - 4; x++)
        tile.push(sprite![y * frameCount * frameWidth + x]!)
    }
    return meanLuma(Uint8Array.from(tile))
  })
}

describe('thumbnail sprite', () => {
  it('a long clip: one JPEG, one frame per second in order, none blank, from one keyframe per slot', async () => {
    const clip = await rampClip('ramp 40s.mp4', 'phone')
    const { runner, processes } = countingRunner()
    const { media, allowed } = service(runner)
    const started = performance.now()
    const strip = await media.thumbnails({ assetId: 'a1', path: clip })
    console.info(`thumbnails: 40 s clip in ${(performance.now() - started).toFixed(0)} ms, ${processes()} processes`)
    expect(strip).toEqual({
      url: expect.stringMatching(/^media:\/\/local\//),
      part: false,
      firstFrame: 0,
      frameCount: 40,
      frameWidth: 160,
      frameHeight: 90,
      intervalSec: 1,
    })
    const spritePath = decodeURIComponent(strip.url.replace('media://local/', ''))
    expect(allowed).toEqual([spritePath])
    expect(processes()).toBe(4) // a probe; the keyframes listed, the picked ones copied out, and decoded
    const json = await probeJson(spritePath)
    expect(json.streams[0]).toMatchObject({ codec_name: 'mjpeg', width: 40 * 160, height: 90 })
    const lumas = await tileLumas(spritePath, 40, 160, 90)
    // frame k shows second k, within one keyframe either way
    for (const [k, l] of lumas.entries()) expect(Math.abs(l - spriteLumaOfSecond(k))).toBeLessThanOrEqual(5.5)
  })

  it('the part on screen first: only its frames, in a small JPEG; then the whole; a part asked for after that is the whole', async () => {
    const clip = await rampClip('ramp 40s.mp4', 'phone')
    const { media } = service(realRunner)
    const part = await media.thumbnails({ assetId: 'p', path: clip, range: { fromSec: 10.2, toSec: 19.5 } })
    expect(part).toMatchObject({ part: true, firstFrame: 10, frameCount: 10, intervalSec: 1 })
    const lumas = await tileLumas(decodeURIComponent(part.url.replace('media://local/', '')), 10, 160, 90)
    for (const [i, l] of lumas.entries()) expect(Math.abs(l - spriteLumaOfSecond(10 + i))).toBeLessThanOrEqual(5.5)
    const whole = await media.thumbnails({ assetId: 'p', path: clip })
    expect(whole).toMatchObject({ part: false, firstFrame: 0, frameCount: 40 })
    expect(await media.thumbnails({ assetId: 'p', path: clip, range: { fromSec: 30, toSec: 35 } })).toEqual(whole)
    // A short clip is made whole at once, range or not.
    const short = await testClip('short for range.mp4', { durationSec: 3 })
    expect(await media.thumbnails({ assetId: 's', path: short, range: { fromSec: 1, toSec: 2 } })).toMatchObject({
      part: false,
      firstFrame: 0,
      frameCount: 3,
    })
  })

  it('an ffmpeg that cannot pick keyframes (no noise expressions): every keyframe decoded instead, same strip', async () => {
    const clip = await rampClip('ramp 40s.mp4', 'phone')
    const refusing: FfmpegRunner = {
      ...realRunner,
      ffmpeg: (args, options) =>
        args.includes('-bsf:v')
          ? Promise.reject(new AppError('FFMPEG', 'ffmpeg failed: Error in parsing expr for drop'))
          : realRunner.ffmpeg(args, options),
    }
    const strip = await service(refusing).media.thumbnails({ assetId: 'r', path: clip })
    const lumas = await tileLumas(decodeURIComponent(strip.url.replace('media://local/', '')), 40, 160, 90)
    for (const [k, l] of lumas.entries()) expect(Math.abs(l - spriteLumaOfSecond(k))).toBeLessThanOrEqual(5.5)
  })

  it('the second request for the same file does no ffmpeg work and gives the same strip', async () => {
    const clip = await testClip('normal.mp4', { width: 640, height: 360, fps: 30, durationSec: 3 })
    const { runner, processes } = countingRunner()
    const { media, cacheDir } = service(runner)
    const first = await media.thumbnails({ assetId: 'a', path: clip })
    const afterFirst = processes()
    expect(afterFirst).toBeGreaterThan(0)
    const second = await media.thumbnails({ assetId: 'a', path: clip })
    expect(processes()).toBe(afterFirst)
    expect(second).toEqual(first)
    // nothing half-written left in the cache
    expect(readdirSync(join(cacheDir, 'thumbnails')).filter((f) => f.includes('.tmp'))).toEqual([])
  })

  it('sparse keyframes (every 5 s): slots hold an earlier keyframe, in order, none left black at the end', async () => {
    const clip = await rampClip('ramp sparse.mp4', 'sparse')
    const strip = await service(realRunner).media.thumbnails({ assetId: 'b', path: clip })
    const lumas = await tileLumas(decodeURIComponent(strip.url.replace('media://local/', '')), 40, 160, 90)
    // h264 holds back the last keyframe when skipping non-keyframes, so the tail may lag by up to two GOPs.
    for (const [k, l] of lumas.entries()) {
      expect(l).toBeLessThanOrEqual(spriteLumaOfSecond(k) + 1)
      expect(l).toBeGreaterThanOrEqual(spriteLumaOfSecond(k - 10) - 1)
      if (k > 0) expect(l).toBeGreaterThanOrEqual((lumas[k - 1] as number) - 1)
    }
  })

  it('a long clip with a single keyframe still gets every frame (falls back to full decoding)', async () => {
    const clip = await rampClip('ramp one keyframe.mp4', 'one keyframe', 32)
    const { runner, processes } = countingRunner()
    const strip = await service(runner).media.thumbnails({ assetId: 'b', path: clip })
    expect(processes()).toBe(3) // probe, keyframes listed (only one), full pass
    expect(strip.frameCount).toBe(32)
    const lumas = await tileLumas(decodeURIComponent(strip.url.replace('media://local/', '')), 32, 160, 90)
    for (const [k, l] of lumas.entries()) expect(Math.abs(l - spriteLumaOfSecond(k))).toBeLessThanOrEqual(5.5)
  })

  it('a portrait phone clip gets portrait frames', async () => {
    const portrait = await testClip('portrait.mp4', { width: 360, height: 640, durationSec: 2, audio: false })
    const strip = await service(realRunner).media.thumbnails({ assetId: 'c', path: portrait })
    expect([strip.frameWidth, strip.frameHeight, strip.frameCount]).toEqual([50, 90, 2])
  })
})

describe('waveform peaks', () => {
  it('100 peaks per second that follow the sound: silence, a 0.5 tone from 1 s to 2 s, silence', async () => {
    const clip = await rampClip('ramp 40s.mp4', 'phone')
    const { runner, processes } = countingRunner()
    const { media } = service(runner)
    const started = performance.now()
    const { peaks, peaksPerSec } = await media.waveform(clip)
    console.info(`waveform: 40 s clip in ${(performance.now() - started).toFixed(0)} ms`)
    expect(peaksPerSec).toBe(100)
    expect(peaks.length).toBeGreaterThanOrEqual(3999)
    expect(peaks.length).toBeLessThanOrEqual(4002)
    expect(Math.max(...peaks.slice(0, 95))).toBeLessThan(0.02)
    expect(Math.min(...peaks.slice(110, 190))).toBeGreaterThan(0.42)
    expect(Math.max(...peaks.slice(110, 190))).toBeLessThan(0.58)
    expect(Math.max(...peaks.slice(210, 4000))).toBeLessThan(0.02)
    // the onset lands in the right bucket (±20 ms)
    expect(Math.abs(peaks.findIndex((p) => p > 0.2) - 100)).toBeLessThanOrEqual(2)

    const before = processes()
    const again = await media.waveform(clip)
    expect(processes()).toBe(before)
    expect(again.peaks).toEqual(peaks)
  })

  it('the part on screen first: the peaks of its whole seconds, from where they start; the whole file’s after', async () => {
    const clip = await rampClip('ramp 40s.mp4', 'phone')
    const { media } = service(realRunner)
    const part = await media.waveform(clip, { fromSec: 0.5, toSec: 2.4 })
    expect(part.startSec).toBe(0)
    expect(part.peaks.length).toBeGreaterThanOrEqual(299)
    expect(part.peaks.length).toBeLessThanOrEqual(301)
    const later = await media.waveform(clip, { fromSec: 1.5, toSec: 5 })
    expect(later.startSec).toBe(1)
    // The tone (1 s to 2 s) is at the start of this part: its onset lands in bucket 0 (±20 ms).
    expect(Math.min(...later.peaks.slice(5, 95))).toBeGreaterThan(0.42)
    expect(Math.max(...later.peaks.slice(110, 390))).toBeLessThan(0.02)
    const whole = await media.waveform(clip)
    expect(whole.startSec).toBe(0)
    expect(whole.peaks.length).toBeGreaterThanOrEqual(3999)
    expect(await media.waveform(clip, { fromSec: 30, toSec: 31 })).toEqual(whole)
  })

  it('a clip without sound has no peaks, and that is cached too', async () => {
    const silent = await testClip('silent.mp4', { durationSec: 1, audio: false })
    const { runner, processes } = countingRunner()
    const { media } = service(runner)
    expect(await media.waveform(silent)).toEqual({ peaks: [], peaksPerSec: 100, startSec: 0 })
    const before = processes()
    expect(await media.waveform(silent)).toEqual({ peaks: [], peaksPerSec: 100, startSec: 0 })
    expect(processes()).toBe(before)
  })
})

describe('asking for a file that is gone', () => {
  it('thumbnails and waveform say FILE_NOT_FOUND', async () => {
    const { media } = service(realRunner)
    const gone = join(tmpdir(), 'moved away', 'clip.mp4')
    await expect(media.thumbnails({ assetId: 'z', path: gone })).rejects.toMatchObject({ code: 'FILE_NOT_FOUND' })
    await expect(media.waveform(gone)).rejects.toMatchObject({ code: 'FILE_NOT_FOUND' })
  })
})
