// The Replicate adapter (the replicate client with our fetch and base URL; the create through our submit
// policy) against its emulator: the provider contract (upload → create by version → poll → download, and the
// faults every provider shares), then Replicate's own ways: the version id, the file upload's parts, and the
// client's own retries on top of ours.
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { createReplicateProvider, replicateProvider } from '../../../electron/providers/replicate/index'
import { DEFAULT_REPLICATE_VERSION } from '../../../electron/providers/replicate/version'
import type { ProviderRequest, GenerateResult } from '../../../electron/providers/types'
import { replicateError, startReplicateEmulator, type ReplicateEmulator } from '../../emulators/replicate'
import { decodeAudio, flashClip, probeJson } from '../../fixtures/media'
import { expectClicksOnFlashes, rejectionOf } from './assertions'
import { describeProviderContract } from './providerContract'
import { testContext } from './testContext'

const FLASHES = [0.52, 1.6, 2.24]
let clip: string

const request = (over: Partial<ProviderRequest> = {}): ProviderRequest => ({
  mode: 'video',
  videoPath: clip,
  prompt: 'rain on a tin roof',
  negativePrompt: '',
  seed: 321,
  steps: 25,
  cfg: 4.5,
  durationSec: 3,
  maskAwayClip: true,
  ...over,
})
const text = (over: Partial<ProviderRequest> = {}): ProviderRequest =>
  request({ mode: 'text', videoPath: undefined, durationSec: 2, ...over })

beforeAll(async () => {
  clip = await flashClip('replicate-flashes.mp4', { flashesSec: FLASHES, durationSec: 3 })
})

async function startWithTiming(opts: Parameters<typeof startReplicateEmulator>[0] = {}): Promise<ReplicateEmulator> {
  const started = await startReplicateEmulator(opts)
  started.state.timing = { queueMs: 80, runMs: 120 }
  return started
}

/** MP4 with the video's picture when a video was given, FLAC of the asked length for text. */
async function expectOutput(result: GenerateResult, mode: ProviderRequest['mode']): Promise<void> {
  const probe = await probeJson(result.file)
  if (mode === 'video') {
    expect(result.mime).toBe('video/mp4')
    expect(probe.streams.map((s) => s.codec_type).sort()).toEqual(['audio', 'video'])
    await expectClicksOnFlashes(result.file, FLASHES)
  } else {
    expect(result.mime).toBe('audio/flac')
    expect(probe.streams.map((s) => s.codec_name)).toEqual(['flac'])
    expect((await decodeAudio(result.file)).length / 48000).toBeCloseTo(2, 1)
  }
}

describeProviderContract({
  provider: replicateProvider,
  start: () => startWithTiming(),
  requests: { video: request, text },
  firstKeyedPath: { video: '/v1/files', text: '/v1/predictions' },
  expectOutput,
  expectRun: ({ emu, mode }) => {
    expect(emu.stats.fileParts).toEqual(mode === 'video' ? [['content', 'metadata']] : [])
    const [body] = emu.stats.createBodies
    expect(body!.version).toBe(DEFAULT_REPLICATE_VERSION)
    expect(body!.input).not.toHaveProperty('mask_away_clip')
    if (mode === 'video') expect(String(body!.input!.video)).toMatch(new RegExp(`^${emu.baseUrl}/v1/files/[0-9a-f]+$`))
  },
  refusal: {
    fault: {
      op: 'submit',
      status: 422,
      body: replicateError(422, '- input.cfg_strength: Must be greater than or equal to 1', {
        field: 'input.cfg_strength',
        description: 'Must be greater than or equal to 1',
      }),
    },
    field: 'cfg',
    words: 'Must be greater than or equal to 1',
  },
  // Status goes through the client, whose own retries wait on their own timers; the create is ours.
  readsRetryAfter: { status: false, submit: true },
})

describe('Replicate adapter: its own ways', () => {
  let emu: ReplicateEmulator
  beforeEach(async () => {
    emu = await startWithTiming()
  })
  afterEach(() => emu.close())

  it('uses the configured version id; a version the model does not have is refused as input', async () => {
    const other = 'b'.repeat(64)
    const custom = await startReplicateEmulator({ versions: [other] })
    try {
      const t = await testContext(custom.baseUrl, custom.apiKey)
      const ok = await createReplicateProvider({ version: other }).generate(text(), t.ctx)
      expect(ok.mime).toBe('audio/flac')
      expect(custom.stats.createBodies.map((b) => b.version)).toEqual([other])
      const err = await rejectionOf(
        replicateProvider.generate(text(), (await testContext(custom.baseUrl, custom.apiKey)).ctx),
      )
      expect(err.code).toBe('PROVIDER_INPUT')
      expect(err.message).toContain('Invalid version')
    } finally {
      await custom.close()
    }
  })

  it('a long burst of 429 on status (the client retries, then we do) is retried and the prediction completes', async () => {
    emu.state.faults.push({ op: 'status', status: 429, headers: { 'Retry-After': '1' }, times: 8 })
    const t = await testContext(emu.baseUrl, emu.apiKey)
    const result = await replicateProvider.generate(text(), t.ctx)
    expect(result.mime).toBe('audio/flac')
    expect(emu.state.counts.status).toBeGreaterThanOrEqual(9)
  })

  it('a long run of 5xx on status (the client retries, then we do), then success', async () => {
    emu.state.faults.push({ op: 'status', status: 500, times: 7 })
    const t = await testContext(emu.baseUrl, emu.apiKey)
    expect((await replicateProvider.generate(text(), t.ctx)).mime).toBe('audio/flac')
    expect(emu.state.counts.submit).toBe(1)
  })
})
