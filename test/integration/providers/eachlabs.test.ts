// The Eachlabs adapter against its emulator: the provider contract (presigned upload → create → poll →
// download, and the faults every provider shares), then Eachlabs' own ways: the presigned PUT and its
// required headers, both documented error bodies, both failure states, 10 concurrent and 100 creates a
// minute per key, video only.
import { existsSync } from 'node:fs'
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { eachlabsProvider } from '../../../electron/providers/eachlabs/index'
import type { ProviderRequest, GenerateResult } from '../../../electron/providers/types'
import { startEachlabsEmulator, type EachlabsEmulator } from '../../emulators/eachlabs'
import { flashClip, probeJson } from '../../fixtures/media'
import { expectClicksOnFlashes, rejectionOf } from './assertions'
import { describeProviderContract } from './providerContract'
import { testContext } from './testContext'

const FLASHES = [1, 2.48, 3.2]
let clip = ''
const KEY = 'each-test-key-0123456789'

const request = (): ProviderRequest => ({
  mode: 'video',
  videoPath: clip,
  prompt: 'hammer hits',
  negativePrompt: '',
  seed: 7,
  steps: 25,
  cfg: 4.5,
  durationSec: 4,
  maskAwayClip: false,
})

beforeAll(async () => {
  clip = await flashClip('flashes.mp4', { flashesSec: FLASHES, durationSec: 4 })
})

async function startWithTiming(): Promise<EachlabsEmulator> {
  const started = await startEachlabsEmulator({ apiKey: KEY })
  started.state.timing = { queueMs: 30, runMs: 60 }
  return started
}

async function expectOutput(result: GenerateResult): Promise<void> {
  expect(result.mime).toBe('video/mp4')
  expect((await probeJson(result.file)).streams.map((s) => s.codec_type).sort()).toEqual(['audio', 'video'])
  await expectClicksOnFlashes(result.file, FLASHES)
}

describeProviderContract({
  provider: eachlabsProvider,
  start: startWithTiming,
  requests: { video: request },
  firstKeyedPath: { video: '/v1/upload/presign' },
  expectOutput,
  expectRun: ({ emu }) => {
    const [job] = [...emu.state.jobs.values()]
    expect(job!.input).toEqual({
      prompt: 'hammer hits',
      negative_prompt: '',
      duration: 4,
      num_steps: 25,
      cfg_strength: 4.5,
      seed: 7,
      video: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+\/files\//),
    })
    expect(emu.stats).toMatchObject({ presigns: 1, putsRefused: 0, putsWithApiKey: 0 })
  },
  refusal: {
    fault: {
      op: 'submit',
      status: 400,
      body: { status: 'error', message: 'Invalid input for model', details: 'cfg_strength must be a positive number' },
    },
    field: 'cfg',
    words: 'cfg_strength must be a positive number',
  },
  readsRetryAfter: { status: true, submit: true },
})

