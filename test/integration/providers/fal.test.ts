// The fal adapter against the fal emulator: the whole upload → submit → poll → result → download chain, and
// each fault the issue lists. The returned audio must carry a click on every flash of the uploaded picture.
import { readFile, stat } from 'node:fs/promises'
import { afterEach, beforeAll, describe, expect, it } from 'vitest'
import { falProvider } from '../../../electron/providers/fal/index'
import { toFalInput } from '../../../electron/providers/fal/params'
import type { ProviderRequest } from '../../../electron/providers/types'
import { startFalEmulator, type FalEmulator } from '../../emulators/fal'
import { flashClip, probeJson } from '../../fixtures/media'
import { expectClicksOnFlashes, recordSleeps, rejectionOf } from './assertions'
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
const textReq = (): ProviderRequest => ({ ...videoReq(), mode: 'text', videoPath: undefined, prompt: 'rain on a tin roof', durationSec: 2 })

async function start(opts: Parameters<typeof startFalEmulator>[0] = {}): Promise<{ emu: FalEmulator; t: TestContext; sleeps: number[] }> {
  emu = await startFalEmulator(opts)
  emu.state.timing = { queueMs: 40, runMs: 60 }
  const t = await testContext(emu.baseUrl, emu.apiKey)
  return { emu, t, sleeps: recordSleeps(t.ctx) }
}



