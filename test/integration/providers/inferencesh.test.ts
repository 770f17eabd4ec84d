// inference.sh adapter (through @inferencesh/sdk 0.6.54) against its emulator: upload, run, poll, download,
// and each fault the protocol can produce.
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { inferenceshProvider } from '../../../electron/providers/inferencesh/index'
import { toInferenceshInput } from '../../../electron/providers/inferencesh/params'
import type { ProviderRequest } from '../../../electron/providers/types'
import { infshProblem, startInferenceshEmulator, type InferenceshEmulator } from '../../emulators/inferencesh'
import { decodeAudio, flashClip, probeJson } from '../../fixtures/media'
import { expectClicksOnFlashes, rejectionOf } from './assertions'
import { testContext } from './testContext'

const FLASHES = [0.6, 1.4, 2.32]
const WRONG_KEY = 'inf_wrong_key_do_not_leak_123456'
let clip: string
let emu: InferenceshEmulator

const request = (over: Partial<ProviderRequest> = {}): ProviderRequest => ({
  mode: 'video', videoPath: clip, prompt: 'footsteps on gravel', negativePrompt: '', seed: 7, steps: 25, cfg: 4.5, durationSec: 3, maskAwayClip: false, ...over,
})
const text = (over: Partial<ProviderRequest> = {}): ProviderRequest => request({ mode: 'text', videoPath: undefined, durationSec: 2, ...over })

beforeAll(async () => {
  clip = await flashClip('infsh-flashes.mp4', { flashesSec: FLASHES, durationSec: 3 })
})
beforeEach(async () => {
  emu = await startInferenceshEmulator()
  emu.state.timing = { queueMs: 80, runMs: 120 }
})
afterEach(() => emu.close())

