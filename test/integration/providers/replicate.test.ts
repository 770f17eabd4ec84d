// Replicate adapter (replicate client with our fetch and base URL; the create through our submit policy)
// against its emulator: upload, create by version, poll, download, and each fault.
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { createReplicateProvider, replicateProvider } from '../../../electron/providers/replicate/index'
import { DEFAULT_REPLICATE_VERSION, toReplicateInput } from '../../../electron/providers/replicate/params'
import type { ProviderRequest } from '../../../electron/providers/types'
import { replicateError, startReplicateEmulator, type ReplicateEmulator } from '../../emulators/replicate'
import { decodeAudio, flashClip, probeJson } from '../../fixtures/media'
import { expectClicksOnFlashes, rejectionOf } from './assertions'
import { testContext } from './testContext'

const FLASHES = [0.52, 1.6, 2.24]
const WRONG_KEY = 'r8_wrong_token_do_not_leak_98765'
let clip: string
let emu: ReplicateEmulator

const request = (over: Partial<ProviderRequest> = {}): ProviderRequest => ({
  mode: 'video', videoPath: clip, prompt: 'rain on a tin roof', negativePrompt: '', seed: 321, steps: 25, cfg: 4.5, durationSec: 3, maskAwayClip: true, ...over,
})
const text = (over: Partial<ProviderRequest> = {}): ProviderRequest => request({ mode: 'text', videoPath: undefined, durationSec: 2, ...over })

beforeAll(async () => {
  clip = await flashClip('replicate-flashes.mp4', { flashesSec: FLASHES, durationSec: 3 })
})
beforeEach(async () => {
  emu = await startReplicateEmulator()
  emu.state.timing = { queueMs: 80, runMs: 120 }
})
afterEach(() => emu.close())

describe('Replicate happy paths', () => {
  it('uploads the cut to /v1/files, creates by version id, returns the MP4 whose audio clicks on the flashes', async () => {
    const t = await testContext(emu.baseUrl, emu.apiKey)
    const result = await replicateProvider.generate(request(), t.ctx)
    expect(result.mime).toBe('video/mp4')
    expect((await probeJson(result.file)).streams.map((s) => s.codec_type).sort()).toEqual(['audio', 'video'])
    await expectClicksOnFlashes(result.file, FLASHES)

    expect(t.submitted).toEqual([result.requestId])
    expect(t.stages()).toEqual(['uploading', 'queued', 'generating', 'downloading'])
    expect(emu.stats.fileParts).toEqual([['content', 'metadata']])
    const [body] = emu.stats.createBodies
    expect(body!.version).toBe(DEFAULT_REPLICATE_VERSION)
    expect(body!.input).toEqual(toReplicateInput(request(), body!.input!.video as string))
    expect(String(body!.input!.video)).toMatch(new RegExp(`^${emu.baseUrl}/v1/files/[0-9a-f]+$`))
    expect(body!.input).not.toHaveProperty('mask_away_clip')
    expect(emu.state.counts).toMatchObject({ submit: 1, upload: 1, cancel: 0 })
  })

  it('text-to-audio returns FLAC, with no upload and no video input', async () => {
    const t = await testContext(emu.baseUrl, emu.apiKey)
    const result = await replicateProvider.generate(text(), t.ctx)
    expect(result.mime).toBe('audio/flac')
    expect((await probeJson(result.file)).streams.map((s) => s.codec_name)).toEqual(['flac'])
    expect(emu.state.counts.upload).toBe(0)
    expect(emu.stats.createBodies[0]!.input).toEqual(toReplicateInput(text()))
    expect(t.stages()).toEqual(['queued', 'generating', 'downloading'])
  })

  it('uses the configured version id; a version the model does not have is refused as input', async () => {
    const other = 'b'.repeat(64)
    const custom = await startReplicateEmulator({ versions: [other] })
    try {
      const t = await testContext(custom.baseUrl, custom.apiKey)
      const ok = await createReplicateProvider({ version: other }).generate(text(), t.ctx)
      expect(ok.mime).toBe('audio/flac')
      expect(custom.stats.createBodies.map((b) => b.version)).toEqual([other])
      const err = await rejectionOf(replicateProvider.generate(text(), (await testContext(custom.baseUrl, custom.apiKey)).ctx))
      expect(err.code).toBe('PROVIDER_INPUT')
      expect(err.message).toContain('Invalid version')
    } finally {
      await custom.close()
    }
  })

  it('resume(predictionId) after the app died mid-poll finishes with no new create', async () => {
    const first = await testContext(emu.baseUrl, emu.apiKey, {
      onSubmitted: () => {
        throw new Error('app died')
      },
    })
    await expect(replicateProvider.generate(request(), first.ctx)).rejects.toThrow('app died')
    const again = await testContext(emu.baseUrl, emu.apiKey)
    const result = await replicateProvider.resume(first.submitted[0]!, again.ctx)
    expect(result.requestId).toBe(first.submitted[0])
    expect(emu.state.counts.submit).toBe(1)
    expect(again.submitted).toEqual([])
    await expectClicksOnFlashes(result.file, FLASHES)
  })

  it('resume of an id the provider does not know → a clear "no longer has this request", no submit', async () => {
    const t = await testContext(emu.baseUrl, emu.apiKey)
    const err = await rejectionOf(replicateProvider.resume('no-such-prediction', t.ctx))
    expect(err.code).toBe('PROVIDER_FAILED')
    expect(err.message).toMatch(/no longer has this request/)
    expect(emu.state.counts.submit).toBe(0)
  })

  it('retries a download cut short', async () => {
    emu.state.faults.push({ op: 'download', cut: true })
    const t = await testContext(emu.baseUrl, emu.apiKey)
    const result = await replicateProvider.generate(text(), t.ctx)
    expect(emu.state.counts.download).toBe(2)
    expect((await decodeAudio(result.file)).length / 48000).toBeCloseTo(2, 1)
  })
})

