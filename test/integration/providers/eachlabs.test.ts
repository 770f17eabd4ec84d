import { existsSync } from 'node:fs'
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { eachlabsProvider } from '../../../electron/providers/eachlabs/index'
import type { ProviderRequest } from '../../../electron/providers/types'
import { startEachlabsEmulator, type EachlabsEmulator } from '../../emulators/eachlabs'
import { flashClip, probeJson } from '../../fixtures/media'
import { expectClicksOnFlashes, rejectionOf } from './assertions'
import { testContext } from './testContext'

const FLASHES = [1, 2.48, 3.2]
let clip = ''
let emu: EachlabsEmulator
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
beforeEach(async () => {
  emu = await startEachlabsEmulator({ apiKey: KEY })
  emu.state.timing = { queueMs: 30, runMs: 60 }
})
afterEach(() => emu.close())

describe('Eachlabs adapter against its emulator', () => {
  it('uploads through the presigned URL, creates, polls, and returns the MP4 whose clicks sit on the flashes', async () => {
    emu.state.timing = { queueMs: 60, runMs: 200 } // long enough to see every stage even on a loaded machine
    const t = await testContext(emu.baseUrl, KEY)
    const result = await eachlabsProvider.generate(request(), t.ctx)

    expect(result.mime).toBe('video/mp4')
    expect(t.submitted).toEqual([result.requestId])
    const streams = (await probeJson(result.file)).streams.map((s) => s.codec_type).sort()
    expect(streams).toEqual(['audio', 'video'])
    await expectClicksOnFlashes(result.file, FLASHES)

    expect(t.stages()).toEqual(['uploading', 'queued', 'generating', 'downloading'])
    const [job] = [...emu.state.jobs.values()]
    expect(job!.input).toEqual({
      video: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+\/files\//),
      prompt: 'hammer hits',
      negative_prompt: '',
      duration: 4,
      num_steps: 25,
      cfg_strength: 4.5,
      seed: 7,
    })
    expect(emu.state.counts).toMatchObject({ submit: 1, upload: 1, cancel: 0 })
    expect(emu.stats).toMatchObject({ presigns: 1, putsRefused: 0, putsWithApiKey: 0 })
  })

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
    expect(await create()).toEqual({ status: 400, body: { status: 'error', message: 'model field is required', details: 'model field is required' } })
    emu.config.errorShape = 'error'
    expect(await create()).toEqual({ status: 400, body: { error: 'model field is required' } })
  })

  it('a download cut short is fetched again whole', async () => {
    emu.state.faults.push({ op: 'download', cut: true })
    const result = await eachlabsProvider.generate(request(), (await testContext(emu.baseUrl, KEY)).ctx)
    expect(emu.state.counts.download).toBe(2)
    await expectClicksOnFlashes(result.file, FLASHES)
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
    await fetch(presign.presigned_url, { method: 'PUT', headers: { 'Content-Type': 'video/mp4', ...presign.required_headers }, body: 'x' })
    const create = async (): Promise<number> => (await api('/v1/prediction', { model: 'mmaudio', input: { video: presign.public_url } })).status

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

  it('401: a wrong key is PROVIDER_AUTH and the key appears nowhere in the error', async () => {
    const wrong = 'each-wrong-key-9876543210'
    const t = await testContext(emu.baseUrl, wrong)
    const err = await rejectionOf(eachlabsProvider.generate(request(), t.ctx))
    expect(err.code).toBe('PROVIDER_AUTH')
    expect(err.message).toMatch(/Eachlabs rejected the API key/)
    expect(JSON.stringify({ ...err.toData(), stack: err.stack })).not.toContain(wrong)
    expect(emu.state.authFailures.length).toBeGreaterThan(0)
    expect(emu.state.counts.submit).toBe(0)
  })

  it('400/422: PROVIDER_INPUT with the provider message, from either error shape, key scrubbed', async () => {
    emu.state.faults.push({ op: 'submit', status: 400, body: { status: 'error', message: 'Invalid input for model', details: 'cfg_strength must be a positive number' } })
    const a = await rejectionOf(eachlabsProvider.generate(request(), (await testContext(emu.baseUrl, KEY)).ctx))
    expect(a.code).toBe('PROVIDER_INPUT')
    expect(a.field).toBe('cfg')
    expect(a.message).toBe('Eachlabs refused the request (cfg): Invalid input for model: cfg_strength must be a positive number.')

    emu.state.faults.push({ op: 'submit', status: 422, body: { error: `Invalid input for model, key ${KEY} cannot run it` } })
    const b = await rejectionOf(eachlabsProvider.generate(request(), (await testContext(emu.baseUrl, KEY)).ctx))
    expect(b.code).toBe('PROVIDER_INPUT')
    expect(b.message).toContain('Invalid input for model, key ••• cannot run it')
    expect(b.message).not.toContain(KEY)
    expect(emu.state.counts.submit).toBe(2)
  })

  it('429 burst: 11 concurrent creates against the 10-concurrent limit all succeed after backing off', async () => {
    emu.state.timing = { queueMs: 20, runMs: 120 }
    const contexts = await Promise.all(Array.from({ length: 11 }, () => testContext(emu.baseUrl, KEY, { backoffScale: 1 })))
    const results = await Promise.all(contexts.map((t) => eachlabsProvider.generate(request(), t.ctx)))
    expect(new Set(results.map((r) => r.requestId)).size).toBe(11)
    expect(emu.stats.rateLimited).toBeGreaterThanOrEqual(1)
    expect(emu.state.jobs.size).toBe(11)
    expect(emu.state.counts.submit).toBe(11 + emu.stats.rateLimited)
  })

  it('429 on status is retried; 429 on every create ends RATE_LIMITED after the submit retries', async () => {
    emu.state.faults.push({ op: 'status', status: 429, times: 2 })
    await eachlabsProvider.generate(request(), (await testContext(emu.baseUrl, KEY)).ctx)
    expect(emu.state.counts.status).toBeGreaterThanOrEqual(3)

    emu.state.faults.push({ op: 'submit', status: 429, times: 10 })
    const err = await rejectionOf(eachlabsProvider.generate(request(), (await testContext(emu.baseUrl, KEY)).ctx))
    expect(err.code).toBe('RATE_LIMITED')
    expect(emu.state.counts.submit).toBe(1 + 4)
    expect(emu.state.jobs.size).toBe(1)
  })

  it('the 100-creates-a-minute limit is enforced (scaled down to 2) and surfaces as RATE_LIMITED', async () => {
    emu.config.maxCreatesPerMinute = 2
    emu.state.timing = { queueMs: 0, runMs: 0 }
    for (let i = 0; i < 2; i++) await eachlabsProvider.generate(request(), (await testContext(emu.baseUrl, KEY)).ctx)
    const err = await rejectionOf(eachlabsProvider.generate(request(), (await testContext(emu.baseUrl, KEY)).ctx))
    expect(err.code).toBe('RATE_LIMITED')
    expect(emu.stats.rateLimited).toBe(4)
  })

  it('5xx on status, then success', async () => {
    emu.state.faults.push({ op: 'status', status: 503, times: 2 })
    const result = await eachlabsProvider.generate(request(), (await testContext(emu.baseUrl, KEY)).ctx)
    expect(existsSync(result.file)).toBe(true)
  })

  it('5xx or a dropped connection on create is not retried and says the request may exist', async () => {
    emu.state.faults.push({ op: 'submit', status: 500, body: { error: 'Failed to create prediction' } })
    const a = await rejectionOf(eachlabsProvider.generate(request(), (await testContext(emu.baseUrl, KEY)).ctx))
    expect(a.code).toBe('PROVIDER_FAILED')
    expect(a.retryable).toBe(false)
    expect(a.message).toMatch(/Failed to create prediction.*may have accepted the request anyway/)
    expect(emu.state.counts.submit).toBe(1)

    emu.state.faults.push({ op: 'submit', drop: true })
    const b = await rejectionOf(eachlabsProvider.generate(request(), (await testContext(emu.baseUrl, KEY)).ctx))
    expect(b.code).toBe('NETWORK')
    expect(b.retryable).toBe(false)
    expect(b.message).toMatch(/may have accepted the request anyway/)
    expect(emu.state.counts.submit).toBe(2)
    expect(emu.state.jobs.size).toBe(1) // the dropped create was accepted, and not sent again
  })

  it.each(['failed', 'error'] as const)('terminal "%s" is PROVIDER_FAILED with the provider message', async (status) => {
    emu.config.failedStatus = status
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

  it('a prediction that never finishes times out with a clear error and is cancelled at Eachlabs', async () => {
    emu.state.outcomes.push({ kind: 'hang' })
    const err = await rejectionOf(eachlabsProvider.generate(request(), (await testContext(emu.baseUrl, KEY, { maxWaitMs: 300 })).ctx))
    expect(err.code).toBe('TIMEOUT')
    expect(err.message).toBe('Eachlabs did not finish this request within 0.3 s. Try again later or pick another provider.')
    expect(emu.state.counts.cancel).toBe(1)
  })

  it('cancel while processing: Eachlabs sees the cancel and the promise rejects CANCELLED', async () => {
    emu.state.timing = { queueMs: 0, runMs: 10_000 }
    const t = await testContext(emu.baseUrl, KEY)
    t.ctx.onProgress = (p) => {
      t.progress.push(p)
      if (p.stage === 'generating') t.controller.abort()
    }
    const err = await rejectionOf(eachlabsProvider.generate(request(), t.ctx))
    expect(err.code).toBe('CANCELLED')
    expect(emu.state.counts.cancel).toBe(1)
    expect([...emu.state.jobs.values()][0]!.cancelled).toBe(true)
  })

  it('resume(requestId) after a crash finishes the same prediction with no new create', async () => {
    const crashed = await testContext(emu.baseUrl, KEY, {
      onSubmitted: () => {
        throw new Error('process killed')
      },
    })
    await expect(eachlabsProvider.generate(request(), crashed.ctx)).rejects.toThrow('process killed')
    expect(emu.state.counts.submit).toBe(1)

    const t = await testContext(emu.baseUrl, KEY)
    const result = await eachlabsProvider.resume(crashed.submitted[0]!, t.ctx)
    expect(result.requestId).toBe(crashed.submitted[0])
    expect(emu.state.counts.submit).toBe(1)
    expect(emu.state.counts.cancel).toBe(0)
    await expectClicksOnFlashes(result.file, FLASHES)
  })

  it('resume of an id Eachlabs does not know is a clear PROVIDER_FAILED, and failure messages are scrubbed of the key', async () => {
    const gone = await rejectionOf(eachlabsProvider.resume('no-such-prediction', (await testContext(emu.baseUrl, KEY)).ctx))
    expect(gone.code).toBe('PROVIDER_FAILED')
    expect(gone.message).toMatch(/Eachlabs no longer has this request/)

    emu.state.outcomes.push({ kind: 'fail', message: `storage denied for key ${KEY}` })
    const failed = await rejectionOf(eachlabsProvider.generate(request(), (await testContext(emu.baseUrl, KEY)).ctx))
    expect(failed.message).toBe('Eachlabs could not generate this sound: storage denied for key •••')
  })
})
