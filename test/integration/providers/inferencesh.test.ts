// The inference.sh adapter (through @inferencesh/sdk 0.6.54) against its emulator: the provider contract
// (upload → run → poll → download, and the faults every provider shares), then its own ways: the SDK's
// client header and envelope, the older bare-DTO API, the full task read once the status is terminal.
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { inferenceshProvider } from '../../../electron/providers/inferencesh/index'
import type { ProviderRequest, GenerateResult } from '../../../electron/providers/types'
import { infshProblem, startInferenceshEmulator, type InferenceshEmulator } from '../../emulators/inferencesh'
import { decodeAudio, flashClip, probeJson } from '../../fixtures/media'
import { expectClicksOnFlashes } from './assertions'
import { describeProviderContract } from './providerContract'
import { testContext } from './testContext'

const FLASHES = [0.6, 1.4, 2.32]
let clip: string

const request = (over: Partial<ProviderRequest> = {}): ProviderRequest => ({
  mode: 'video',
  videoPath: clip,
  prompt: 'footsteps on gravel',
  negativePrompt: '',
  seed: 7,
  steps: 25,
  cfg: 4.5,
  durationSec: 3,
  maskAwayClip: false,
  ...over,
})
const text = (over: Partial<ProviderRequest> = {}): ProviderRequest =>
  request({ mode: 'text', videoPath: undefined, durationSec: 2, seed: 11, ...over })

beforeAll(async () => {
  clip = await flashClip('infsh-flashes.mp4', { flashesSec: FLASHES, durationSec: 3 })
})

async function startWithTiming(): Promise<InferenceshEmulator> {
  const started = await startInferenceshEmulator()
  started.state.timing = { queueMs: 80, runMs: 120 }
  return started
}

async function expectOutput(result: GenerateResult, mode: ProviderRequest['mode']): Promise<void> {
  expect(result.mime).toBe('audio/flac')
  expect(result.file.endsWith('.flac')).toBe(true)
  expect((await probeJson(result.file)).streams.map((s) => s.codec_name)).toEqual(['flac'])
  if (mode === 'video') await expectClicksOnFlashes(result.file, FLASHES)
  else expect((await decodeAudio(result.file)).length / 48000).toBeCloseTo(2, 1)
}

describeProviderContract({
  provider: inferenceshProvider,
  start: startWithTiming,
  requests: { video: request, text },
  firstKeyedPath: { video: '/files', text: '/apps/run' },
  expectOutput,
  expectRun: ({ emu, result, mode }) => {
    expect(emu.stats.putsWithAuth).toBe(0)
    // The SDK makes every API call; the task stream is read by the adapter itself (the SDK's cannot be aborted).
    const sdkCalls = emu.stats.clientSources.filter((c) => !c.path.endsWith('/stream'))
    expect(sdkCalls.every((c) => c.source.startsWith('inference-sdk-js/'))).toBe(true)
    expect(emu.state.counts.stream).toBe(1)
    const job = emu.state.jobs.get(result.requestId)!
    expect(job.input.seed).toBe(mode === 'video' ? 7 : 11)
    if (mode === 'video') expect(String(job.input.video_input)).toMatch(new RegExp(`^${emu.baseUrl}/files/`))
  },
  refusal: {
    fault: {
      op: 'submit',
      status: 422,
      body: infshProblem(422, 'input.duration: must be at most 10', [
        { field: 'input.duration', message: 'must be at most 10' },
      ]),
    },
    field: 'durationSec',
    words: 'must be at most 10',
  },
  // 0.6.54's InferenceError keeps no response headers: 429s wait out our own backoff.
  readsRetryAfter: { status: false, submit: false },
  statusStream: true,
})

describe('inference.sh adapter: its own ways', () => {
  let emu: InferenceshEmulator
  beforeEach(async () => {
    emu = await startWithTiming()
  })
  afterEach(() => emu.close())

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

  it('5xx on status (polled, the stream cut) and on the full task read once it is terminal, then success', async () => {
    emu.state.faults.push(
      { op: 'stream', drop: true },
      { op: 'status', status: 503, times: 2 },
      { op: 'result', status: 502 },
    )
    const t = await testContext(emu.baseUrl, emu.apiKey)
    const result = await inferenceshProvider.generate(text(), t.ctx)
    expect(result.mime).toBe('audio/flac')
    expect(emu.state.counts.submit).toBe(1)
  })
})
