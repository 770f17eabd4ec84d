import { existsSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { pixazoProvider } from '../../../electron/providers/pixazo/index'
import type { ProviderRequest } from '../../../electron/providers/types'
import { startPixazoEmulator, type PixazoEmulator } from '../../emulators/pixazo'
import { probeJson } from '../../fixtures/media'
import { expectClicksOnFlashes, rejectionOf } from './assertions'
import { testContext } from './testContext'

let emu: PixazoEmulator
const KEY = 'pixazo-test-key-0123456789'

const request = (over: Partial<ProviderRequest> = {}): ProviderRequest => ({
  mode: 'text',
  prompt: 'rain on a tin roof',
  negativePrompt: 'music',
  seed: 3,
  steps: 25,
  cfg: 4.5,
  durationSec: 2.4,
  maskAwayClip: false,
  ...over,
})

const ctxFor = async (key = KEY, opts: Parameters<typeof testContext>[2] = {}) => (await testContext(emu.baseUrl, key, opts)).ctx

beforeEach(async () => {
  emu = await startPixazoEmulator({ apiKey: KEY })
  emu.state.timing = { queueMs: 30, runMs: 60 }
})
afterEach(() => emu.close())

describe('Pixazo adapter against its emulator', () => {
  it('text-to-audio: 202 submit, polls, and returns a WAV covering the requested duration', async () => {
    emu.state.timing = { queueMs: 60, runMs: 200 } // long enough to see every stage even on a loaded machine
    const t = await testContext(emu.baseUrl, KEY)
    const result = await pixazoProvider.generate(request(), t.ctx)

    expect(result.mime).toBe('audio/wav')
    expect(t.submitted).toEqual([result.requestId])
    expect(result.requestId).toMatch(/^mmaudio-v2-text-to-audio_/)
    expect((await readFile(result.file)).subarray(0, 4).toString()).toBe('RIFF')
    const probe = await probeJson(result.file)
    expect(probe.streams.map((s) => s.codec_type)).toEqual(['audio'])
    expect(Number(probe.format.duration)).toBeCloseTo(3, 2) // 2.4 s asked → whole seconds, rounded up
    expect(t.stages()).toEqual(['queued', 'generating', 'downloading'])
    expect(emu.stats.submitBodies).toEqual([
      { prompt: 'rain on a tin roof', negative_prompt: 'music', num_steps: 25, duration: 3, cfg_strength: 4.5, mask_away_clip: false },
    ])
    expect(emu.stats.missingCacheControl).toBe(0)
  })

  it('sends the absolute polling_url and media_url through the base URL', async () => {
    emu.config.advertisedOrigin = 'https://gateway.pixazo.invalid'
    const result = await pixazoProvider.generate(request(), await ctxFor())
    expect(existsSync(result.file)).toBe(true)
    expect(emu.state.counts.status).toBeGreaterThan(0)
    expect(emu.state.counts.download).toBe(1)
  })

  it('a video request is refused with a clear PROVIDER_INPUT and no HTTP call', async () => {
    const err = await rejectionOf(pixazoProvider.generate(request({ mode: 'video', videoPath: '/tmp/x.mp4' }), await ctxFor()))
    expect(err.code).toBe('PROVIDER_INPUT')
    expect(err.message).toMatch(/only generates sound from a text prompt/)
    expect(emu.state.counts).toMatchObject({ submit: 0, status: 0, download: 0 })
  })

  it('401: a wrong subscription key is PROVIDER_AUTH and the key appears nowhere in the error', async () => {
    const wrong = 'pixazo-wrong-key-987654321'
    const err = await rejectionOf(pixazoProvider.generate(request(), await ctxFor(wrong)))
    expect(err.code).toBe('PROVIDER_AUTH')
    expect(JSON.stringify({ ...err.toData(), stack: err.stack })).not.toContain(wrong)
    expect(emu.state.authFailures).toHaveLength(1)
  })

  it('402: insufficient balance is PROVIDER_BALANCE with Pixazo\'s sentence', async () => {
    emu.config.insufficientBalance = true
    const err = await rejectionOf(pixazoProvider.generate(request(), await ctxFor()))
    expect(err.code).toBe('PROVIDER_BALANCE')
    expect(err.message).toBe('Your Pixazo account has no balance left: Your wallet does not have enough balance. Top it up or pick another provider.')
    expect(emu.state.counts.submit).toBe(1)
  })

  it('400: model not found, and a parameter the gateway refuses, are PROVIDER_INPUT with the message', async () => {
    emu.config.modelDisabled = true
    const a = await rejectionOf(pixazoProvider.generate(request(), await ctxFor()))
    expect(a.code).toBe('PROVIDER_INPUT')
    expect(a.message).toBe("Pixazo refused the request: Model 'mmaudio-v2-text-to-audio' not found or is disabled.")

    emu.config.modelDisabled = false
    emu.state.faults.push({ op: 'submit', status: 422, body: { error: 'Bad Request', message: 'cfg_strength must be between 1.0 and 10.0' } })
    const b = await rejectionOf(pixazoProvider.generate(request(), await ctxFor()))
    expect(b.code).toBe('PROVIDER_INPUT')
    expect(b.field).toBe('cfg')
    expect(b.message).toContain('cfg_strength must be between 1.0 and 10.0')
  })

  it('emulator: validates the documented ranges (integer duration 2–30)', async () => {
    const post = (body: unknown) =>
      fetch(`${emu.baseUrl}/mmaudio-v2-text-to-audio/v1/mmaudio-v2-text-to-audio-request`, {
        method: 'POST',
        headers: { 'Ocp-Apim-Subscription-Key': KEY, 'Content-Type': 'application/json' },
        body: JSON.stringify(body),
      }).then(async (r) => ({ status: r.status, body: (await r.json()) as unknown }))
    expect(await post({ prompt: 'x', duration: 2.5 })).toEqual({
      status: 400,
      body: { error: 'Bad Request', message: 'duration must be an integer between 2 and 30' },
    })
    expect((await post({ prompt: 'x', num_steps: 5 })).status).toBe(400)
    expect((await post({ prompt: 'x' })).status).toBe(202)
  })

  it('429: the rate-limit policy on status is honoured (Retry-After) and the request completes', async () => {
    emu.config.rateLimit = { calls: 2, renewalSec: 1 }
    const started = Date.now()
    const result = await pixazoProvider.generate(request(), await ctxFor(KEY, { backoffScale: 1 }))
    expect(existsSync(result.file)).toBe(true)
    expect(emu.stats.rateLimited).toBeGreaterThanOrEqual(1)
    expect(Date.now() - started).toBeGreaterThanOrEqual(500)
    expect(emu.state.counts.submit).toBe(1)
  })

  it('429 burst on submit is retried and succeeds; 429 on every submit ends RATE_LIMITED', async () => {
    emu.state.faults.push({ op: 'submit', status: 429, times: 2 })
    const results = await Promise.all([1, 2, 3].map(async () => pixazoProvider.generate(request(), await ctxFor())))
    expect(new Set(results.map((r) => r.requestId)).size).toBe(3)
    expect(emu.state.counts.submit).toBe(5)

    emu.state.faults.push({ op: 'submit', status: 429, times: 10, body: { statusCode: 429, message: 'Rate limit is exceeded.' } })
    const err = await rejectionOf(pixazoProvider.generate(request(), await ctxFor()))
    expect(err.code).toBe('RATE_LIMITED')
    expect(emu.state.counts.submit).toBe(5 + 4)
    expect(emu.state.jobs.size).toBe(3)
  })

  it('a download cut short is fetched again whole', async () => {
    emu.state.faults.push({ op: 'download', cut: true })
    const result = await pixazoProvider.generate(request(), await ctxFor())
    expect(emu.state.counts.download).toBe(2)
    expect(Number((await probeJson(result.file)).format.duration)).toBeCloseTo(3, 2)
  })

  it('5xx on status, then success', async () => {
    emu.state.faults.push({ op: 'status', status: 502, times: 2 })
    const result = await pixazoProvider.generate(request(), await ctxFor())
    expect(existsSync(result.file)).toBe(true)
  })

  it('5xx or a dropped connection on submit is not retried and says the request may exist', async () => {
    emu.state.faults.push({ op: 'submit', status: 500 })
    const a = await rejectionOf(pixazoProvider.generate(request(), await ctxFor()))
    expect(a.code).toBe('PROVIDER_FAILED')
    expect(a.retryable).toBe(false)
    expect(a.message).toMatch(/may have accepted the request anyway/)
    expect(emu.state.counts.submit).toBe(1)

    emu.state.faults.push({ op: 'submit', drop: true })
    const b = await rejectionOf(pixazoProvider.generate(request(), await ctxFor()))
    expect(b.code).toBe('NETWORK')
    expect(b.retryable).toBe(false)
    expect(emu.state.counts.submit).toBe(2)
  })

  it('FAILED is PROVIDER_FAILED with the error; ERROR also says it was not charged', async () => {
    emu.state.outcomes.push({ kind: 'fail', message: 'Prompt rejected by safety filter' })
    const a = await rejectionOf(pixazoProvider.generate(request(), await ctxFor()))
    expect(a.code).toBe('PROVIDER_FAILED')
    expect(a.message).toBe('Pixazo could not generate this sound: Prompt rejected by safety filter')

    emu.config.failedStatus = 'ERROR'
    emu.state.outcomes.push({ kind: 'fail', message: 'Worker crashed' })
    const b = await rejectionOf(pixazoProvider.generate(request(), await ctxFor()))
    expect(b.code).toBe('PROVIDER_FAILED')
    expect(b.message).toBe('Pixazo could not generate this sound: Worker crashed (a Pixazo system error; not charged)')
  })

  it('a request that never finishes times out with a clear error', async () => {
    emu.state.outcomes.push({ kind: 'hang' })
    const err = await rejectionOf(pixazoProvider.generate(request(), await ctxFor(KEY, { maxWaitMs: 250 })))
    expect(err.code).toBe('TIMEOUT')
    expect(err.message).toBe('Pixazo did not finish this request within 0.3 s. Try again later or pick another provider.')
  })

  it('abort while processing stops polling and rejects CANCELLED (Pixazo has no cancel endpoint)', async () => {
    emu.state.timing = { queueMs: 0, runMs: 10_000 }
    const t = await testContext(emu.baseUrl, KEY)
    t.ctx.onProgress = (p) => {
      t.progress.push(p)
      if (p.stage === 'generating') t.controller.abort()
    }
    const err = await rejectionOf(pixazoProvider.generate(request(), t.ctx))
    expect(err.code).toBe('CANCELLED')
    const polls = emu.state.counts.status
    await new Promise((r) => setTimeout(r, 100))
    expect(emu.state.counts.status).toBe(polls)
  })

  it('resume(requestId) after a crash finishes the same request with no new submit', async () => {
    const crashed = await testContext(emu.baseUrl, KEY, {
      onSubmitted: () => {
        throw new Error('process killed')
      },
    })
    await expect(pixazoProvider.generate(request(), crashed.ctx)).rejects.toThrow('process killed')
    const result = await pixazoProvider.resume(crashed.submitted[0]!, await ctxFor())
    expect(result.requestId).toBe(crashed.submitted[0])
    expect(result.mime).toBe('audio/wav')
    expect(emu.state.counts.submit).toBe(1)
  })

  it('resume of an id Pixazo does not know is a clear PROVIDER_FAILED', async () => {
    const err = await rejectionOf(pixazoProvider.resume('mmaudio-v2-text-to-audio_nope', await ctxFor()))
    expect(err.code).toBe('PROVIDER_FAILED')
    expect(err.message).toMatch(/Pixazo no longer has this request/)
  })
})
