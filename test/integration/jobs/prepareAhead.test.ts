// Prepare ahead end to end: a segment's cuts made in the background are the ones Generate uploads (no cut at
// Generate, each request submitted once, the sound in sync); a range changed before Generate throws the old cut
// away and Generate uploads the new one, still once per request; Generate during preparation joins it.
import { createHash } from 'node:crypto'
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { cutKey } from '../../../electron/jobs/uploadCuts'
import { contentHash } from '../../../electron/media/contentHash'
import { createFfmpegRunner, type FfmpegRunner } from '../../../electron/media/ffmpeg/run'
import { DEFAULT_GENERATION, type GenerationParams } from '../../../shared/domain/project'
import { startFalEmulator, type FalEmulator } from '../../emulators/fal'
import { decodeAudio, findClicks, flashClip, testBinaries } from '../../fixtures/media'
import { servicesFor } from './harness'

const FLASHES_SEC = [1.2, 3.6, 6.04, 8.4, 11.6, 14.2]
let fal: FalEmulator
let clip: string

const params = (over: Partial<GenerationParams> = {}): GenerationParams => ({
  ...DEFAULT_GENERATION,
  prompt: 'a click at every flash',
  takes: 2,
  seed: 31,
  provider: 'fal',
  ...over,
})

/** The app's runner, counting the upload cuts it makes (the only ffmpeg runs with x264 at work). */
function countingRunner(): { runner: FfmpegRunner; cuts: () => number } {
  const inner = createFfmpegRunner(testBinaries())
  let cuts = 0
  return {
    runner: {
      ...inner,
      ffmpeg(args, options) {
        if (args.includes('libx264')) cuts++
        return inner.ffmpeg(args, options)
      },
    },
    cuts: () => cuts,
  }
}

const sha = (bytes: Buffer): string => createHash('sha256').update(bytes).digest('hex')
const until = async (check: () => boolean, ms = 30_000): Promise<void> => {
  const end = Date.now() + ms
  while (!check()) {
    if (Date.now() > end) throw new Error('timed out waiting')
    await new Promise((r) => setTimeout(r, 10))
  }
}

/** Each take's clicks, as times on the source, against the flashes inside [inSec, outSec). */
async function expectInSync(takePaths: readonly string[], inSec: number, outSec: number): Promise<void> {
  const inside = FLASHES_SEC.filter((t) => t >= inSec && t < outSec)
  for (const path of takePaths) {
    const clicks = findClicks(await decodeAudio(path), 48000).map((c) => c + inSec)
    expect(clicks).toHaveLength(inside.length)
    for (const [i, c] of clicks.entries()) expect(Math.abs(c - inside[i]!)).toBeLessThan(0.005)
  }
}

beforeAll(async () => {
  ;[fal, clip] = await Promise.all([
    startFalEmulator(),
    flashClip('prepare flashes.mp4', { flashesSec: FLASHES_SEC, durationSec: 16 }),
  ])
  fal.state.timing = { queueMs: 10, runMs: 30 }
})
afterAll(async () => {
  await fal?.close()
})

describe('prepare ahead', () => {
  it('a segment prepared before Generate: no cut at Generate, its prepared cuts uploaded, each request once, in sync', async () => {
    const { runner, cuts } = countingRunner()
    const svc = await servicesFor({
      emulators: { fal: { baseUrl: fal.baseUrl, apiKey: fal.apiKey } },
      deps: { runner },
    })
    // 13 s at an 8 s window: two overlapping chunks, prepared from one decode.
    const request = { segmentId: 'seg-1', source: { path: clip, inSec: 1.01, outSec: 14.01 }, params: params() }
    expect(svc.generate.prepare('seg-1', request)).toEqual({ cuts: 2 })
    await until(() => svc.generate.cutStats().preparing === 0)
    expect(cuts()).toBe(1)

    const jobsBefore = new Set(fal.state.jobs.keys())
    const { takes } = await svc.generate.run(request)
    expect(cuts()).toBe(1) // nothing cut at Generate
    const ours = [...fal.state.jobs.values()].filter((j) => !jobsBefore.has(j.id))
    expect(ours).toHaveLength(4) // 2 takes × 2 chunks, each submitted once
    // What was uploaded is what was prepared: two pictures, each sent for both takes.
    const uploaded = new Set(ours.map((j) => sha(j.video!)))
    expect(uploaded.size).toBe(2)
    await expectInSync(
      takes.map((t) => t.path),
      1.01,
      14.01,
    )
  })

  it('a range changed before Generate: the old cut is thrown away, the new one uploaded, each request once', async () => {
    const { runner, cuts } = countingRunner()
    const svc = await servicesFor({
      emulators: { fal: { baseUrl: fal.baseUrl, apiKey: fal.apiKey } },
      deps: { runner },
    })
    const old = { segmentId: 'seg-2', source: { path: clip, inSec: 0, outSec: 5 }, params: params({ seed: 77 }) }
    const moved = { ...old, source: { path: clip, inSec: 5.5, outSec: 10.5 } }
    svc.generate.prepare('seg-2', old)
    svc.generate.prepare('seg-2', moved) // the person dragged the segment before its first cut finished
    await until(() => svc.generate.cutStats().preparing === 0)
    const jobsBefore = new Set(fal.state.jobs.keys())
    const { takes } = await svc.generate.run(moved)
    const ours = [...fal.state.jobs.values()].filter((j) => !jobsBefore.has(j.id))
    expect(ours).toHaveLength(2)
    expect(cuts()).toBeLessThanOrEqual(2) // the old one at most started; the new one made once
    const key = cutKey({ sourcePath: clip, inSec: 0, outSec: 5 }, await contentHash(clip))
    expect(existsSync(join(svc.home, 'cache', key.slice(0, 2), `${key}.mp4`))).toBe(false)
    await expectInSync(
      takes.map((t) => t.path),
      5.5,
      10.5,
    )
  })

  it('Generate pressed while the segment is still being prepared joins that cut instead of making another', async () => {
    const { runner, cuts } = countingRunner()
    const svc = await servicesFor({
      emulators: { fal: { baseUrl: fal.baseUrl, apiKey: fal.apiKey } },
      deps: { runner },
    })
    const request = {
      segmentId: 'seg-3',
      source: { path: clip, inSec: 2, outSec: 9 },
      params: params({ seed: 501, takes: 3 }),
    }
    svc.generate.prepare('seg-3', request)
    const jobsBefore = new Set(fal.state.jobs.keys())
    const { takes } = await svc.generate.run(request)
    expect(cuts()).toBe(1)
    const ours = [...fal.state.jobs.values()].filter((j) => !jobsBefore.has(j.id))
    expect(ours).toHaveLength(3)
    expect(new Set(ours.map((j) => sha(j.video!))).size).toBe(1)
    await expectInSync(
      takes.map((t) => t.path),
      2,
      9,
    )
  })
})
