// Generation as the renderer reaches it: through dispatch and the app's handler table, job updates carrying the
// finished takes, and takes the renderer may then play.
import type { Envelope, InvokeChannel, InvokeInput, InvokeOutput } from '../../../shared/ipc/contract'
import { mkdtemp } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createAppServices, type AppServices } from '../../../electron/app/services'
import { dispatch } from '../../../electron/ipc/handle'
import { createHandlers } from '../../../electron/ipc/handlers'
import { createMemoryStore } from '../../../electron/store/keyValueStore'
import type { Cipher } from '../../../electron/store/secrets'
import type { JobUpdate } from '../../../shared/domain/job'
import { DEFAULT_GENERATION } from '../../../shared/domain/project'
import { fakeDesktop } from '../../fixtures/desktop'
import { decodeAudio, findClicks, flashClip, testBinaries } from '../../fixtures/media'
import { startFalEmulator, type FalEmulator } from '../../emulators/fal'

const cipher: Cipher = {
  isAvailable: async () => true,
  encrypt: async (text) => Buffer.from([...Buffer.from(text)].map((b) => b ^ 0x5a)),
  decrypt: async (buf) => ({
    plainText: Buffer.from([...buf].map((b) => b ^ 0x5a)).toString(),
    shouldReEncrypt: false,
  }),
  isPlainTextFallback: () => false,
}

/** On the 25 fps frame grid of the fixture. */
const FLASHES_SEC = [0.6, 1.72]
let fal: FalEmulator
let clip: string
let services: AppServices
let call: <C extends InvokeChannel>(channel: C, input: InvokeInput<C>) => Promise<Envelope<InvokeOutput<C>>>

/** The data of an answer that must have succeeded. */
function dataOf<T>(answer: Envelope<T>): T {
  if (!answer.ok) throw new Error(`${answer.error.code}: ${answer.error.message}`)
  return answer.data
}

beforeAll(async () => {
  ;[fal, clip] = await Promise.all([
    startFalEmulator(),
    flashClip('ipc-gen.mp4', { flashesSec: FLASHES_SEC, durationSec: 3 }),
  ])
  const dir = await mkdtemp(join(tmpdir(), 'ipc-gen-'))
  services = createAppServices({
    binaries: testBinaries(),
    cacheDir: join(dir, 'cache'),
    dataDir: join(dir, 'data'),
    env: { MMAUDIO_FAL_BASE_URL: fal.baseUrl },
    pollIntervalMs: 20,
    mediaUrl: (p) => `test-media:${p}`,
    settingsStore: createMemoryStore(),
    secretsStore: createMemoryStore(),
    cipher,
    desktop: fakeDesktop({ showInFolder: async () => false }),
    appVersion: 't',
    logger: { info: () => undefined, error: () => undefined },
  })
  const handlers = createHandlers(services)
  call = (channel, input) => dispatch(channel, input, handlers, { logger: services.logger }) as never
  // As in the app: the clip is imported (dropped or chosen) before anything is generated from it.
  expect(await call('media:import', { paths: [clip] })).toMatchObject({ ok: true, data: { failures: [] } })
})
afterAll(async () => fal?.close())

function finished(jobId: string): Promise<JobUpdate> {
  return new Promise((resolve) => {
    const seen = services.jobs.list().find((j) => j.jobId === jobId && j.status !== 'running')
    if (seen) return resolve(seen)
    const off = services.jobs.onUpdate((u) => {
      if (u.jobId === jobId && u.status !== 'running') {
        off()
        resolve(u)
      }
    })
  })
}

const request = (takes: number) => ({
  segmentId: 'seg-1',
  source: { path: clip, inSec: 0, outSec: 2.5 },
  params: { ...DEFAULT_GENERATION, prompt: 'door slams', takes, seed: null },
})

