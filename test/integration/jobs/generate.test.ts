// The job engine end to end against provider emulators: chunked sync through export, takes and seeds, the cache,
// per-provider concurrency, fallback on a 429/5xx storm, and no fallback on a bad key.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { join } from 'node:path'
import { readFileSync, rmSync, writeFileSync } from 'node:fs'
import { readFile, stat } from 'node:fs/promises'
import { importAsset } from '../../../electron/media/importAsset'
import { singleClipProject } from '../../../electron/cli/project'
import { DEFAULT_GENERATION, type GenerationParams } from '../../../shared/domain/project'
import { decodeAudio, findClicks, flashClip, probeJson } from '../../fixtures/media'
import { startEachlabsEmulator, type EachlabsEmulator } from '../../emulators/eachlabs'
import { startFalEmulator, type FalEmulator } from '../../emulators/fal'
import { peakInFlight, servicesFor } from './harness'

const FLASHES_SEC = [2.6, 4.12, 7.4, 9.28, 11.72, 13.4, 15.56, 18.04, 20.2, 21.6]
let fal: FalEmulator
let each: EachlabsEmulator
let clip: string

const params = (over: Partial<GenerationParams> = {}): GenerationParams => ({
  ...DEFAULT_GENERATION,
  prompt: 'a click at every flash',
  takes: 1,
  seed: 7,
  provider: 'fal',
  ...over,
})

beforeAll(async () => {
  ;[fal, each, clip] = await Promise.all([
    startFalEmulator(),
    startEachlabsEmulator(),
    flashClip('flashes 24s.mp4', { flashesSec: FLASHES_SEC, durationSec: 24 }),
  ])
  fal.state.timing = { queueMs: 20, runMs: 40 }
  each.state.timing = { queueMs: 20, runMs: 40 }
})
afterAll(async () => {
  await Promise.all([fal?.close(), each?.close()])
})

const falOnly = () => ({ fal: { baseUrl: fal.baseUrl, apiKey: fal.apiKey } })