describe('Replicate faults', () => {
  it('401 → PROVIDER_AUTH, and the token appears nowhere in the error', async () => {
    const t = await testContext(emu.baseUrl, WRONG_KEY)
    const err = await rejectionOf(replicateProvider.generate(request(), t.ctx))
    expect(err.code).toBe('PROVIDER_AUTH')
    expect(`${err.message} ${JSON.stringify(err.toData())} ${String(err.stack)}`).not.toContain(WRONG_KEY)
    expect(emu.state.authFailures).toEqual(['/v1/files'])
  })

  it('422 → PROVIDER_INPUT with the provider message and the field', async () => {
    emu.state.faults.push({ op: 'submit', status: 422, body: replicateError(422, '- input.cfg_strength: Must be greater than or equal to 1', { field: 'input.cfg_strength', description: 'Must be greater than or equal to 1' }) })
    const t = await testContext(emu.baseUrl, emu.apiKey)
    const err = await rejectionOf(replicateProvider.generate(text(), t.ctx))
    expect(err.code).toBe('PROVIDER_INPUT')
    expect(err.field).toBe('cfg')
    expect(err.message).toContain('Must be greater than or equal to 1')
  })

  it('a burst of 429 on status is retried and the prediction completes', async () => {
    emu.state.faults.push({ op: 'status', status: 429, headers: { 'Retry-After': '1' }, times: 8 })
    const t = await testContext(emu.baseUrl, emu.apiKey)
    const result = await replicateProvider.generate(text(), t.ctx)
    expect(result.mime).toBe('audio/flac')
    expect(emu.state.counts.status).toBeGreaterThanOrEqual(9)
  })

  it('429 on every create → RATE_LIMITED after the submit retries, honouring Retry-After', async () => {
    emu.state.faults.push({ op: 'submit', status: 429, headers: { 'Retry-After': '3' }, times: 50 })
    const t = await testContext(emu.baseUrl, emu.apiKey)
    const waits: number[] = []
    const sleep = t.ctx.sleep!
    t.ctx.sleep = (ms, signal) => {
      waits.push(ms)
      return sleep(Math.min(ms, 30), signal)
    }
    const err = await rejectionOf(replicateProvider.generate(text(), t.ctx))
    expect(err.code).toBe('RATE_LIMITED')
    expect(err.retryAfterSec).toBe(3)
    expect(emu.state.counts.submit).toBe(4)
    expect(waits.filter((ms) => ms >= 3000)).toHaveLength(3)
    expect(emu.state.jobs.size).toBe(0)
  })

  it('5xx on status, then success', async () => {
    emu.state.faults.push({ op: 'status', status: 500, times: 7 })
    const t = await testContext(emu.baseUrl, emu.apiKey)
    expect((await replicateProvider.generate(text(), t.ctx)).mime).toBe('audio/flac')
    expect(emu.state.counts.submit).toBe(1)
  })

  it('5xx on create is not repeated (one create seen) and the error says it may have been accepted', async () => {
    emu.state.faults.push({ op: 'submit', status: 502 })
    const t = await testContext(emu.baseUrl, emu.apiKey)
    const err = await rejectionOf(replicateProvider.generate(text(), t.ctx))
    expect(err.code).toBe('PROVIDER_FAILED')
    expect(err.retryable).toBe(false)
    expect(err.message).toMatch(/may have accepted/)
    expect(emu.state.counts.submit).toBe(1)
  })

  it('a dropped connection on create is not repeated (the replicate client would have)', async () => {
    emu.state.faults.push({ op: 'submit', drop: true })
    const t = await testContext(emu.baseUrl, emu.apiKey)
    const err = await rejectionOf(replicateProvider.generate(request(), t.ctx))
    expect(err.code).toBe('NETWORK')
    expect(err.retryable).toBe(false)
    expect(emu.state.counts.submit).toBe(1)
    expect(emu.state.jobs.size).toBe(1)
  })

  it('failed prediction → PROVIDER_FAILED with its error', async () => {
    emu.state.outcomes.push({ kind: 'fail', message: 'Video has no frames' })
    const t = await testContext(emu.baseUrl, emu.apiKey)
    const err = await rejectionOf(replicateProvider.generate(request(), t.ctx))
    expect(err.code).toBe('PROVIDER_FAILED')
    expect(err.message).toContain('Video has no frames')
  })

  it('a prediction that never finishes → TIMEOUT at the deadline, and it is cancelled', async () => {
    emu.state.outcomes.push({ kind: 'hang' })
    const t = await testContext(emu.baseUrl, emu.apiKey, { maxWaitMs: 300 })
    const err = await rejectionOf(replicateProvider.generate(text(), t.ctx))
    expect(err.code).toBe('TIMEOUT')
    expect(emu.state.counts.cancel).toBe(1)
  })

  it('abort while processing → POST /v1/predictions/{id}/cancel seen, rejects CANCELLED', async () => {
    emu.state.timing = { queueMs: 20, runMs: 10_000 }
    const t = await testContext(emu.baseUrl, emu.apiKey)
    t.ctx.onProgress = (p) => {
      t.progress.push(p)
      if (p.stage === 'generating') t.controller.abort()
    }
    const err = await rejectionOf(replicateProvider.generate(request(), t.ctx))
    expect(err.code).toBe('CANCELLED')
    expect(emu.state.counts.cancel).toBe(1)
    expect([...emu.state.jobs.values()][0]!.cancelled).toBe(true)
  })
})