describe('generation over IPC', () => {
  it('lists providers with what each can do and whether its key is set, never the key', async () => {
    await call('secrets:set', { provider: 'fal', key: fal.apiKey })
    const list = await call('providers:list', {})
    expect(list.ok).toBe(true)
    const byId = Object.fromEntries(dataOf(list).map((p) => [p.id, p]))
    expect(Object.keys(byId).sort()).toEqual(['eachlabs', 'fal', 'inferencesh', 'pixazo', 'replicate', 'wavespeed'])
    expect(byId.fal!.key).toEqual({ provider: 'fal', isSet: true, last4: fal.apiKey.slice(-4) })
    expect(byId.pixazo!.capabilities.videoToAudio).toBe(false)
    expect(byId.wavespeed!.capabilities.params.seed).toBeNull()
    expect(JSON.stringify(list)).not.toContain(fal.apiKey)
  })

  it('estimates the cost before sending: fal bills $0.001 per second', async () => {
    expect(await call('audio:estimate', request(3))).toEqual({
      ok: true,
      data: { calls: 3, chunks: 1, billedSec: 7.5, usd: 0.0075 },
    })
  })

  it('generates three takes as a job: progress stages, then the takes in the update, playable and in sync', async () => {
    fal.state.timing = { queueMs: 100, runMs: 500 } // long enough that polls see every phase, even under load
    const stages: string[] = []
    const progress: number[] = []
    const off = services.jobs.onUpdate((u) => {
      if (u.status !== 'running') return
      stages.push(u.stage)
      if (u.progress !== null) progress.push(u.progress)
    })
    const started = await call('audio:generate', request(3))
    expect(started.ok).toBe(true)
    const done = await finished(dataOf(started).jobId)
    off()
    expect(done.status).toBe('succeeded')
    expect(done.generateResult?.segmentId).toBe('seg-1')
    const takes = done.generateResult!.takes
    expect(takes).toHaveLength(3)
    expect(new Set(takes.map((t) => t.seed)).size).toBe(3)
    // A real progress bar: several pipeline stages are named, and the bar never runs backwards.
    expect(new Set(stages).size).toBeGreaterThanOrEqual(3)
    expect(stages).toContain('generating')
    expect(progress.every((p, i) => i === 0 || p >= progress[i - 1]!)).toBe(true)
    expect(progress.at(-1)).toBeGreaterThan(0.9)
    for (const take of takes) {
      expect((await call('media:url', { path: take.path })).ok).toBe(true)
      const clicks = findClicks(await decodeAudio(take.path), 48000)
      expect(clicks).toHaveLength(FLASHES_SEC.length)
      clicks.forEach((c, i) => {
        expect(Math.abs(c - FLASHES_SEC[i]!)).toBeLessThan(0.005)
      })
    }
  })

  it('a bad request is refused at once with a sentence, not as a failed job', async () => {
    const r = await call('audio:generate', { ...request(1), params: { ...request(1).params, provider: 'pixazo' } })
    expect(r).toMatchObject({
      ok: false,
      error: { code: 'BAD_INPUT', message: expect.stringMatching(/Pixazo only generates from text/) },
    })
  })

  it('a rejected key ends the job with PROVIDER_AUTH and a sentence pointing to Settings', async () => {
    await call('secrets:set', { provider: 'fal', key: 'wrong-key-0000' })
    const started = await call('audio:generate', { ...request(1), params: { ...request(1).params, seed: 999 } })
    const done = await finished(dataOf(started).jobId)
    expect(done.status).toBe('failed')
    expect(done.error).toMatchObject({ code: 'PROVIDER_AUTH', message: expect.stringMatching(/Settings/) })
    expect(JSON.stringify(done)).not.toContain('wrong-key-0000')
  })

  it('a file that was never imported is not uploaded: FORBIDDEN at once, no job', async () => {
    const elsewhere = await flashClip('never imported.mp4', { flashesSec: [0.6], durationSec: 2 })
    const jobsBefore = services.jobs.list().length
    const r = await call('audio:generate', { ...request(1), source: { path: elsewhere, inSec: 0, outSec: 1 } })
    expect(r).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    expect(services.jobs.list()).toHaveLength(jobsBefore)
  })
})
