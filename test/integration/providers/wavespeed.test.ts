// The WaveSpeed adapter against the WaveSpeed emulator: multipart upload → submit → poll → download, and each
// fault the issue lists, including the ones WaveSpeed reports inside an HTTP 200.
import { readFile } from 'node:fs/promises'
import { afterEach, beforeAll, describe, expect, it } from 'vitest'
import { wavespeedProvider } from '../../../electron/providers/wavespeed/index'
import { toWavespeedInput } from '../../../electron/providers/wavespeed/params'
import type { ProviderRequest } from '../../../electron/providers/types'
import { startWavespeedEmulator, type WavespeedEmulator } from '../../emulators/wavespeed'
import { flashClip, probeJson } from '../../fixtures/media'
import { expectClicksOnFlashes, recordSleeps, rejectionOf } from './assertions'
import { testContext, type TestContext } from './testContext'

const FLASHES = [0.6, 1.4, 2.2]
let clip = ''
let emu: WavespeedEmulator | undefined

beforeAll(async () => {
  clip = await flashClip('wavespeed-flashes.mp4', { flashesSec: FLASHES, durationSec: 3, width: 384, height: 216 })
})
afterEach(async () => {
  await emu?.close()
  emu = undefined
})

const req = (over: Partial<ProviderRequest> = {}): ProviderRequest => ({
  mode: 'video',
  videoPath: clip,
  prompt: 'footsteps on gravel',
  negativePrompt: 'music',
  seed: 77,
  steps: 25,
  cfg: 4.5,
  durationSec: 2.3,
  maskAwayClip: true,
  ...over,
})
const envelope = (code: number, message: string): unknown => ({ code, message, data: null })

async function start(opts: Parameters<typeof startWavespeedEmulator>[0] = {}): Promise<{ emu: WavespeedEmulator; t: TestContext; sleeps: number[] }> {
  emu = await startWavespeedEmulator(opts)
  emu.state.timing = { queueMs: 40, runMs: 60 }
  const t = await testContext(emu.baseUrl, emu.apiKey)
  return { emu, t, sleeps: recordSleeps(t.ctx) }
}