describe('generate service', () => {
  it('SYNC: a 20 s segment in chunks, exported: every click lands on its flash within 5 ms; takes get different seeds; a repeat is served from the cache', async () => {
    const svc = await servicesFor({ emulators: falOnly() })
    const submitsBefore = fal.state.counts.submit
    // Starts between two frames (2.01 s), so every chunk's upload needs its lead to stay on the frame grid.
    // A locked seed keeps the exported sound the same from run to run (seed, seed+1 for the two takes).
    const request = { source: { path: clip, inSec: 2.01, outSec: 22.01 }, params: params({ takes: 2, seed: 7 }) }
    expect(svc.generate.estimate(request)).toMatchObject({ chunks: 3, calls: 6, billedSec: 48 })
    const updates: Array<{ stage: string; progress: number }> = []
    const { takes, plan } = await svc.generate.run(request, { onUpdate: (u) => updates.push(u) })
    expect(plan.chunks.map((c) => [c.startSec, c.endSec])).toEqual([
      [0, 8],
      [6, 14],
      [12, 20],
    ])
    expect(fal.state.counts.submit - submitsBefore).toBe(6)
    expect(fal.submits.slice(-6).map((x) => x.input.duration)).toEqual(Array(6).fill(8.01))
    expect(takes).toHaveLength(2)
    expect(takes.map((t) => t.seed)).toEqual([7, 8])
    // Every chunk of a take is asked with the take's seed; the two takes' requests differ.
    const seedsSent = fal.submits.slice(-6).map((s) => s.input.seed)
    expect(new Set(seedsSent)).toEqual(new Set([takes[0]!.seed, takes[1]!.seed]))
    expect(takes[0]!.requestIds).toHaveLength(3)
    expect(takes[0]!.durationSec).toBeCloseTo(20, 6)
    // A real bar: starts preparing, moves through the provider's stages, never runs backwards, ends mixing.
    expect(updates[0]!.stage).toBe('preparing')
    expect(updates.at(-1)).toEqual({ stage: 'mixing', progress: 1 })
    expect(new Set(updates.map((u) => u.stage))).toContain('uploading')
    updates.slice(1).forEach((u, i) => {
      expect(u.progress).toBeGreaterThanOrEqual(updates[i]!.progress)
    })

    // The take itself: one click per flash inside the segment, at the right place.
    const inside = FLASHES_SEC.filter((t) => t >= 2.01 && t < 22.01)
    const takeClicks = findClicks(await decodeAudio(takes[0]!.path), 48000)
    expect(takeClicks).toHaveLength(inside.length)
    takeClicks.forEach((c, i) => {
      expect(Math.abs(c + 2.01 - inside[i]!)).toBeLessThan(0.005)
    })

    // Exported: the sound sits at 2.01 s on the timeline.
    const asset = await importAsset(svc.runner, clip)
    const project = singleClipProject({
      asset,
      fromSec: 2.01,
      toSec: 22.01,
      params: request.params,
      takes,
      original: 'mute',
      now: new Date().toISOString(),
    })
    const out = join(svc.home, 'out.mp4')
    await svc.exports.run(project, { destinationPath: out, preset: 'web' })
    const probed = await probeJson(out)
    expect(probed.streams.map((s) => s.codec_type).sort()).toEqual(['audio', 'video'])
    const samples = await decodeAudio(out)
    const peak = samples.reduce((m, x) => Math.max(m, Math.abs(x)), 0)
    const clicks = findClicks(samples, 48000, peak * 0.5)
    expect(clicks).toHaveLength(inside.length)
    clicks.forEach((c, i) => {
      expect(Math.abs(c - inside[i]!)).toBeLessThan(0.005)
    })

    // CACHE: the same request with the same seeds makes no provider call at all.
    const counts = { ...fal.state.counts }
    const again = await svc.generate.run({ ...request, params: { ...request.params, takes: 1 } })
    expect(fal.state.counts).toEqual(counts)
    expect(again.takes[0]!.requestIds).toEqual(takes[0]!.requestIds)
    expect((await decodeAudio(again.takes[0]!.path)).length).toBe((await decodeAudio(takes[0]!.path)).length)
  })

  it('a segment of many chunks runs without a listener-leak warning (each chunk listens to the run’s signal)', async () => {
    const svc = await servicesFor({ emulators: falOnly() })
    const warnings: string[] = []
    const onWarning = (w: Error): void => void warnings.push(w.name)
    process.on('warning', onWarning)
    try {
      const request = { source: { path: clip, inSec: 0, outSec: 20 }, params: params({ windowSec: 2, seed: 11 }) }
      expect(svc.generate.estimate(request).chunks).toBeGreaterThan(10)
      await svc.generate.run(request)
      await new Promise((r) => setImmediate(r)) // warnings are emitted on the next tick
    } finally {
      process.off('warning', onWarning)
    }
    expect(warnings).not.toContain('MaxListenersExceededWarning')
  })

  it('regenerates one chunk alone with a new seed and re-joins the take', async () => {
    const svc = await servicesFor({ emulators: falOnly() })
    const request = { source: { path: clip, inSec: 0, outSec: 15 }, params: params({ seed: 100 }) }
    const { takes } = await svc.generate.run(request)
    const before = fal.state.counts.submit
    const take = await svc.generate.regenerateChunk({ request, take: takes[0]!, chunkIndex: 1 })
    expect(fal.state.counts.submit - before).toBe(1)
    expect(fal.submits.at(-1)!.input.seed).not.toBe(100)
    expect(take.id).not.toBe(takes[0]!.id)
    expect(take.requestIds[0]).toBe(takes[0]!.requestIds[0])
    expect(take.requestIds[1]).not.toBe(takes[0]!.requestIds[1])
    expect(take.durationSec).toBeCloseTo(15, 6)
    const clicks = findClicks(await decodeAudio(take.path), 48000)
    expect(clicks.map((c) => Math.round(c * 100) / 100)).toEqual(FLASHES_SEC.filter((t) => t < 15))
  })

  it('regenerating one chunk refuses, with a sentence, a chunk the cache no longer has or a chunk list naming files outside it', async () => {
    const svc = await servicesFor({ emulators: falOnly() })
    const request = { source: { path: clip, inSec: 0, outSec: 15 }, params: params({ seed: 300 }) }
    const { takes } = await svc.generate.run(request)
    const manifestPath = takes[0]!.path.replace(/\.wav$/, '.chunks.json')
    const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as { chunks: Array<{ path: string }> }
    const before = fal.state.counts.submit

    // A chunk list that came with a project, naming a file of the person's.
    const elsewhere = join(svc.home, 'private.wav')
    writeFileSync(elsewhere, 'RIFF')
    writeFileSync(
      manifestPath,
      JSON.stringify({
        ...manifest,
        chunks: [{ ...manifest.chunks[0], path: elsewhere }, ...manifest.chunks.slice(1)],
      }),
    )
    await expect(svc.generate.regenerateChunk({ request, take: takes[0]!, chunkIndex: 1 })).rejects.toMatchObject({
      code: 'FORBIDDEN',
      message: expect.stringMatching(/outside MMAudio Studio’s chunk cache/),
    })

    // The cache let the first chunk go (its size limit).
    writeFileSync(manifestPath, JSON.stringify(manifest))
    rmSync(manifest.chunks[0]!.path)
    await expect(svc.generate.regenerateChunk({ request, take: takes[0]!, chunkIndex: 1 })).rejects.toMatchObject({
      code: 'NOT_FOUND',
      message: expect.stringMatching(/^Chunk 1 of this take is no longer in the chunk cache/),
    })
    expect(fal.state.counts.submit).toBe(before)
  })

  it('two identical requests at once make one provider call; text chunks each get their own seed', async () => {
    const svc = await servicesFor({ emulators: falOnly() })
    const before = fal.state.counts.submit
    const request = { source: { path: clip, inSec: 3, outSec: 6 }, params: params({ seed: 4242 }) }
    const [a, b] = await Promise.all([svc.generate.run(request), svc.generate.run(request)])
    expect(fal.state.counts.submit - before).toBe(1)
    expect(b.takes[0]!.requestIds).toEqual(a.takes[0]!.requestIds)

    const text = await svc.generate.run({
      durationSec: 20,
      params: params({ seed: 500, prompt: 'rain on a tin roof' }),
    })
    const sent = fal.submits.slice(-3)
    expect(sent.every((x) => x.endpoint.endsWith('text-to-audio'))).toBe(true)
    expect(sent.map((x) => x.input.seed).sort()).toEqual([500, 501, 502])
    expect(text.takes[0]!.seed).toBe(500)
    expect((await decodeAudio(text.takes[0]!.path)).length).toBe(20 * 48000)
  })

  it('keeps each provider at its concurrency: never more than N requests in flight', async () => {
    fal.state.timing = { queueMs: 0, runMs: 150 }
    try {
      const svc = await servicesFor({ emulators: falOnly(), settings: { providers: { fal: { concurrency: 2 } } } })
      const jobsBefore = new Set(fal.state.jobs.keys())
      await svc.generate.run({ source: { path: clip, inSec: 0, outSec: 3 }, params: params({ takes: 6, seed: 1000 }) })
      const ours = [...fal.state.jobs.values()].filter((j) => !jobsBefore.has(j.id))
      expect(ours).toHaveLength(6)
      expect(peakInFlight(ours, 150)).toBe(2)
    } finally {
      fal.state.timing = { queueMs: 20, runMs: 40 }
    }
  })

  it('falls back to the next provider on a 429 storm and on a 5xx, and says so', async () => {
    const svc = await servicesFor({
      emulators: { ...falOnly(), eachlabs: { baseUrl: each.baseUrl, apiKey: each.config.apiKey } },
      settings: { fallbackOrder: ['eachlabs'] },
    })
    const eachBefore = each.state.counts.submit
    fal.state.faults.push({ op: 'submit', status: 429, headers: { 'Retry-After': '0' }, times: 50 })
    const messages: string[] = []
    const { takes } = await svc.generate.run(
      { source: { path: clip, inSec: 1, outSec: 5 }, params: params({ seed: 2000 }) },
      { onUpdate: (u) => u.message && messages.push(u.message) },
    )
    fal.state.faults.length = 0
    expect(takes[0]!.provider).toBe('eachlabs')
    expect(each.state.counts.submit - eachBefore).toBe(1)
    expect(messages.join('\n')).toMatch(/takes over/)
    expect(findClicks(await decodeAudio(takes[0]!.path), 48000).map((c) => Math.round((c + 1) * 100) / 100)).toEqual([
      2.6, 4.12,
    ])

    fal.state.faults.push({ op: 'submit', status: 503, times: 1 })
    const second = await svc.generate.run({
      source: { path: clip, inSec: 1, outSec: 5 },
      params: params({ seed: 2001 }),
    })
    expect(second.takes[0]!.provider).toBe('eachlabs')
  })

  it('falls back when the accepted request fails at the provider or returns a corrupt file; the journal says why', async () => {
    const svc = await servicesFor({
      emulators: { ...falOnly(), eachlabs: { baseUrl: each.baseUrl, apiKey: each.config.apiKey } },
      settings: { fallbackOrder: ['eachlabs'] },
    })
    fal.state.outcomes.push({ kind: 'fail', message: 'GPU fell over' })
    const a = await svc.generate.run({ source: { path: clip, inSec: 5, outSec: 8 }, params: params({ seed: 2500 }) })
    fal.state.outcomes.push({ kind: 'corrupt' })
    const b = await svc.generate.run({ source: { path: clip, inSec: 5, outSec: 8 }, params: params({ seed: 2501 }) })
    expect([a.takes[0]!.provider, b.takes[0]!.provider]).toEqual(['eachlabs', 'eachlabs'])
    const journal = JSON.parse(await readFile(join(svc.home, 'journal.json'), 'utf8')) as {
      entries: Array<{ provider: string; status: string; reason?: string }>
    }
    const falEntries = journal.entries.filter((e) => e.provider === 'fal')
    expect(falEntries.map((e) => e.status)).toEqual(['failed', 'failed'])
    expect(falEntries[0]!.reason).toMatch(/GPU fell over/)
    expect(journal.entries.filter((e) => e.provider === 'eachlabs').map((e) => e.status)).toEqual(['done', 'done'])
  })

  it('does not fall back on a rejected key: the error is the key’s, and nothing is sent elsewhere', async () => {
    const svc = await servicesFor({
      emulators: {
        fal: { baseUrl: fal.baseUrl, apiKey: 'wrong-key-000000000000' },
        eachlabs: { baseUrl: each.baseUrl, apiKey: each.config.apiKey },
      },
      settings: { fallbackOrder: ['eachlabs'] },
    })
    const eachBefore = each.state.counts.submit
    await expect(
      svc.generate.run({ source: { path: clip, inSec: 0, outSec: 4 }, params: params({ seed: 3000 }) }),
    ).rejects.toMatchObject({ code: 'PROVIDER_AUTH' })
    expect(each.state.counts.submit).toBe(eachBefore)
    // The scratch folder of the failed job is gone.
    await expect(stat(join(svc.home, 'work'))).resolves.toBeTruthy()
  })
})
