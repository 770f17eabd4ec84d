// Cancelling a generation stops it at the provider where the provider's protocol has a cancel call (fal), and
// where it has none (Pixazo documents no way to stop an accepted request) the person is told the request may
// still finish and be charged, and running the same generation again collects it instead of paying twice.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { JobUpdate } from '../../../shared/domain/job'
import { DEFAULT_GENERATION } from '../../../shared/domain/project'
import type { ProviderId } from '../../../shared/domain/ids'
import { startFalEmulator, type FalEmulator } from '../../emulators/fal'
import { startPixazoEmulator, type PixazoEmulator } from '../../emulators/pixazo'
import { servicesFor } from './harness'

let fal: FalEmulator
let pixazo: PixazoEmulator
beforeAll(async () => {
  ;[fal, pixazo] = await Promise.all([startFalEmulator(), startPixazoEmulator()])
})
afterAll(async () => Promise.all([fal?.close(), pixazo?.close()]))

const textRequest = (provider: ProviderId) => ({
  durationSec: 4,
  params: { ...DEFAULT_GENERATION, provider, prompt: 'rain on a tin roof', takes: 1, seed: 77, steps: 25, cfg: 4.5 },
})

/** Starts a generation job, waits until the provider has accepted it, cancels it, and returns its last update. */
async function cancelAfterSubmit(svc: Awaited<ReturnType<typeof servicesFor>>, provider: ProviderId, submits: () => number): Promise<JobUpdate> {
  const before = submits()
  const { jobId } = svc.generation.start(textRequest(provider))
  const ended = new Promise<JobUpdate>((resolve) => svc.jobs.onUpdate((u) => u.jobId === jobId && u.status !== 'running' && resolve(u)))
  while (submits() === before) await new Promise((r) => setTimeout(r, 10))
  await new Promise((r) => setTimeout(r, 100)) // accepted and journalled, now polling
  svc.jobs.cancel(jobId)
  return ended
}

describe('cancelling a generation at the provider', () => {
  it('fal (has a cancel call): the request is cancelled there', async () => {
    fal.state.timing = { queueMs: 100, runMs: 60_000 }
    const svc = await servicesFor({ emulators: { fal } })
    const cancelsBefore = fal.state.counts.cancel
    const last = await cancelAfterSubmit(svc, 'fal', () => fal.state.counts.submit)
    expect(last).toMatchObject({ status: 'cancelled', error: { code: 'CANCELLED', message: 'Cancelled.' } })
    await expect.poll(() => fal.state.counts.cancel - cancelsBefore).toBe(1)
  })

  it('Pixazo (no cancel call): the person is told it may still be charged, and a rerun collects it without a new submit', async () => {
    pixazo.state.timing = { queueMs: 100, runMs: 1500 }
    const svc = await servicesFor({ emulators: { pixazo: { baseUrl: pixazo.baseUrl, apiKey: pixazo.config.apiKey } } })
    const last = await cancelAfterSubmit(svc, 'pixazo', () => pixazo.state.counts.submit)
    expect(last).toMatchObject({
      status: 'cancelled',
      error: { code: 'CANCELLED', message: expect.stringMatching(/^Cancelled\. Pixazo has no way to stop a request it had already accepted, so it may still finish and be charged; generating the same segment again collects the result instead of paying twice\.$/) },
    })
    const submits = pixazo.state.counts.submit
    const again = await svc.generate.run(textRequest('pixazo'))
    expect(pixazo.state.counts.submit).toBe(submits)
    expect(again.takes).toHaveLength(1)
  })
})
