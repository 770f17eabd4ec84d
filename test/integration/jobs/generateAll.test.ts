// "Generate all" as main sees it: several audio:generate jobs started at once (one per segment) against the fal
// emulator, one provider call failing; sending the failed segment again pays only for what failed. Every chunk
// runs to the end at the provider exactly once.
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { JobUpdate } from '../../../shared/domain/job'
import { DEFAULT_GENERATION } from '../../../shared/domain/project'
import { startFalEmulator, type FalEmulator } from '../../emulators/fal'
import { testAppServices } from '../../fixtures/appServices'
import { flashClip } from '../../fixtures/media'

let fal: FalEmulator
let clip: string
beforeAll(async () => {
  ;[fal, clip] = await Promise.all([
    startFalEmulator(),
    flashClip('generate all.mp4', { flashesSec: [1, 7, 14], durationSec: 16 }),
  ])
})
afterAll(async () => fal?.close())

describe('a batch of generations with one failing provider call', () => {
  it('the others finish; the failed one sent again pays only for its failed call', async () => {
    // One call at a time at fal, so the calls are made (and paid for) in a known order.
    const { services, call } = testAppServices(mkdtempSync(join(tmpdir(), 'generate-all-')), {
      env: { MMAUDIO_FAL_BASE_URL: fal.baseUrl, MMAUDIO_FAL_CONCURRENCY: '1' },
      pollIntervalMs: 20,
    })
    await call('secrets:set', { provider: 'fal', key: fal.apiKey })
    expect(await call('media:import', { paths: [clip] })).toMatchObject({ ok: true })
    fal.state.timing = { queueMs: 20, runMs: 40 }
    fal.state.outcomes = [{ kind: 'ok' }, { kind: 'ok' }, { kind: 'fail', message: 'GPU worker crashed' }]

    const ranges = { a: [0, 3], b: [3, 13], c: [13, 16] } as const // b is two chunks of the 8 s window
    const requestOf = (id: keyof typeof ranges) => ({
      segmentId: id,
      source: { path: clip, inSec: ranges[id][0], outSec: ranges[id][1] },
      params: { ...DEFAULT_GENERATION, prompt: 'impacts', takes: 1 },
    })
    const ends = new Map<string, JobUpdate>()
    services.jobs.onUpdate((u) => u.status !== 'running' && ends.set(u.jobId, u))
    const run = async (ids: ReadonlyArray<keyof typeof ranges>) => {
      const started = await Promise.all(ids.map((id) => call('audio:generate', requestOf(id))))
      const jobIds = started.map((r) => (r as { ok: true; data: { jobId: string } }).data.jobId)
      await expect.poll(() => jobIds.every((j) => ends.has(j)), { timeout: 60_000 }).toBe(true)
      return jobIds.map((j) => ends.get(j)!)
    }

    const ids = ['a', 'b', 'c'] as const
    const first = await run(ids)
    const failed = first.filter((u) => u.status === 'failed')
    expect(failed).toHaveLength(1)
    expect(failed[0]!.error?.message).toContain('GPU worker crashed')
    expect(first.filter((u) => u.status === 'succeeded')).toHaveLength(2)
    const billed = () => [...fal.state.jobs.values()].filter((j) => fal.state.phase(j) === 'succeeded').length
    const paidBefore = billed()
    const submitsBefore = fal.submits.length

    const retried = await run([ids[first.indexOf(failed[0]!)]!])
    expect(retried[0]!.status).toBe('succeeded')
    // Sent again, the segment makes only the calls not yet paid for (a chunk of it that was comes from the
    // cache): 4 chunks in all, each run to the end at the provider exactly once.
    expect(fal.submits.length - submitsBefore).toBe(4 - paidBefore)
    expect(billed()).toBe(4)
  })

  it('main plans a long range around the cuts it is given: seams moved off them, one more call only when needed', async () => {
    const { call } = testAppServices(mkdtempSync(join(tmpdir(), 'generate-all-')), {
      env: { MMAUDIO_FAL_BASE_URL: fal.baseUrl },
    })
    expect(await call('media:import', { paths: [clip] })).toMatchObject({ ok: true })
    const estimate = (cutsSec?: number[]) =>
      call('audio:estimate', {
        source: { path: clip, inSec: 0, outSec: 15, ...(cutsSec ? { cutsSec } : {}) },
        params: { ...DEFAULT_GENERATION, takes: 1 },
      })
    // 15 s in 8 s windows: exactly two, [0, 8] and [7, 15], crossfading over 7–8 s, with no room to move.
    expect(await estimate()).toMatchObject({ ok: true, data: { calls: 2, chunks: 2 } })
    expect(await estimate([3, 12])).toMatchObject({ ok: true, data: { calls: 2, chunks: 2 } })
    // A cut in that crossfade: a third window is the only way to keep the seams off it (and it is paid for).
    expect(await estimate([7.5])).toMatchObject({ ok: true, data: { calls: 3, chunks: 3 } })
  })
})
