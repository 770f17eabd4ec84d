// Job lifecycle around the generate service: cancel reaches the provider and ffmpeg, a generation job (started
// as the app starts one) reports through the job registry, and resumePending() finishes journalled requests
// without submitting anything.
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTakeCache } from '../../../electron/jobs/cache'
import { openJournal } from '../../../electron/jobs/journal'
import { DEFAULT_GENERATION, type GenerationParams } from '../../../shared/domain/project'
import type { JobUpdate } from '../../../shared/domain/job'
import { decodeAudio, findClicks, flashClip } from '../../fixtures/media'
import { startFalEmulator, type FalEmulator } from '../../emulators/fal'
import { servicesFor } from './harness'

let fal: FalEmulator
let clip: string
const params = (over: Partial<GenerationParams> = {}): GenerationParams => ({
  ...DEFAULT_GENERATION, prompt: 'clicks', takes: 1, seed: 5, provider: 'fal', ...over,
})

beforeAll(async () => {
  ;[fal, clip] = await Promise.all([startFalEmulator(), flashClip('lifecycle.mp4', { flashesSec: [0.6, 1.8], durationSec: 4 })])
})
afterAll(async () => fal?.close())
const emulators = () => ({ fal: { baseUrl: fal.baseUrl, apiKey: fal.apiKey } })

async function waitFor<T>(probe: () => T | undefined | Promise<T | undefined>, timeoutMs = 20_000): Promise<T> {
  const until = Date.now() + timeoutMs
  for (;;) {
    const v = await probe()
    if (v !== undefined) return v
    if (Date.now() > until) throw new Error('timed out')
    await new Promise((r) => setTimeout(r, 20))
  }
}