describe('WaveSpeed adapter against the WaveSpeed emulator', () => {
  it('uploads the cut (multipart), submits a whole-second duration, polls, downloads an MP4 whose clicks land on the flashes', async () => {
    const { emu, t } = await start()
    const res = await wavespeedProvider.generate(req(), t.ctx)

    expect(emu.state.counts.upload).toBe(1)
    expect(emu.state.counts.submit).toBe(1)
    expect(emu.state.authFailures).toEqual([])
    const sent = emu.submits[0]!
    expect(sent).toEqual(toWavespeedInput(req(), String(sent.video)))
    expect(sent.duration).toBe(3)
    expect(sent).not.toHaveProperty('seed')
    expect(emu.state.fileByUrl(String(sent.video))).toEqual(await readFile(clip))
    expect(t.submitted).toEqual([res.requestId])

    expect(res.mime).toBe('video/mp4')
    const streams = (await probeJson(res.file)).streams.map((s) => `${s.codec_type}:${s.codec_name}`)
    expect(streams).toEqual(expect.arrayContaining(['video:h264', 'audio:aac']))
    await expectClicksOnFlashes(res.file, FLASHES)
  })

  it('refuses text-to-audio (WaveSpeed has no text endpoint) without calling WaveSpeed', async () => {
    const { emu, t } = await start()
    const e = await rejectionOf(wavespeedProvider.generate(req({ mode: 'text', videoPath: undefined }), t.ctx))
    expect(e.code).toBe('BAD_INPUT')
    expect(Object.values(emu.state.counts).every((n) => n === 0)).toBe(true)
  })

  it('reports progress in order: uploading fractions → queued → generating → downloading', async () => {
    const { emu, t } = await start()
    emu.state.timing = { queueMs: 150, runMs: 150 }
    await wavespeedProvider.generate(req(), t.ctx)
    expect(t.stages()).toEqual(['uploading', 'queued', 'generating', 'downloading'])
    const fractions = t.progress.flatMap((p) => (p.stage === 'uploading' ? [p.fraction] : []))
    expect(fractions[0]).toBe(0)
    expect(fractions.at(-1)).toBe(1)
    expect(fractions).toEqual([...fractions].sort((a, b) => a - b))
    expect(t.progress.at(-1)).toEqual({ stage: 'downloading', fraction: 1 })
  })

  it('one base URL re-points the API host and the CDN host the outputs live on', async () => {
    const { emu, t } = await start({ publicHosts: true })
    const res = await wavespeedProvider.generate(req(), t.ctx)
    expect(String(emu.submits[0]!.video)).toMatch(/^https:\/\/d1q70pf5vjeyhc\.cloudfront\.net\/files\//)
    await expectClicksOnFlashes(res.file, FLASHES)
  })

  it('401 → PROVIDER_AUTH without the key in the message; also when the 401 comes as an envelope code inside a 200', async () => {
    const { emu, t } = await start()
    const good = t.ctx.apiKey
    t.ctx.apiKey = 'wrong-key-abcdef-0123456789'
    const http401 = await rejectionOf(wavespeedProvider.generate(req(), t.ctx))
    t.ctx.apiKey = good
    emu.state.faults.push({ op: 'submit', status: 200, body: envelope(401, 'invalid authentication') })
    const inside200 = await rejectionOf(wavespeedProvider.generate(req(), t.ctx))
    for (const e of [http401, inside200]) {
      expect(e.code).toBe('PROVIDER_AUTH')
      expect(e.message).not.toContain('wrong-key-abcdef-0123456789')
      expect(e.message).not.toContain(emu.apiKey)
    }
    expect(emu.state.authFailures).toEqual(['/api/v3/media/upload/binary'])
    expect(emu.state.counts.submit).toBe(1)
  })

  it('an invalid-input answer → PROVIDER_INPUT naming the field, not retried', async () => {
    const { emu, t } = await start()
    emu.state.faults.push({ op: 'submit', status: 422, body: envelope(422, 'num_inference_steps: must be an integer between 4 and 50') })
    const e = await rejectionOf(wavespeedProvider.generate(req(), t.ctx))
    expect(e.code).toBe('PROVIDER_INPUT')
    expect(e.field).toBe('steps')
    expect(e.message).toContain('num_inference_steps')
    expect(emu.state.counts.submit).toBe(1)
  })

  it('a 429 burst on the result poll is retried, waiting as long as Retry-After says, and succeeds', async () => {
    const { emu, t, sleeps } = await start()
    emu.state.faults.push({ op: 'status', status: 429, headers: { 'Retry-After': '3' }, times: 3 })
    await wavespeedProvider.generate(req(), t.ctx)
    expect(sleeps.filter((ms) => ms >= 3000)).toHaveLength(3)
  })

  it('429 on submit is retried (not accepted) and succeeds with one job', async () => {
    const { emu, t } = await start()
    emu.state.faults.push({ op: 'submit', status: 429, headers: { 'Retry-After': '1' }, times: 2 })
    await wavespeedProvider.generate(req(), t.ctx)
    expect(emu.state.counts.submit).toBe(3)
    expect(emu.state.jobs.size).toBe(1)
  })

  it('429 on every submit → RATE_LIMITED with retryAfterSec once the retries are spent', async () => {
    const { emu, t } = await start()
    emu.state.faults.push({ op: 'submit', status: 429, headers: { 'Retry-After': '2' }, times: 20 })
    const e = await rejectionOf(wavespeedProvider.generate(req(), t.ctx))
    expect(e.code).toBe('RATE_LIMITED')
    expect(e.retryAfterSec).toBe(2)
    expect(emu.state.counts.submit).toBe(4)
    expect(emu.state.jobs.size).toBe(0)
  })

  it('a 5xx or a dropped connection on the upload is retried with a fresh multipart stream, and the bytes arrive whole', async () => {
    const { emu, t } = await start()
    emu.state.faults.push({ op: 'upload', status: 503 }, { op: 'upload', drop: true })
    const res = await wavespeedProvider.generate(req(), t.ctx)
    expect(emu.state.counts.upload).toBe(3)
    expect(emu.state.fileByUrl(String(emu.submits[0]!.video))).toEqual(await readFile(clip))
    await expectClicksOnFlashes(res.file, FLASHES)
  })

  it('5xx on the poll — as HTTP 503 or as code 503 inside a 200 — then success → succeeds', async () => {
    const { emu, t } = await start()
    emu.state.faults.push({ op: 'status', status: 503 }, { op: 'status', status: 200, body: envelope(503, 'service busy'), times: 2 })
    const res = await wavespeedProvider.generate(req(), t.ctx)
    expect(emu.state.counts.submit).toBe(1)
    await expectClicksOnFlashes(res.file, FLASHES)
  })

  it('5xx or a dropped connection on submit → not repeated, a clear non-retryable error', async () => {
    const { emu, t } = await start()
    emu.state.faults.push({ op: 'submit', status: 500 })
    const e5xx = await rejectionOf(wavespeedProvider.generate(req(), t.ctx))
    expect(e5xx.code).toBe('PROVIDER_FAILED')
    expect(e5xx.message).toMatch(/HTTP 500.*not sent again/)
    expect(emu.state.counts.submit).toBe(1)

    emu.state.faults.push({ op: 'submit', drop: true })
    const dropped = await rejectionOf(wavespeedProvider.generate(req(), t.ctx))
    expect(dropped.code).toBe('NETWORK')
    expect(emu.state.counts.submit).toBe(2)
    expect(emu.state.jobs.size).toBe(1)
    for (const e of [e5xx, dropped]) expect(e.retryable).toBe(false)
  })

  it("a failed task (status failed inside HTTP 200) → PROVIDER_FAILED with WaveSpeed's message; polling stops", async () => {
    const { emu, t } = await start()
    emu.state.outcomes.push({ kind: 'fail', message: 'Video decoding error: unsupported codec' })
    const e = await rejectionOf(wavespeedProvider.generate(req(), t.ctx))
    expect(e.code).toBe('PROVIDER_FAILED')
    expect(e.message).toContain('Video decoding error: unsupported codec')
    const polls = emu.state.counts.status
    await new Promise((r) => setTimeout(r, 100))
    expect(emu.state.counts.status).toBe(polls)
    expect(emu.state.counts.download).toBe(0)
  })

  it('a task that never finishes → TIMEOUT at the deadline', async () => {
    const { emu, t } = await start()
    t.ctx.maxWaitMs = 300
    emu.state.outcomes.push({ kind: 'hang' })
    const e = await rejectionOf(wavespeedProvider.generate(req(), t.ctx))
    expect(e.code).toBe('TIMEOUT')
    expect(e.message).toContain('WaveSpeed')
  })

  it('corrupt or truncated output media is returned as WaveSpeed sent it (the normaliser judges media)', async () => {
    const { emu, t } = await start()
    emu.state.outcomes.push({ kind: 'corrupt' }, { kind: 'truncated' })
    for (const kind of ['corrupt', 'truncated']) {
      const res = await wavespeedProvider.generate(req(), t.ctx)
      const job = emu.state.jobs.get(res.requestId)!
      expect(await readFile(res.file), kind).toEqual(emu.state.fileByUrl(job.outputUrl!))
    }
  })

  it('a download cut short (dropped, or fewer bytes than Content-Length) is retried and completes', async () => {
    const { emu, t } = await start()
    emu.state.faults.push({ op: 'download', cut: true }, { op: 'download', drop: true })
    const res = await wavespeedProvider.generate(req(), t.ctx)
    expect(emu.state.counts.download).toBe(3)
    await expectClicksOnFlashes(res.file, FLASHES)
  })

  it('abort while queued → rejects CANCELLED and polling stops (WaveSpeed documents no cancel endpoint)', async () => {
    const { emu, t } = await start()
    emu.state.timing = { queueMs: 5000, runMs: 100 }
    t.ctx.onProgress = (p) => {
      if (p.stage === 'queued') t.controller.abort()
    }
    const e = await rejectionOf(wavespeedProvider.generate(req(), t.ctx))
    expect(e.code).toBe('CANCELLED')
    const polls = emu.state.counts.status
    await new Promise((r) => setTimeout(r, 100))
    expect(emu.state.counts.status).toBe(polls)
  })

  it('abort during the upload → CANCELLED and nothing is submitted', async () => {
    const { emu, t } = await start()
    t.ctx.onProgress = (p) => {
      if (p.stage === 'uploading') t.controller.abort()
    }
    const e = await rejectionOf(wavespeedProvider.generate(req(), t.ctx))
    expect(e.code).toBe('CANCELLED')
    expect(emu.state.counts.submit).toBe(0)
  })

  it('resume(requestId) after a crash that followed the submit finishes the job with no new submit', async () => {
    const { emu, t } = await start()
    t.ctx.onSubmitted = () => Promise.reject(new Error('crash after the journal wrote the id'))
    await expect(wavespeedProvider.generate(req(), t.ctx)).rejects.toThrow('crash')
    const id = [...emu.state.jobs.keys()][0]!
    const res = await wavespeedProvider.resume(id, (await testContext(emu.baseUrl, emu.apiKey)).ctx)
    expect(res.requestId).toBe(id)
    expect(emu.state.counts.submit).toBe(1)
    await expectClicksOnFlashes(res.file, FLASHES)
  })

  it('resume of a request the provider no longer knows → a clear PROVIDER_FAILED, no submit', async () => {
    const { emu, t } = await start()
    const e = await rejectionOf(wavespeedProvider.resume('no-such-request', t.ctx))
    expect(e.code).toBe('PROVIDER_FAILED')
    expect(e.message).toContain('no longer has this request')
    expect(emu.state.counts.submit).toBe(0)
    expect(emu.state.counts.status).toBe(1)
  })
})

describe('WaveSpeed emulator protocol details', () => {
  it('serves /predictions/{id} as well as /result, honours enable_sync_mode, accepts ?webhook=', async () => {
    const { emu } = await start()
    const auth = { Authorization: `Bearer ${emu.apiKey}`, 'Content-Type': 'application/json' }
    const form = new FormData()
    form.append('file', new Blob([await readFile(clip)], { type: 'video/mp4' }), 'clip.mp4')
    const up = (await (await fetch(`${emu.baseUrl}/api/v3/media/upload/binary`, { method: 'POST', headers: { Authorization: auth.Authorization }, body: form })).json()) as {
      data: { download_url: string }
    }
    const input = { video: up.data.download_url, prompt: 'x', duration: 2 }
    const sync = (await (await fetch(`${emu.baseUrl}/api/v3/wavespeed-ai/mmaudio-v2?webhook=https://example.invalid/hook`, {
      method: 'POST',
      headers: auth,
      body: JSON.stringify({ ...input, enable_sync_mode: true }),
    })).json()) as { code: number; data: { id: string; status: string; outputs: string[] } }
    expect(sync.code).toBe(200)
    expect(sync.data.status).toBe('completed')
    expect(sync.data.outputs).toHaveLength(1)
    const alt = (await (await fetch(`${emu.baseUrl}/api/v3/predictions/${sync.data.id}`, { headers: auth })).json()) as { data: { status: string } }
    expect(alt.data.status).toBe('completed')
    const bad = await fetch(`${emu.baseUrl}/api/v3/wavespeed-ai/mmaudio-v2`, { method: 'POST', headers: auth, body: JSON.stringify({ ...input, duration: 2.5 }) })
    expect(bad.status).toBe(400)
    expect(((await bad.json()) as { message: string }).message).toContain('duration')
  })
})
