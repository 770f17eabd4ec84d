// The fal adapter against the fal emulator: the provider contract (upload → submit → poll → result →
// download, and the faults every provider shares), then fal's own ways: two endpoints under one app id, the
// queue position, several hosts behind one base URL, the storage upload through the SDK, a run's failure
// shown on the result GET.
import { afterEach, beforeAll, describe, expect, it } from 'vitest'
import { falProvider } from '../../../electron/providers/fal/index'
import type { ProviderRequest, GenerateResult } from '../../../electron/providers/types'
import { startFalEmulator, type FalEmulator } from '../../emulators/fal'
import { flashClip, probeJson } from '../../fixtures/media'
import { expectClicksOnFlashes, recordSleeps, rejectionOf } from './assertions'
import { describeProviderContract } from './providerContract'
import { testContext, type TestContext } from './testContext'

const FLASHES = [0.6, 1.4, 2.2]
let clip = ''
let emu: FalEmulator | undefined

beforeAll(async () => {
  clip = await flashClip('fal-flashes.mp4', { flashesSec: FLASHES, durationSec: 3, width: 384, height: 216 })
})
afterEach(async () => {
  await emu?.close()
  emu = undefined
})

const videoReq = (over: Partial<ProviderRequest> = {}): ProviderRequest => ({
  mode: 'video',
  videoPath: clip,
  prompt: 'footsteps on gravel',
  negativePrompt: 'music',
  seed: 1234,
  steps: 25,
  cfg: 4.5,
  durationSec: 3,
  maskAwayClip: false,
  ...over,
})
const textReq = (): ProviderRequest => ({
  ...videoReq(),
  mode: 'text',
  videoPath: undefined,
  prompt: 'rain on a tin roof',
  durationSec: 2,
})

async function startWithTiming(opts: Parameters<typeof startFalEmulator>[0] = {}): Promise<FalEmulator> {
  const started = await startFalEmulator(opts)
  started.state.timing = { queueMs: 40, runMs: 60 }
  return started
}

async function start(
  opts: Parameters<typeof startFalEmulator>[0] = {},
): Promise<{ emu: FalEmulator; t: TestContext; sleeps: number[] }> {
  emu = await startWithTiming(opts)
  const t = await testContext(emu.baseUrl, emu.apiKey)
  return { emu, t, sleeps: recordSleeps(t.ctx) }
}

async function expectOutput(result: GenerateResult, mode: ProviderRequest['mode']): Promise<void> {
  const probe = await probeJson(result.file)
  if (mode === 'video') {
    expect(result.mime).toBe('video/mp4')
    expect(probe.streams.map((s) => `${s.codec_type}:${s.codec_name}`)).toEqual(
      expect.arrayContaining(['video:h264', 'audio:aac']),
    )
    await expectClicksOnFlashes(result.file, FLASHES)
  } else {
    expect(result.mime).toBe('audio/flac')
    expect(probe.streams.map((s) => s.codec_type)).toEqual(['audio'])
    expect(Number(probe.format.duration)).toBeCloseTo(2, 1)
  }
}

describeProviderContract({
  provider: falProvider,
  start: () => startWithTiming(),
  requests: { video: videoReq, text: textReq },
  firstKeyedPath: { video: '/storage/upload/initiate', text: '/fal-ai/mmaudio-v2/text-to-audio' },
  expectOutput,
  expectRun: ({ emu, mode, t }) => {
    expect(emu.submits.map((s) => s.endpoint)).toEqual([
      mode === 'video' ? 'fal-ai/mmaudio-v2' : 'fal-ai/mmaudio-v2/text-to-audio',
    ])
    expect(emu.refusedPuts).toBe(0)
    expect(t.progress.find((p) => p.stage === 'queued')).toEqual({ stage: 'queued', position: 0 })
    // completion is watched over fal's status stream (polls only when it gives out)
    expect(emu.state.counts.stream).toBeGreaterThan(0)
  },
  refusal: {
    fault: {
      op: 'submit',
      status: 422,
      body: {
        detail: [
          { loc: ['body', 'num_steps'], msg: 'Input should be less than or equal to 50', type: 'less_than_equal' },
        ],
      },
    },
    field: 'steps',
    words: 'num_steps',
  },
  readsRetryAfter: { status: true, submit: true },
  statusStream: true,
})

