// The WaveSpeed adapter against the WaveSpeed emulator: the provider contract (multipart upload → submit →
// poll → download, and the faults every provider shares), then WaveSpeed's own ways: video only, its own
// parameter names and whole seconds, errors inside an HTTP 200 envelope, a CDN host behind the base URL.
import { readFile } from 'node:fs/promises'
import { afterEach, beforeAll, describe, expect, it } from 'vitest'
import { wavespeedProvider } from '../../../electron/providers/wavespeed/index'
import type { ProviderRequest, GenerateResult } from '../../../electron/providers/types'
import { startWavespeedEmulator, type WavespeedEmulator } from '../../emulators/wavespeed'
import { flashClip, probeJson } from '../../fixtures/media'
import { expectClicksOnFlashes, rejectionOf } from './assertions'
import { describeProviderContract } from './providerContract'
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

async function startWithTiming(opts: Parameters<typeof startWavespeedEmulator>[0] = {}): Promise<WavespeedEmulator> {
  const started = await startWavespeedEmulator(opts)
  started.state.timing = { queueMs: 40, runMs: 60 }
  return started
}

async function start(
  opts: Parameters<typeof startWavespeedEmulator>[0] = {},
): Promise<{ emu: WavespeedEmulator; t: TestContext }> {
  emu = await startWithTiming(opts)
  return { emu, t: await testContext(emu.baseUrl, emu.apiKey) }
}

async function expectOutput(result: GenerateResult): Promise<void> {
  expect(result.mime).toBe('video/mp4')
  const streams = (await probeJson(result.file)).streams.map((s) => `${s.codec_type}:${s.codec_name}`)
  expect(streams).toEqual(expect.arrayContaining(['video:h264', 'audio:aac']))
  await expectClicksOnFlashes(result.file, FLASHES)
}

describeProviderContract({
  provider: wavespeedProvider,
  start: () => startWithTiming(),
  requests: { video: req },
  firstKeyedPath: { video: '/api/v3/media/upload/binary' },
  expectOutput,
  expectRun: ({ emu }) => {
    const sent = emu.submits[0]!
    expect(sent.duration).toBe(3)
    expect(sent).not.toHaveProperty('seed')
  },
  refusal: {
    fault: {
      op: 'submit',
      status: 422,
      body: envelope(422, 'num_inference_steps: must be an integer between 4 and 50'),
    },
    field: 'steps',
    words: 'num_inference_steps',
  },
  readsRetryAfter: { status: true, submit: true },
})

describe('WaveSpeed adapter: its own ways', () => {
  it('refuses text-to-audio (WaveSpeed has no text endpoint) without calling WaveSpeed', async () => {
    const { emu, t } = await start()
    const e = await rejectionOf(wavespeedProvider.generate(req({ mode: 'text', videoPath: undefined }), t.ctx))
    expect(e.code).toBe('BAD_INPUT')
    expect(Object.values(emu.state.counts).every((n) => n === 0)).toBe(true)
  })

  it('one base URL re-points the API host and the CDN host the outputs live on', async () => {
    const { emu, t } = await start({ publicHosts: true })
    const res = await wavespeedProvider.generate(req(), t.ctx)
    expect(String(emu.submits[0]!.video)).toMatch(/^https:\/\/d1q70pf5vjeyhc\.cloudfront\.net\/files\//)
    await expectClicksOnFlashes(res.file, FLASHES)
  })

  it('a 401 that comes as an envelope code inside an HTTP 200 is PROVIDER_AUTH too, without the key in the message', async () => {
    const { emu, t } = await start()
    emu.state.faults.push({ op: 'submit', status: 200, body: envelope(401, 'invalid authentication') })
    const e = await rejectionOf(wavespeedProvider.generate(req(), t.ctx))
    expect(e.code).toBe('PROVIDER_AUTH')
    expect(e.message).not.toContain(emu.apiKey)
    expect(emu.state.authFailures).toEqual([])
    expect(emu.state.counts.submit).toBe(1)
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
    emu.state.faults.push(
      { op: 'status', status: 503 },
      { op: 'status', status: 200, body: envelope(503, 'service busy'), times: 2 },
    )
    const res = await wavespeedProvider.generate(req(), t.ctx)
    expect(emu.state.counts.submit).toBe(1)
    await expectClicksOnFlashes(res.file, FLASHES)
  })
})

describe('WaveSpeed emulator protocol details', () => {
  it('serves /predictions/{id} as well as /result, honours enable_sync_mode, accepts ?webhook=', async () => {
    const { emu } = await start()
    const auth = { Authorization: `Bearer ${emu.apiKey}`, 'Content-Type': 'application/json' }
    const form = new FormData()
    form.append('file', new Blob([await readFile(clip)], { type: 'video/mp4' }), 'clip.mp4')
    const up = (await (
      await fetch(`${emu.baseUrl}/api/v3/media/upload/binary`, {
        method: 'POST',
        headers: { Authorization: auth.Authorization },
        body: form,
      })
    ).json()) as {
      data: { download_url: string }
    }
    const input = { video: up.data.download_url, prompt: 'x', duration: 2 }
    const sync = (await (
      await fetch(`${emu.baseUrl}/api/v3/wavespeed-ai/mmaudio-v2?webhook=https://example.invalid/hook`, {
        method: 'POST',
        headers: auth,
        body: JSON.stringify({ ...input, enable_sync_mode: true }),
      })
    ).json()) as { code: number; data: { id: string; status: string; outputs: string[] } }
    expect(sync.code).toBe(200)
    expect(sync.data.status).toBe('completed')
    expect(sync.data.outputs).toHaveLength(1)
    const alt = (await (
      await fetch(`${emu.baseUrl}/api/v3/predictions/${sync.data.id}`, { headers: auth })
    ).json()) as { data: { status: string } }
    expect(alt.data.status).toBe('completed')
    const bad = await fetch(`${emu.baseUrl}/api/v3/wavespeed-ai/mmaudio-v2`, {
      method: 'POST',
      headers: auth,
      body: JSON.stringify({ ...input, duration: 2.5 }),
    })
    expect(bad.status).toBe(400)
    expect(((await bad.json()) as { message: string }).message).toContain('duration')
  })
})