describe('inference.sh happy paths', () => {
  it('uploads the cut, runs infsh/mmaudio, and returns FLAC whose clicks land on the flashes', async () => {
    const t = await testContext(emu.baseUrl, emu.apiKey)
    const result = await inferenceshProvider.generate(request(), t.ctx)
    expect(result.mime).toBe('audio/flac')
    expect(result.file.endsWith('.flac')).toBe(true)
    expect((await probeJson(result.file)).streams.map((s) => s.codec_name)).toEqual(['flac'])
    await expectClicksOnFlashes(result.file, FLASHES)

    expect(t.submitted).toEqual([result.requestId])
    expect(t.stages()).toEqual(['uploading', 'queued', 'generating', 'downloading'])
    expect(emu.state.counts).toMatchObject({ submit: 1, upload: 1, cancel: 0 })
    expect(emu.stats.putsWithAuth).toBe(0)
    // The SDK makes every API call; the task stream is read by the adapter itself (the SDK's cannot be aborted).
    const sdkCalls = emu.stats.clientSources.filter((c) => !c.path.endsWith('/stream'))
    expect(sdkCalls.every((c) => c.source.startsWith('inference-sdk-js/'))).toBe(true)
    expect(emu.state.counts.stream).toBe(1)
    const job = emu.state.jobs.get(result.requestId)!
    expect(job.input).toEqual(toInferenceshInput(request(), job.input.video_input as string))
    expect(job.input.seed).toBe(7)
    expect(String(job.input.video_input)).toMatch(new RegExp(`^${emu.baseUrl}/files/`))
  })

  it('text-to-audio: no upload, no video_input, FLAC of the asked length', async () => {
    const t = await testContext(emu.baseUrl, emu.apiKey)
    const result = await inferenceshProvider.generate(text({ seed: 11 }), t.ctx)
    expect(result.mime).toBe('audio/flac')
    expect(emu.state.counts.upload).toBe(0)
    const job = emu.state.jobs.get(result.requestId)!
    expect(job.input).toEqual(toInferenceshInput(text({ seed: 11 })))
    expect((await decodeAudio(result.file)).length / 48000).toBeCloseTo(2, 1)
    expect(t.stages()).toEqual(['queued', 'generating', 'downloading'])
  })

  it('also works against the older API v2 shape (bare DTOs, no envelope), as the SDK accepts both', async () => {
    const v2 = await startInferenceshEmulator({ envelope: false, videoOutput: false })
    try {
      const t = await testContext(v2.baseUrl, v2.apiKey)
      const result = await inferenceshProvider.generate(request(), t.ctx)
      await expectClicksOnFlashes(result.file, FLASHES)
      expect(v2.state.counts).toMatchObject({ submit: 1, upload: 1 })
    } finally {
      await v2.close()
    }
  })

  it('resume(taskId) after the app died mid-poll finishes the same task with no new submit', async () => {
    emu.state.timing = { queueMs: 50, runMs: 150 }
    const first = await testContext(emu.baseUrl, emu.apiKey, {
      onSubmitted: () => {
        throw new Error('app died')
      },
    })
    await expect(inferenceshProvider.generate(request(), first.ctx)).rejects.toThrow('app died')
    const [id] = first.submitted
    const again = await testContext(emu.baseUrl, emu.apiKey)
    const result = await inferenceshProvider.resume(id!, again.ctx)
    expect(result.requestId).toBe(id)
    expect(emu.state.counts.submit).toBe(1)
    expect(emu.state.counts.cancel).toBe(0)
    expect(again.submitted).toEqual([])
    await expectClicksOnFlashes(result.file, FLASHES)
  })

  it('resume of an id the provider does not know → a clear "no longer has this request", no submit', async () => {
    const t = await testContext(emu.baseUrl, emu.apiKey)
    const err = await rejectionOf(inferenceshProvider.resume('no-such-task', t.ctx))
    expect(err.code).toBe('PROVIDER_FAILED')
    expect(err.message).toMatch(/no longer has this request/)
    expect(emu.state.counts.submit).toBe(0)
  })

  it('retries a download cut short and still returns the whole file', async () => {
    emu.state.faults.push({ op: 'download', cut: true })
    const t = await testContext(emu.baseUrl, emu.apiKey)
    const result = await inferenceshProvider.generate(request(), t.ctx)
    expect(emu.state.counts.download).toBe(2)
    await expectClicksOnFlashes(result.file, FLASHES)
  })
})