describe('fal adapter: its own ways', () => {
  it('reports the queue position a request waits behind', async () => {
    const { emu, t } = await start()
    emu.state.timing = { queueMs: 300, runMs: 30 }
    const second = await testContext(emu.baseUrl, emu.apiKey)
    const first = falProvider.generate(textReq(), t.ctx)
    await new Promise((r) => setTimeout(r, 50))
    await Promise.all([first, falProvider.generate(textReq(), second.ctx)])
    expect(second.progress.find((p) => p.stage === 'queued')).toEqual({ stage: 'queued', position: 1 })
  })

  it('one base URL re-points every fal origin: queue, storage, the upload_url host and the file host', async () => {
    const { emu, t } = await start({ publicHosts: true })
    const res = await falProvider.generate(videoReq(), t.ctx)
    expect(String(emu.submits[0]!.input.video_url)).toMatch(/^https:\/\/v3\.fal\.media\/files\//)
    expect(emu.state.counts.upload).toBe(1)
    expect(emu.state.counts.download).toBe(1)
    await expectClicksOnFlashes(res.file, FLASHES)
  })

  it('422 on the result GET after COMPLETED → PROVIDER_INPUT naming the field', async () => {
    const { emu, t } = await start()
    const detail = [{ loc: ['body', 'duration'], msg: 'Duration is longer than the video', type: 'value_error' }]
    emu.state.faults.push({ op: 'result', status: 422, body: { detail } })
    const e = await rejectionOf(falProvider.generate(videoReq(), t.ctx))
    expect(e.code).toBe('PROVIDER_INPUT')
    expect(e.field).toBe('durationSec')
    expect(e.message).toContain('Duration is longer than the video')
    expect(emu.state.counts.result).toBe(1)
  })

  it("a failed run shows on the result GET (COMPLETED, then a 500 with fal's message), which is not retried", async () => {
    const { emu, t } = await start()
    emu.state.outcomes.push({ kind: 'fail', message: 'CUDA out of memory' })
    const e = await rejectionOf(falProvider.generate(videoReq(), t.ctx))
    expect(e.code).toBe('PROVIDER_FAILED')
    expect(e.message).toContain('CUDA out of memory')
    expect(emu.state.counts.result).toBe(1)
  })

  it('the upload PUT: a refused signed URL (403) or a 429 is retried with a fresh upload, honouring Retry-After', async () => {
    const { emu, t, sleeps } = await start()
    emu.state.faults.push({ op: 'upload', status: 403, body: { message: 'SignatureDoesNotMatch' } })
    emu.state.faults.push({ op: 'upload', status: 429, headers: { 'Retry-After': '4' } })
    const res = await falProvider.generate(videoReq(), t.ctx)
    expect(emu.state.counts.upload).toBe(3)
    expect(sleeps.filter((ms) => ms >= 4000)).toHaveLength(1)
    await expectClicksOnFlashes(res.file, FLASHES)
  })

  it('a signed-URL refusal that persists is a storage error, not a bad key', async () => {
    const { emu, t } = await start()
    emu.state.faults.push({ op: 'upload', status: 403, times: 10 })
    const e = await rejectionOf(falProvider.generate(videoReq(), t.ctx))
    expect(e.code).toBe('PROVIDER_FAILED')
    expect(e.message).toContain('storage refused the video upload')
    expect(emu.state.counts.submit).toBe(0)
  })

  it('the status stream: completion noticed the moment fal says so, no status polls; a stream cut mid-way hands over to polling', async () => {
    const { emu, t } = await start()
    emu.state.timing = { queueMs: 50, runMs: 300 }
    // A slow poll, so only the stream can notice the end quickly.
    t.ctx.pollIntervalMs = 2000
    const started = Date.now()
    await falProvider.generate(textReq(), t.ctx)
    const job = [...emu.state.jobs.values()][0]!
    const endedAt = job.createdAtMs + 350
    expect(Date.now() - endedAt).toBeLessThan(300) // the result GET and download included
    expect(emu.state.counts.status).toBe(0)
    expect(t.stages()).toEqual(['queued', 'generating', 'downloading'])
    expect(Date.now() - started).toBeLessThan(1500)

    t.ctx.pollIntervalMs = 20
    emu.state.faults.push({ op: 'stream', drop: true })
    await falProvider.generate(textReq(), t.ctx)
    expect(emu.state.counts.stream).toBe(2)
    expect(emu.state.counts.status).toBeGreaterThan(0)
  })

  it('resume works for a text-to-audio request too (its status and result have no subpath)', async () => {
    const { emu, t } = await start()
    t.ctx.onSubmitted = () => Promise.reject(new Error('crash'))
    await expect(falProvider.generate(textReq(), t.ctx)).rejects.toThrow('crash')
    const id = [...emu.state.jobs.keys()][0]!
    const res = await falProvider.resume(id, (await testContext(emu.baseUrl, emu.apiKey)).ctx)
    expect(res.mime).toBe('audio/flac')
    expect(emu.state.counts.submit).toBe(1)
  })
})
