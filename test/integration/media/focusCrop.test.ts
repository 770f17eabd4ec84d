// The focus box on real ffmpeg: the upload holds exactly the box's pixels of the frame as displayed (a rotated
// phone clip included), scaled so the box's short side is 384 px; and a flash at the frame's left edge, which
// the timing model's central square never sees, fills the upload when the box is put there.
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { createFfmpegRunner } from '../../../electron/media/ffmpeg/run'
import { prepareUpload } from '../../../electron/media/prepareUpload'
import type { FocusBox } from '../../../shared/domain/focus'
import { brightnessJumps } from '../../emulators/synthAudio'
import { flashClip, meanLuma, probeJson, rotatedClip, testBinaries, testClip } from '../../fixtures/media'

const runner = createFfmpegRunner(testBinaries())
const outDir = mkdtempSync(join(tmpdir(), 'mmaudio-focus-'))
const out = (name: string): string => join(outDir, name)

/** The first frame's luma plane, through `vf` if given (ffmpeg autorotates first, as players do). */
async function firstFrameGray(path: string, vf?: string): Promise<Uint8Array> {
  const { stdout } = await runner.ffmpeg(
    [
      '-v',
      'error',
      '-i',
      path,
      '-frames:v',
      '1',
      ...(vf ? ['-vf', vf] : []),
      '-f',
      'rawvideo',
      '-pix_fmt',
      'gray',
      'pipe:1',
    ],
    { captureStdout: true },
  )
  return new Uint8Array(stdout)
}

async function sizeOf(path: string): Promise<[number, number]> {
  const v = (await probeJson(path)).streams.find((s) => s.codec_type === 'video') as unknown as {
    width: number
    height: number
  }
  return [v.width, v.height]
}

const meanAbsDiff = (a: Uint8Array, b: Uint8Array): number => {
  expect(a.length).toBe(b.length)
  let sum = 0
  for (let i = 0; i < a.length; i++) sum += Math.abs(a[i]! - b[i]!)
  return sum / a.length
}

// fine grain everywhere, so a crop two pixels off in either direction looks different
const detailed = () => testClip('focus detail.mp4', { fps: 25, durationSec: 1, audio: false, grain: 30 })

async function cut(sourcePath: string, name: string, focus: FocusBox | null, outSec = 1): Promise<string> {
  return (await prepareUpload(runner, { sourcePath, inSec: 0, outSec, outputPath: out(name), crop: focus })).path
}

describe('the upload with a focus box', () => {
  it('holds exactly the box’s pixels: the same picture as cropping the frame by hand, and not a shifted one', async () => {
    const source = await detailed()
    // box on 640×360: x 64, y 72, 192 × 180 px → short side 180 → 384 high, 409.6 → 410 wide
    const upload = await cut(source, 'box.mp4', { x: 0.1, y: 0.2, w: 0.3, h: 0.5 })
    expect(await sizeOf(upload)).toEqual([410, 384])
    const ours = await firstFrameGray(upload)
    const byHand = (x: number, y: number) => firstFrameGray(source, `crop=192:180:${x}:${y},scale=410:384:flags=area`)
    const exact = meanAbsDiff(ours, await byHand(64, 72))
    const shifted = [
      meanAbsDiff(ours, await byHand(66, 72)),
      meanAbsDiff(ours, await byHand(64, 74)),
      meanAbsDiff(ours, await byHand(62, 70)),
    ]
    console.info(
      `focus crop vs crop by hand: ${exact.toFixed(2)} (exact), ${shifted.map((d) => d.toFixed(2))} (2 px off)`,
    )
    expect(exact).toBeLessThan(6) // what the lean H.264 encode of the upload (CRF 30) changes
    for (const d of shifted) expect(d).toBeGreaterThan(3 * exact)
  })

  it('is drawn on the frame as displayed: a portrait phone clip is cropped after it is turned upright', async () => {
    const landscape = await detailed()
    const phone = await rotatedClip('focus portrait.mp4', landscape, 90)
    // displayed 360×640; box 180 × 192 px at (36, 128) → short side 180 → 384 wide, 409.6 → 410 high
    const upload = await cut(phone, 'portrait box.mp4', { x: 0.1, y: 0.2, w: 0.5, h: 0.3 })
    expect(await sizeOf(upload)).toEqual([384, 410])
    const ours = await firstFrameGray(upload)
    const upright = await firstFrameGray(phone, 'crop=180:192:36:128,scale=384:410:flags=area')
    expect(meanAbsDiff(ours, upright)).toBeLessThan(6)
    // the same box on the frame as stored (landscape, the rotated clip's own pixels) is another picture
    const stored = await firstFrameGray(landscape, 'crop=180:192:36:128,scale=384:410:flags=area')
    expect(meanAbsDiff(ours, stored)).toBeGreaterThan(3 * meanAbsDiff(ours, upright))
  })

  it('a flash at the left edge: outside the central square without the box, filling the upload with it', async () => {
    const flashesSec = [0.52, 1.2]
    const edge = await flashClip('focus edge flash.mp4', {
      flashesSec,
      durationSec: 2,
      region: { x: 0, y: 0, w: 0.2, h: 1 },
    })
    const whole = await cut(edge, 'edge whole.mp4', null, 2)
    const boxed = await cut(edge, 'edge boxed.mp4', { x: 0, y: 0, w: 0.2, h: 1 }, 2)
    expect((await brightnessJumps(whole, 40, { centralSquare: true })).jumpsSec).toEqual([])
    const seen = (await brightnessJumps(boxed, 40, { centralSquare: true })).jumpsSec
    expect(seen.map((t) => Math.round(t * 25))).toEqual(flashesSec.map((t) => Math.round(t * 25)))
    // the flash frame of the boxed upload is white all over, the frames around it black
    const [w, h] = await sizeOf(boxed)
    expect([w, h]).toEqual([384, 1080])
    const frames = await firstFrames(boxed, w, h, 20)
    expect(meanLuma(frames[13]!)).toBeGreaterThan(230)
    expect(meanLuma(frames[12]!)).toBeLessThan(25)
  })
})

/** The first `count` frames' luma planes of a file of w × h. */
async function firstFrames(path: string, w: number, h: number, count: number): Promise<Uint8Array[]> {
  const { stdout } = await runner.ffmpeg(
    ['-v', 'error', '-i', path, '-frames:v', String(count), '-f', 'rawvideo', '-pix_fmt', 'gray', 'pipe:1'],
    { captureStdout: true },
  )
  return Array.from({ length: count }, (_, i) => new Uint8Array(stdout.subarray(i * w * h, (i + 1) * w * h)))
}
