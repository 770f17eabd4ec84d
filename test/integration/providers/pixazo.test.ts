// The Pixazo adapter against its emulator: the provider contract (202 submit → poll → download, and the
// faults every provider shares), then Pixazo's own ways: text only, the gateway's key and rate-limit
// policy, an empty wallet, a disabled model, its two failure states, absolute polling and media URLs.
import { existsSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { pixazoProvider } from '../../../electron/providers/pixazo/index'
import type { ProviderRequest, GenerateResult } from '../../../electron/providers/types'
import { startPixazoEmulator, type PixazoEmulator } from '../../emulators/pixazo'
import { probeJson } from '../../fixtures/media'
import { rejectionOf } from './assertions'
import { describeProviderContract } from './providerContract'
import { testContext } from './testContext'

const KEY = 'pixazo-test-key-0123456789'
const SUBMIT_PATH = '/mmaudio-v2-text-to-audio/v1/mmaudio-v2-text-to-audio-request'

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

async function startWithTiming(): Promise<PixazoEmulator> {
  const started = await startPixazoEmulator({ apiKey: KEY })
  started.state.timing = { queueMs: 30, runMs: 60 }
  return started
}

/** A WAV covering the requested 2.4 s in whole seconds: 3 s. */
async function expectOutput(result: GenerateResult): Promise<void> {
  expect(result.mime).toBe('audio/wav')
  expect((await readFile(result.file)).subarray(0, 4).toString()).toBe('RIFF')
  const probe = await probeJson(result.file)
  expect(probe.streams.map((s) => s.codec_type)).toEqual(['audio'])
  expect(Number(probe.format.duration)).toBeCloseTo(3, 2)
}

describeProviderContract({
  provider: pixazoProvider,
  start: startWithTiming,
  requests: { text: request },
  firstKeyedPath: { text: SUBMIT_PATH },
  expectOutput,
  expectRun: ({ emu, result }) => {
    expect(result.requestId).toMatch(/^mmaudio-v2-text-to-audio_/)
    expect(emu.stats.submitBodies).toEqual([
      {
        prompt: 'rain on a tin roof',
        negative_prompt: 'music',
        num_steps: 25,
        duration: 3,
        cfg_strength: 4.5,
        mask_away_clip: false,
      },
    ])
    expect(emu.stats.missingCacheControl).toBe(0)
  },
  refusal: {
    fault: {
      op: 'submit',
      status: 422,
      body: { error: 'Bad Request', message: 'cfg_strength must be between 1.0 and 10.0' },
    },
    field: 'cfg',
    words: 'cfg_strength must be between 1.0 and 10.0',
  },
  readsRetryAfter: { status: true, submit: true },
})

describe('Pixazo adapter: its own ways', () => {
  let emu: PixazoEmulator
  const ctxFor = async (key = KEY, opts: Parameters<typeof testContext>[2] = {}) =>
    (await testContext(emu.baseUrl, key, opts)).ctx
  beforeEach(async () => {
    emu = await startWithTiming()
  })
  afterEach(() => emu.close())

  it('sends the absolute polling_url and media_url through the base URL', async () => {
    emu.config.advertisedOrigin = 'https://gateway.pixazo.invalid'
    const result = await pixazoProvider.generate(request(), await ctxFor())
    expect(existsSync(result.file)).toBe(true)
    expect(emu.state.counts.status).toBeGreaterThan(0)
    expect(emu.state.counts.download).toBe(1)
  })

  it('a video request is refused with a clear PROVIDER_INPUT and no HTTP call', async () => {
    const err = await rejectionOf(
      pixazoProvider.generate(request({ mode: 'video', videoPath: '/tmp/x.mp4' }), await ctxFor()),
    )
    expect(err.code).toBe('PROVIDER_INPUT')
    expect(err.message).toMatch(/only generates sound from a text prompt/)
    expect(emu.state.counts).toMatchObject({ submit: 0, status: 0, download: 0 })
  })

  it("402: insufficient balance is PROVIDER_BALANCE with Pixazo's sentence", async () => {
    emu.config.insufficientBalance = true
    const err = await rejectionOf(pixazoProvider.generate(request(), await ctxFor()))
    expect(err.code).toBe('PROVIDER_BALANCE')
    expect(err.message).toBe(
      'Your Pixazo account has no balance left: Your wallet does not have enough balance. Top it up or pick another provider.',
    )
    expect(emu.state.counts.submit).toBe(1)
  })

  it('400: a disabled model is PROVIDER_INPUT with its message', async () => {
    emu.config.modelDisabled = true
    const err = await rejectionOf(pixazoProvider.generate(request(), await ctxFor()))
    expect(err.code).toBe('PROVIDER_INPUT')
    expect(err.message).toBe("Pixazo refused the request: Model 'mmaudio-v2-text-to-audio' not found or is disabled.")
  })

  it('emulator: validates the documented ranges (integer duration 2–30)', async () => {
    const post = (body: unknown) =>
      fetch(`${emu.baseUrl}${SUBMIT_PATH}`, {
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

  it('429 burst on submit across three requests is retried and each succeeds; 429 on every submit ends RATE_LIMITED', async () => {
    emu.state.faults.push({ op: 'submit', status: 429, times: 2 })
    const results = await Promise.all([1, 2, 3].map(async () => pixazoProvider.generate(request(), await ctxFor())))
    expect(new Set(results.map((r) => r.requestId)).size).toBe(3)
    expect(emu.state.counts.submit).toBe(5)

    emu.state.faults.push({
      op: 'submit',
      status: 429,
      times: 10,
      body: { statusCode: 429, message: 'Rate limit is exceeded.' },
    })
    const err = await rejectionOf(pixazoProvider.generate(request(), await ctxFor()))
    expect(err.code).toBe('RATE_LIMITED')
    expect(emu.state.counts.submit).toBe(5 + 4)
    expect(emu.state.jobs.size).toBe(3)
  })

  it('ERROR (a system error) says it was not charged', async () => {
    emu.config.failedStatus = 'ERROR'
    emu.state.outcomes.push({ kind: 'fail', message: 'Worker crashed' })
    const err = await rejectionOf(pixazoProvider.generate(request(), await ctxFor()))
    expect(err.code).toBe('PROVIDER_FAILED')
    expect(err.message).toBe(
      'Pixazo could not generate this sound: Worker crashed (a Pixazo system error; not charged)',
    )
  })
})