describe('fal adapter against the fal emulator', () => {
  it('video-to-audio: uploads the cut, submits, polls, downloads an MP4 whose clicks land on the flashes', async () => {
    const { emu, t } = await start()
    const res = await falProvider.generate(videoReq(), t.ctx)

    expect(emu.state.counts.upload).toBe(1)
    expect(emu.state.counts.submit).toBe(1)
    expect(emu.state.authFailures).toEqual([])
    expect(emu.refusedPuts).toBe(0)
    const sent = emu.submits[0]!
    expect(sent.endpoint).toBe('fal-ai/mmaudio-v2')
    expect(sent.input).toEqual(toFalInput(videoReq(), String(sent.input.video_url)))
    expect(emu.state.fileByUrl(String(sent.input.video_url))).toEqual(await readFile(clip))
    expect(t.submitted).toEqual([res.requestId])

    expect(res.mime).toBe('video/mp4')
    const streams = (await probeJson(res.file)).streams.map((s) => `${s.codec_type}:${s.codec_name}`)
    expect(streams).toEqual(expect.arrayContaining(['video:h264', 'audio:aac']))
    await expectClicksOnFlashes(res.file, FLASHES)
  })

  it('text-to-audio: submits to /text-to-audio, watches its status under the app id without the subpath, returns the audio file', async () => {
    const { emu, t } = await start()
    const res = await falProvider.generate(textReq(), t.ctx)
    expect(emu.submits.map((s) => s.endpoint)).toEqual(['fal-ai/mmaudio-v2/text-to-audio'])
    expect(emu.submits[0]!.input).toEqual(toFalInput(textReq()))
    expect(emu.state.counts.upload).toBe(0)
    expect(emu.state.counts.stream).toBe(1)
    expect(res.mime).toBe('audio/flac')
    const probe = await probeJson(res.file)
    expect(probe.streams.map((s) => s.codec_type)).toEqual(['audio'])
    expect(Number(probe.format.duration)).toBeCloseTo(2, 1)
  })

  it('reports progress in order: uploading fractions → queued with position → generating → downloading', async () => {
    const { emu, t } = await start()
    emu.state.timing = { queueMs: 150, runMs: 150 }
    await falProvider.generate(videoReq(), t.ctx)
    expect(t.stages()).toEqual(['uploading', 'queued', 'generating', 'downloading'])
    const fractions = t.progress.flatMap((p) => (p.stage === 'uploading' ? [p.fraction] : []))
    expect(fractions[0]).toBe(0)
    expect(fractions.at(-1)).toBe(1)
    expect(fractions).toEqual([...fractions].sort((a, b) => a - b))
    const queued = t.progress.find((p) => p.stage === 'queued')
    expect(queued).toEqual({ stage: 'queued', position: 0 })
    expect(t.progress.at(-1)).toEqual({ stage: 'downloading', fraction: 1 })
  })

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

  it('401 → PROVIDER_AUTH without the key in the message, on the storage (SDK) path and on submit', async () => {
    const { emu, t } = await start()
    t.ctx.apiKey = 'wrong-key-abcdef-0123456789'
    const onUpload = await rejectionOf(falProvider.generate(videoReq(), t.ctx))
    const onSubmit = await rejectionOf(falProvider.generate(textReq(), t.ctx))
    for (const e of [onUpload, onSubmit]) {
      expect(e.code).toBe('PROVIDER_AUTH')
      expect(e.message).not.toContain(t.ctx.apiKey)
      expect(e.message).not.toContain(emu.apiKey)
    }
    expect(emu.state.authFailures).toEqual(['/storage/upload/initiate', '/fal-ai/mmaudio-v2/text-to-audio'])
    expect(emu.state.jobs.size).toBe(0)
  })

  it('422 on submit → PROVIDER_INPUT naming the field, not retried', async () => {
    const { emu, t } = await start()
    const detail = [{ loc: ['body', 'num_steps'], msg: 'Input should be less than or equal to 50', type: 'less_than_equal' }]
    emu.state.faults.push({ op: 'submit', status: 422, body: { detail } })
    const e = await rejectionOf(falProvider.generate(textReq(), t.ctx))
    expect(e.code).toBe('PROVIDER_INPUT')
    expect(e.field).toBe('steps')
    expect(e.message).toContain('num_steps')
    expect(emu.state.counts.submit).toBe(1)
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

  it('a 429 burst on status (polled, the stream refused) is retried, waiting as long as Retry-After says, and succeeds', async () => {
    const { emu, t, sleeps } = await start()
    emu.state.faults.push({ op: 'stream', status: 404 })
    emu.state.faults.push({ op: 'status', status: 429, headers: { 'Retry-After': '3' }, times: 3 })
    const res = await falProvider.generate(textReq(), t.ctx)
    expect(await stat(res.file)).toBeTruthy()
    expect(sleeps.filter((ms) => ms >= 3000)).toHaveLength(3)
    expect(emu.state.counts.status).toBeGreaterThanOrEqual(4)
  })

  it('429 on submit is retried (it was not accepted) and succeeds with one job', async () => {
    const { emu, t } = await start()
    emu.state.faults.push({ op: 'submit', status: 429, headers: { 'Retry-After': '1' }, times: 2 })
    await falProvider.generate(textReq(), t.ctx)
    expect(emu.state.counts.submit).toBe(3)
    expect(emu.state.jobs.size).toBe(1)
  })

  it('429 on every submit → RATE_LIMITED with retryAfterSec once the retries are spent', async () => {
    const { emu, t } = await start()
    emu.state.faults.push({ op: 'submit', status: 429, headers: { 'Retry-After': '2' }, times: 20 })
    const e = await rejectionOf(falProvider.generate(textReq(), t.ctx))
    expect(e.code).toBe('RATE_LIMITED')
    expect(e.retryAfterSec).toBe(2)
    expect(emu.state.counts.submit).toBe(4)
    expect(emu.state.jobs.size).toBe(0)
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

  it('5xx on status (polled, the stream refused), then success → succeeds', async () => {
    const { emu, t } = await start()
    emu.state.faults.push({ op: 'stream', status: 503 }, { op: 'status', status: 503, times: 2 })
    await falProvider.generate(videoReq(), t.ctx)
    expect(emu.state.counts.submit).toBe(1)
    expect(emu.state.counts.stream).toBe(1) // one attempt: polling is the fallback
    expect(emu.state.counts.status).toBeGreaterThanOrEqual(3)
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

  it('5xx on submit → not repeated, a clear non-retryable error', async () => {
    const { emu, t } = await start()
    emu.state.faults.push({ op: 'submit', status: 502 })
    const e = await rejectionOf(falProvider.generate(textReq(), t.ctx))
    expect(e.code).toBe('PROVIDER_FAILED')
    expect(e.retryable).toBe(false)
    expect(e.message).toMatch(/HTTP 502.*not sent again/)
    expect(emu.state.counts.submit).toBe(1)
  })

  it('a dropped connection on submit (after fal accepted it) → not repeated, NETWORK, not retryable', async () => {
    const { emu, t } = await start()
    emu.state.faults.push({ op: 'submit', drop: true })
    const e = await rejectionOf(falProvider.generate(textReq(), t.ctx))
    expect(e.code).toBe('NETWORK')
    expect(e.retryable).toBe(false)
    expect(emu.state.counts.submit).toBe(1)
    expect(emu.state.jobs.size).toBe(1)
  })

  it("a failed run (COMPLETED, then the error on the result GET) → PROVIDER_FAILED with fal's message, not retried", async () => {
    const { emu, t } = await start()
    emu.state.outcomes.push({ kind: 'fail', message: 'CUDA out of memory' })
    const e = await rejectionOf(falProvider.generate(videoReq(), t.ctx))
    expect(e.code).toBe('PROVIDER_FAILED')
    expect(e.message).toContain('CUDA out of memory')
    expect(e.retryable).toBeFalsy()
    expect(emu.state.counts.result).toBe(1)
  })

  it('a run that never finishes → TIMEOUT at the deadline, and fal is told to cancel it', async () => {
    const { emu, t } = await start()
    t.ctx.maxWaitMs = 300
    emu.state.outcomes.push({ kind: 'hang' })
    const e = await rejectionOf(falProvider.generate(textReq(), t.ctx))
    expect(e.code).toBe('TIMEOUT')
    expect(emu.state.counts.cancel).toBe(1)
    expect([...emu.state.jobs.values()][0]!.cancelled).toBe(true)
  })

  it('corrupt or truncated output media is returned as fal sent it (the normaliser judges media)', async () => {
    const { emu, t } = await start()
    emu.state.outcomes.push({ kind: 'corrupt' }, { kind: 'truncated' })
    for (const kind of ['corrupt', 'truncated']) {
      const res = await falProvider.generate(videoReq(), t.ctx)
      const job = emu.state.jobs.get(res.requestId)!
      expect(await readFile(res.file), kind).toEqual(emu.state.fileByUrl(job.outputUrl!))
    }
  })

  it('a download cut short (dropped, or fewer bytes than Content-Length) is retried and completes', async () => {
    const { emu, t } = await start()
    emu.state.faults.push({ op: 'download', drop: true }, { op: 'download', cut: true })
    const res = await falProvider.generate(videoReq(), t.ctx)
    expect(emu.state.counts.download).toBe(3)
    await expectClicksOnFlashes(res.file, FLASHES)
  })

  it('cancel while queued → fal receives the cancel call and the promise rejects CANCELLED', async () => {
    const { emu, t } = await start()
    emu.state.timing = { queueMs: 5000, runMs: 100 }
    t.ctx.onProgress = (p) => {
      if (p.stage === 'queued') t.controller.abort()
    }
    const e = await rejectionOf(falProvider.generate(textReq(), t.ctx))
    expect(e.code).toBe('CANCELLED')
    expect(emu.state.counts.cancel).toBe(1)
    expect([...emu.state.jobs.values()][0]!.cancelled).toBe(true)
    expect(emu.state.counts.result).toBe(0)
  })

  it('abort during the upload → CANCELLED and nothing is submitted', async () => {
    const { emu, t } = await start()
    t.ctx.onProgress = (p) => {
      if (p.stage === 'uploading') t.controller.abort()
    }
    const e = await rejectionOf(falProvider.generate(videoReq(), t.ctx))
    expect(e.code).toBe('CANCELLED')
    expect(emu.state.counts.submit).toBe(0)
  })

  it('resume(requestId) after a crash that followed the submit finishes the job with no new submit', async () => {
    const { emu, t } = await start()
    t.ctx.onSubmitted = () => {
      throw new Error('crash after the journal wrote the id')
    }
    await expect(falProvider.generate(videoReq(), t.ctx)).rejects.toThrow('crash')
    const id = [...emu.state.jobs.keys()][0]!
    const again = await testContext(emu.baseUrl, emu.apiKey)
    const res = await falProvider.resume(id, again.ctx)
    expect(res.requestId).toBe(id)
    expect(emu.state.counts.submit).toBe(1)
    expect(emu.state.counts.cancel).toBe(0)
    await expectClicksOnFlashes(res.file, FLASHES)
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

  it('resume of a request the provider no longer knows → a clear PROVIDER_FAILED, no submit', async () => {
    const { emu, t } = await start()
    const e = await rejectionOf(falProvider.resume('no-such-request', t.ctx))
    expect(e.code).toBe('PROVIDER_FAILED')
    expect(e.message).toContain('no longer has this request')
    expect(emu.state.counts.submit).toBe(0)
    expect(emu.state.counts.status).toBe(1)
  })
})