describe('inference.sh faults', () => {
  it('401 → PROVIDER_AUTH, and the key appears nowhere in the error', async () => {
    const t = await testContext(emu.baseUrl, WRONG_KEY)
    const err = await rejectionOf(inferenceshProvider.generate(text(), t.ctx))
    expect(err.code).toBe('PROVIDER_AUTH')
    expect(`${err.message} ${JSON.stringify(err.toData())} ${String(err.stack)}`).not.toContain(WRONG_KEY)
    expect(emu.state.authFailures).toEqual(['/apps/run'])
    expect(emu.state.jobs.size).toBe(0)
  })

  it('422 problem+json → PROVIDER_INPUT naming the field and carrying the provider message', async () => {
    emu.state.faults.push({ op: 'submit', status: 422, body: infshProblem(422, 'input.duration: must be at most 10', [{ field: 'input.duration', message: 'must be at most 10' }]) })
    const t = await testContext(emu.baseUrl, emu.apiKey)
    const err = await rejectionOf(inferenceshProvider.generate(text(), t.ctx))
    expect(err.code).toBe('PROVIDER_INPUT')
    expect(err.field).toBe('durationSec')
    expect(err.message).toContain('must be at most 10')
    expect(emu.state.counts.submit).toBe(1)
  })

  it('a burst of 429 on status (polled, the stream refused) is retried and the task completes', async () => {
    emu.state.faults.push({ op: 'stream', status: 404 }, { op: 'status', status: 429, headers: { 'Retry-After': '1' }, times: 3 })
    const t = await testContext(emu.baseUrl, emu.apiKey)
    const result = await inferenceshProvider.generate(text(), t.ctx)
    expect(result.mime).toBe('audio/flac')
    expect(emu.state.counts.status).toBeGreaterThanOrEqual(4)
    expect(emu.state.counts.submit).toBe(1)
  })

  it('429 on every submit → RATE_LIMITED after the submit retries; nothing accepted', async () => {
    emu.state.faults.push({ op: 'submit', status: 429, headers: { 'Retry-After': '1' }, times: 50 })
    const t = await testContext(emu.baseUrl, emu.apiKey)
    const err = await rejectionOf(inferenceshProvider.generate(text(), t.ctx))
    expect(err.code).toBe('RATE_LIMITED')
    expect(emu.state.counts.submit).toBe(4)
    expect(emu.state.jobs.size).toBe(0)
  })

  it('5xx on status (polled, the stream cut), then success', async () => {
    emu.state.faults.push({ op: 'stream', drop: true }, { op: 'status', status: 503, times: 2 }, { op: 'result', status: 502 })
    const t = await testContext(emu.baseUrl, emu.apiKey)
    const result = await inferenceshProvider.generate(text(), t.ctx)
    expect(result.mime).toBe('audio/flac')
    expect(emu.state.counts.submit).toBe(1)
  })

  it('5xx on submit is not repeated: one submit seen, an error that says it may have been accepted', async () => {
    emu.state.faults.push({ op: 'submit', status: 500 })
    const t = await testContext(emu.baseUrl, emu.apiKey)
    const err = await rejectionOf(inferenceshProvider.generate(text(), t.ctx))
    expect(err.code).toBe('PROVIDER_FAILED')
    expect(err.retryable).toBe(false)
    expect(err.message).toMatch(/may have accepted/)
    expect(emu.state.counts.submit).toBe(1)
  })

  it('a dropped connection on submit is not repeated either', async () => {
    emu.state.faults.push({ op: 'submit', drop: true })
    const t = await testContext(emu.baseUrl, emu.apiKey)
    const err = await rejectionOf(inferenceshProvider.generate(text(), t.ctx))
    expect(err.code).toBe('NETWORK')
    expect(err.retryable).toBe(false)
    expect(emu.state.counts.submit).toBe(1)
    expect(emu.state.jobs.size).toBe(1)
  })

  it('failed task (status 11) → PROVIDER_FAILED with the provider message', async () => {
    emu.state.outcomes.push({ kind: 'fail', message: 'CUDA out of memory' })
    const t = await testContext(emu.baseUrl, emu.apiKey)
    const err = await rejectionOf(inferenceshProvider.generate(text(), t.ctx))
    expect(err.code).toBe('PROVIDER_FAILED')
    expect(err.message).toContain('CUDA out of memory')
    expect(emu.state.counts.download).toBe(0)
  })

  it('a task that never finishes → TIMEOUT at the deadline, and the task is cancelled', async () => {
    emu.state.outcomes.push({ kind: 'hang' })
    const t = await testContext(emu.baseUrl, emu.apiKey, { maxWaitMs: 300 })
    const err = await rejectionOf(inferenceshProvider.generate(text(), t.ctx))
    expect(err.code).toBe('TIMEOUT')
    expect(err.message).toMatch(/did not finish/)
    expect(emu.state.counts.cancel).toBe(1)
  })

  it('abort while running → the emulator sees POST /tasks/{id}/cancel and the promise rejects CANCELLED', async () => {
    emu.state.timing = { queueMs: 20, runMs: 10_000 }
    const t = await testContext(emu.baseUrl, emu.apiKey)
    t.ctx.onProgress = (p) => {
      t.progress.push(p)
      if (p.stage === 'generating') t.controller.abort()
    }
    const err = await rejectionOf(inferenceshProvider.generate(request(), t.ctx))
    expect(err.code).toBe('CANCELLED')
    expect(emu.state.counts.cancel).toBe(1)
    expect([...emu.state.jobs.values()][0]!.cancelled).toBe(true)
    expect(emu.state.counts.download).toBe(0)
  })
})