describe('generation lifecycle', () => {
  it('cancel while the provider runs: CANCELLED at once, the provider is told to cancel; after a restart the interrupted request runs again with its seed', async () => {
    fal.state.timing = { queueMs: 0, runMs: 30_000 }
    try {
      const svc = await servicesFor({ emulators: emulators() })
      const controller = new AbortController()
      const cancelsBefore = fal.state.counts.cancel
      const request = { segmentId: 'seg-1', source: { path: clip, inSec: 0, outSec: 3 }, params: params({ seed: null }) }
      const run = svc.generate.run(request, { signal: controller.signal })
      const journalPath = join(svc.home, 'journal.json')
      await waitFor(async () => ((await readFile(journalPath, 'utf8').catch(() => '')).includes('"pending"') ? true : undefined))
      const t = Date.now()
      controller.abort()
      await expect(run).rejects.toMatchObject({ code: 'CANCELLED' })
      expect(Date.now() - t).toBeLessThan(2000)
      await waitFor(() => (fal.state.counts.cancel > cancelsBefore ? true : undefined))
      expect(svc.runner.running()).toBe(0)
      const journal = JSON.parse(await readFile(journalPath, 'utf8')) as { entries: Array<{ status: string; seed: number }> }
      expect(journal.entries.map((e) => e.status)).toEqual(['pending'])

      // After a restart the app finds the interrupted request and runs it again: same seed, then nothing is left.
      fal.state.timing = { queueMs: 30, runMs: 60 }
      const restarted = await servicesFor({ emulators: emulators(), home: svc.home })
      const interrupted = await restarted.generate.interrupted()
      expect(interrupted).toEqual([{ segmentId: 'seg-1', request }])
      const { takes } = await restarted.generate.run(interrupted[0]!.request)
      expect(takes[0]!.seed).toBe(journal.entries[0]!.seed)
      expect(await restarted.generate.interrupted()).toEqual([])
      // A new run of the same segment rolls a new seed: the finished take is not offered again.
      const fresh = await restarted.generate.run(request)
      expect(fresh.takes[0]!.seed).not.toBe(takes[0]!.seed)
    } finally {
      fal.state.timing = { queueMs: 30, runMs: 60 }
    }
  })

  it('cancel while cutting stops ffmpeg and sends nothing', async () => {
    const svc = await servicesFor({ emulators: emulators() })
    const controller = new AbortController()
    const uploadsBefore = fal.state.counts.upload
    const run = svc.generate.run({ source: { path: clip, inSec: 0, outSec: 3 }, params: params({ seed: 6 }) }, { signal: controller.signal })
    await waitFor(() => (svc.runner.running() > 0 ? true : undefined))
    controller.abort()
    await expect(run).rejects.toMatchObject({ code: 'CANCELLED' })
    await waitFor(() => (svc.runner.running() === 0 ? true : undefined), 3000)
    expect(fal.state.counts.upload).toBe(uploadsBefore)
  })

  it('a segment shorter than a second: the upload holds the last frame, the take is cut back to the segment', async () => {
    const svc = await servicesFor({ emulators: emulators() })
    const { takes } = await svc.generate.run({ source: { path: clip, inSec: 1.5, outSec: 2.1 }, params: params({ seed: 9 }) })
    expect(fal.submits.at(-1)!.input.duration).toBe(1)
    expect((await decodeAudio(takes[0]!.path)).length).toBe(Math.round(0.6 * 48000))
    const clicks = findClicks(await decodeAudio(takes[0]!.path), 48000)
    expect(clicks.map((c) => Math.round((c + 1.5) * 100) / 100)).toEqual([1.8])
  })

  it('a generate job reports stages through the job registry and ends with its takes', async () => {
    const svc = await servicesFor({ emulators: emulators() })
    const updates: JobUpdate[] = []
    svc.jobs.onUpdate((u) => updates.push(u))
    const { jobId } = svc.generation.start({ segmentId: 'seg-7', source: { path: clip, inSec: 0, outSec: 3 }, params: params({ seed: 7, takes: 2 }) })
    const last = await waitFor(() => updates.find((u) => u.jobId === jobId && u.status !== 'running'))
    expect(last).toMatchObject({ kind: 'generate', status: 'succeeded', progress: 1 })
    expect(updates.filter((u) => u.status === 'running').map((u) => u.stage)).toContain('mixing')
    // The takes the job reports are written: 3 s of 48 kHz audio each.
    expect(last.generateResult?.segmentId).toBe('seg-7')
    expect(last.generateResult?.takes.map((t) => t.seed)).toEqual([7, 8])
    for (const take of last.generateResult?.takes ?? []) expect((await decodeAudio(take.path)).length).toBe(3 * 48000)
    expect(() => svc.generation.start({ durationSec: 0, params: params() })).toThrow(/positive duration/)
  })

  it('resumePending(): after a crash, journalled requests are polled under their own ids into the cache; nothing is submitted', async () => {
    const svc = await servicesFor({ emulators: emulators() })
    // A request the provider accepted before "the crash": in the emulator, and in the journal as pending.
    const job = fal.state.addJob('text', { prompt: 'rain', seed: 1, duration: 2.5 })
    const journal = await openJournal(join(svc.home, 'journal.json'))
    const key = 'c'.repeat(64)
    await journal.record({ jobId: 'crashed', segmentKey: 's', segmentId: null, takeIndex: 0, chunkIndex: 0, seed: 1, provider: 'fal', requestId: job.id, cacheKey: key, durationSec: 2.5 })
    const submits = fal.state.counts.submit
    const fresh = await servicesFor({ emulators: emulators(), home: svc.home })
    expect(await fresh.generate.resumePending()).toEqual({ resumed: 1, failed: 0 })
    expect(fal.state.counts.submit).toBe(submits)
    const stored = await createTakeCache(join(svc.home, 'cache')).get(key)
    expect(stored).not.toBeNull()
    expect((await decodeAudio(stored!)).length).toBe(2.5 * 48000)
    const after = await openJournal(join(svc.home, 'journal.json'))
    expect(after.entries().find((e) => e.requestId === job.id)).toMatchObject({ status: 'done', resultPath: stored })
  })
})