describe('Eachlabs adapter: its own ways', () => {
  let emu: EachlabsEmulator
  beforeEach(async () => {
    emu = await startWithTiming()
  })
  afterEach(() => emu.close())

  it('sends every call, including the presigned PUT and the output download, through the base URL', async () => {
    emu.config.advertisedOrigin = 'https://api.eachlabs.invalid'
    const t = await testContext(emu.baseUrl, KEY)
    const result = await eachlabsProvider.generate(request(), t.ctx)
    expect(existsSync(result.file)).toBe(true)
    expect(emu.state.counts).toMatchObject({ submit: 1, upload: 1, download: 1 })
  })

  it('emulator: refuses a presigned PUT without a required header or with another Content-Type', async () => {
    const presign = await fetch(`${emu.baseUrl}/v1/upload/presign`, {
      method: 'POST',
      headers: { 'X-API-Key': KEY, 'Content-Type': 'application/json' },
      body: JSON.stringify({ content_type: 'video/mp4', file_type: 'video' }),
    }).then((r) => r.json() as Promise<{ presigned_url: string; required_headers: Record<string, string> }>)
    const put = (headers: Record<string, string>): Promise<number> =>
      fetch(presign.presigned_url, { method: 'PUT', headers, body: 'bytes' }).then((r) => r.status)

    expect(await put({ 'Content-Type': 'video/mp4' })).toBe(403)
    expect(await put({ 'Content-Type': 'application/octet-stream', ...presign.required_headers })).toBe(403)
    expect(await put({ 'Content-Type': 'video/mp4', ...presign.required_headers })).toBe(200)
    expect(emu.stats.putsRefused).toBe(2)
  })

  it('emulator: answers errors in either documented body shape', async () => {
    const create = () =>
      fetch(`${emu.baseUrl}/v1/prediction/`, {
        method: 'POST',
        headers: { 'X-API-Key': KEY, 'Content-Type': 'application/json' },
        body: JSON.stringify({ input: {} }),
      }).then(async (r) => ({ status: r.status, body: (await r.json()) as unknown }))
    expect(await create()).toEqual({
      status: 400,
      body: { status: 'error', message: 'model field is required', details: 'model field is required' },
    })
    emu.config.errorShape = 'error'
    expect(await create()).toEqual({ status: 400, body: { error: 'model field is required' } })
  })

  it('emulator: enforces the documented 10 concurrent and 100 creates a minute per key', async () => {
    const api = (path: string, body: unknown) =>
      fetch(`${emu.baseUrl}${path}`, {
        method: 'POST',
        headers: { 'X-API-Key': KEY, 'Content-Type': 'application/json' },
        body: JSON.stringify(body),
      })
    const presign = (await (await api('/v1/upload/presign', { content_type: 'video/mp4' })).json()) as {
      presigned_url: string
      public_url: string
      required_headers: Record<string, string>
    }
    await fetch(presign.presigned_url, {
      method: 'PUT',
      headers: { 'Content-Type': 'video/mp4', ...presign.required_headers },
      body: 'x',
    })
    const create = async (): Promise<number> =>
      (await api('/v1/prediction', { model: 'mmaudio', input: { video: presign.public_url } })).status

    emu.state.timing = { queueMs: 0, runMs: 60_000 }
    const running = await Promise.all(Array.from({ length: 11 }, create))
    expect(running.filter((s) => s === 200)).toHaveLength(10)
    expect(running.filter((s) => s === 429)).toHaveLength(1)

    emu.state.timing = { queueMs: 0, runMs: 0 } // every job finishes at once: only the per-minute limit is left
    const statuses: number[] = []
    for (let i = 0; i < 91; i++) statuses.push(await create())
    expect(statuses.slice(0, 90).every((s) => s === 200)).toBe(true)
    expect(statuses[90]).toBe(429)
  })

  it('a refused presigned PUT is a storage error (not a bad key), retryable, with nothing submitted', async () => {
    emu.state.faults.push({ op: 'upload', status: 403, body: '<Error><Code>AccessDenied</Code></Error>' })
    const err = await rejectionOf(eachlabsProvider.generate(request(), (await testContext(emu.baseUrl, KEY)).ctx))
    expect(err.toData()).toEqual({
      code: 'PROVIDER_FAILED',
      message: 'Eachlabs storage refused the video upload (signed URL rejected or expired). Try again.',
      retryable: true,
    })
    expect(emu.state.counts.submit).toBe(0)
  })

  it('refuses a text request without any HTTP call', async () => {
    const t = await testContext(emu.baseUrl, KEY)
    const err = await rejectionOf(eachlabsProvider.generate({ ...request(), mode: 'text' }, t.ctx))
    expect(err.code).toBe('PROVIDER_INPUT')
    expect(err.message).toMatch(/only generates sound for a video/)
    expect(emu.stats.presigns + emu.state.counts.submit).toBe(0)
  })

  it('400/422/5xx: the provider message from either error shape, key scrubbed', async () => {
    emu.state.faults.push({
      op: 'submit',
      status: 400,
      body: { status: 'error', message: 'Invalid input for model', details: 'cfg_strength must be a positive number' },
    })
    const a = await rejectionOf(eachlabsProvider.generate(request(), (await testContext(emu.baseUrl, KEY)).ctx))
    expect(a.code).toBe('PROVIDER_INPUT')
    expect(a.field).toBe('cfg')
    expect(a.message).toBe(
      'Eachlabs refused the request (cfg): Invalid input for model: cfg_strength must be a positive number.',
    )

    emu.state.faults.push({
      op: 'submit',
      status: 422,
      body: { error: `Invalid input for model, key ${KEY} cannot run it` },
    })
    const b = await rejectionOf(eachlabsProvider.generate(request(), (await testContext(emu.baseUrl, KEY)).ctx))
    expect(b.code).toBe('PROVIDER_INPUT')
    expect(b.message).toContain('Invalid input for model, key ••• cannot run it')
    expect(b.message).not.toContain(KEY)
    expect(emu.state.counts.submit).toBe(2)

    emu.state.faults.push({ op: 'submit', status: 500, body: { error: 'Failed to create prediction' } })
    const c = await rejectionOf(eachlabsProvider.generate(request(), (await testContext(emu.baseUrl, KEY)).ctx))
    expect(c.code).toBe('PROVIDER_FAILED')
    expect(c.message).toMatch(/Failed to create prediction.*may have accepted the request anyway/)
    expect(emu.state.counts.submit).toBe(3)
  })

  it('429 burst: 11 concurrent creates against the 10-concurrent limit all succeed after backing off', async () => {
    emu.state.timing = { queueMs: 20, runMs: 120 }
    const contexts = await Promise.all(
      Array.from({ length: 11 }, () => testContext(emu.baseUrl, KEY, { backoffScale: 1 })),
    )
    const results = await Promise.all(contexts.map((t) => eachlabsProvider.generate(request(), t.ctx)))
    expect(new Set(results.map((r) => r.requestId)).size).toBe(11)
    expect(emu.stats.rateLimited).toBeGreaterThanOrEqual(1)
    expect(emu.state.jobs.size).toBe(11)
    expect(emu.state.counts.submit).toBe(11 + emu.stats.rateLimited)
  })

  it('a 429 on status without Retry-After (Eachlabs sends none) is retried after our own backoff', async () => {
    emu.state.faults.push({ op: 'status', status: 429, times: 2 })
    await eachlabsProvider.generate(request(), (await testContext(emu.baseUrl, KEY)).ctx)
    expect(emu.state.counts.status).toBeGreaterThanOrEqual(3)
  })

  it('the 100-creates-a-minute limit is enforced (scaled down to 2) and surfaces as RATE_LIMITED', async () => {
    emu.config.maxCreatesPerMinute = 2
    emu.state.timing = { queueMs: 0, runMs: 0 }
    for (let i = 0; i < 2; i++) await eachlabsProvider.generate(request(), (await testContext(emu.baseUrl, KEY)).ctx)
    const err = await rejectionOf(eachlabsProvider.generate(request(), (await testContext(emu.baseUrl, KEY)).ctx))
    expect(err.code).toBe('RATE_LIMITED')
    expect(emu.stats.rateLimited).toBe(4)
  })

  it('a failure reported as terminal "error" (the model page\'s word) is PROVIDER_FAILED with the provider message too', async () => {
    emu.config.failedStatus = 'error'
    emu.state.outcomes.push({ kind: 'fail', message: 'CUDA out of memory' })
    const err = await rejectionOf(eachlabsProvider.generate(request(), (await testContext(emu.baseUrl, KEY)).ctx))
    expect(err.code).toBe('PROVIDER_FAILED')
    expect(err.message).toBe('Eachlabs could not generate this sound: CUDA out of memory')
  })

  it('an unknown response shape is a clear error', async () => {
    emu.state.faults.push({ op: 'status', status: 200, body: { weird: true } })
    const err = await rejectionOf(eachlabsProvider.generate(request(), (await testContext(emu.baseUrl, KEY)).ctx))
    expect(err.code).toBe('PROVIDER_FAILED')
    expect(err.message).toMatch(/does not understand/)
  })
})
