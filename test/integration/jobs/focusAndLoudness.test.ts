// Generation end to end against the fal emulator, which answers a click for every flash it sees in the square
// MMAudio's timing model looks at: a flash only at the frame's left edge makes no sound without a focus box and
// a click on every flash with the box there (a new request, not a cache hit; the upload is the box). And every
// take arrives with its integrated loudness, the number an EBU R128 meter gives for its file.
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { segmentKey } from '../../../electron/jobs/generationRequest'
import { planChunks } from '../../../shared/domain/chunks'
import type { GenerationRequest } from '../../../shared/domain/generation'
import { DEFAULT_GENERATION, type GenerationParams } from '../../../shared/domain/project'
import { startFalEmulator, type FalEmulator } from '../../emulators/fal'
import { bedGainFor } from '../../emulators/synthAudio'
import { decodeAudio, findClicks, flashClip, probeJson } from '../../fixtures/media'
import { servicesFor } from './harness'

const FLASHES_SEC = [1.0, 2.6]
const LEFT_EDGE = { x: 0, y: 0, w: 0.2, h: 1 }
let fal: FalEmulator
let clip: string

const params = (over: Partial<GenerationParams> = {}): GenerationParams => ({
  ...DEFAULT_GENERATION,
  prompt: 'a door slams',
  takes: 1,
  seed: 11,
  provider: 'fal',
  ...over,
})

beforeAll(async () => {
  ;[fal, clip] = await Promise.all([
    startFalEmulator(),
    flashClip('left edge flashes.mp4', { flashesSec: FLASHES_SEC, durationSec: 4, region: LEFT_EDGE }),
  ])
  fal.state.timing = { queueMs: 10, runMs: 20 }
})
afterAll(() => fal?.close())

const falOnly = () => ({ fal: { baseUrl: fal.baseUrl, apiKey: fal.apiKey } })

/** The video the emulator received with the last submit. */
function lastUpload(): Buffer {
  const jobs = [...fal.state.jobs.values()]
  return jobs.at(-1)!.video!
}

describe('a focus box on an edge', () => {
  it('no box: the flashes at the left edge make no sound; the box there: a click on each flash, from a new request', async () => {
    const svc = await servicesFor({ emulators: falOnly() })
    const whole: GenerationRequest = { source: { path: clip, inSec: 0, outSec: 4 }, params: params() }
    const boxed: GenerationRequest = { ...whole, params: params({ focus: LEFT_EDGE }) }

    const before = fal.state.counts.submit
    const [plain] = (await svc.generate.run(whole)).takes
    expect(findClicks(await decodeAudio(plain!.path), 48000)).toEqual([])

    const [focused] = (await svc.generate.run(boxed)).takes
    expect(fal.state.counts.submit - before).toBe(2) // same prompt, seed and range: the box alone made it new
    const clicks = findClicks(await decodeAudio(focused!.path), 48000)
    expect(clicks).toHaveLength(FLASHES_SEC.length)
    for (const [i, c] of clicks.entries()) expect(Math.abs(c - FLASHES_SEC[i]!)).toBeLessThan(0.005)

    // what was uploaded is the box: 128 × 360 px of the 640 × 360 frame, its short side scaled to 384
    const upload = join(mkdtempSync(join(tmpdir(), 'focus-upload-')), 'upload.mp4')
    writeFileSync(upload, lastUpload())
    const video = (await probeJson(upload)).streams.find((s) => s.codec_type === 'video') as unknown as {
      width: number
      height: number
    }
    expect([video.width, video.height]).toEqual([384, 1080])

    // the box is part of the segment's identity (the journal's key), so a run with it never resumes one without
    const plan = planChunks(4, { windowSec: 8, crossfadeSec: 1 })
    expect(await segmentKey(boxed, 'video', plan)).not.toBe(await segmentKey(whole, 'video', plan))
    expect(await segmentKey(boxed, 'video', plan)).toBe(
      await segmentKey({ ...boxed, params: params({ focus: { ...LEFT_EDGE } }) }, 'video', plan),
    )
  })
})

describe('the loudness of each take', () => {
  it('is measured when it arrives: what an EBU R128 meter reads, and the takes’ own level differences', async () => {
    const svc = await servicesFor({ emulators: falOnly() })
    // Text only: the emulator's take is its noise bed alone, at a level that differs from seed to seed.
    const prompt = 'rain on a tin roof'
    const request: GenerationRequest = { durationSec: 6, params: params({ prompt, takes: 3, seed: 40 }) }
    const started = performance.now()
    const { takes } = await svc.generate.run(request)
    const elapsedMs = performance.now() - started
    const measured = takes.map((t) => t.integratedLufs!)
    expect(measured.every((l) => Number.isFinite(l))).toBe(true)
    // against a meter run here, on the file as written
    for (const take of takes) {
      const { stderr } = await svc.runner.ffmpeg(['-i', take.path, '-af', 'ebur128', '-f', 'null', '-'])
      const meter = Number(/I:\s+(-?[\d.]+) LUFS/.exec(stderr.slice(stderr.lastIndexOf('Summary:')))![1])
      expect(take.integratedLufs).toBeCloseTo(meter, 1)
    }
    // the differences are the beds' level differences the emulator was told to make
    const expectedDb = takes.map((t) => 20 * Math.log10(bedGainFor(prompt, t.seed)))
    for (const i of [1, 2]) {
      expect(Math.abs(measured[i]! - measured[0]! - (expectedDb[i]! - expectedDb[0]!))).toBeLessThan(0.2)
    }
    console.info(
      `take loudness: ${measured.map((l) => l.toFixed(1)).join(', ')} LUFS (beds ${expectedDb.map((d) => d.toFixed(0)).join(', ')} dB); 3 takes generated in ${elapsedMs.toFixed(0)} ms`,
    )
  })

  it('a take re-joined after one chunk is regenerated is measured again', async () => {
    const svc = await servicesFor({ emulators: falOnly() })
    const request: GenerationRequest = { durationSec: 14, params: params({ prompt: 'surf', seed: 5 }) }
    const [take] = (await svc.generate.run(request)).takes
    const again = await svc.generate.regenerateChunk({ request, take: take!, chunkIndex: 1, seed: 9 })
    expect(Number.isFinite(again.integratedLufs)).toBe(true)
    expect(again.integratedLufs).not.toBe(take!.integratedLufs)
  })
})
