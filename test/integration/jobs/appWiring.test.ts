// The generate service as the app's composition root would build it: keys from the secret store, base URLs,
// concurrency and fallback order from the settings store (no env), live.
import { mkdtemp } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createGenerateService } from '../../../electron/jobs/generate'
import { createFfmpegRunner } from '../../../electron/media/ffmpeg/run'
import { defaultProviderRegistry } from '../../../electron/providers/registry'
import { createMemoryStore } from '../../../electron/store/keyValueStore'
import { createSecretStore, type Cipher } from '../../../electron/store/secrets'
import { createSettingsStore } from '../../../electron/store/settings'
import { DEFAULT_GENERATION } from '../../../shared/domain/project'
import { flashClip, testBinaries } from '../../fixtures/media'
import { startFalEmulator, type FalEmulator } from '../../emulators/fal'
import { quickSleep } from './harness'

/** A reversible test cipher (the app uses safeStorage). */
const cipher: Cipher = {
  isAvailable: async () => true,
  encrypt: async (text) => Buffer.from([...Buffer.from(text)].map((b) => b ^ 0x5a)),
  decrypt: async (buf) => ({ plainText: Buffer.from([...buf].map((b) => b ^ 0x5a)).toString(), shouldReEncrypt: false }),
  isPlainTextFallback: () => false,
}

let fal: FalEmulator
let clip: string
beforeAll(async () => {
  ;[fal, clip] = await Promise.all([startFalEmulator(), flashClip('wiring.mp4', { flashesSec: [1], durationSec: 3 })])
})
afterAll(async () => fal?.close())

describe('generate service wired like the app', () => {
  it('reads the key from the secret store and the base URL from settings; a missing key is a sentence about Settings', async () => {
    const home = await mkdtemp(join(tmpdir(), 'wiring-'))
    const settings = createSettingsStore(createMemoryStore())
    const secrets = createSecretStore(createMemoryStore(), cipher)
    const s = settings.get()
    settings.set({ ...s, providers: { ...s.providers, fal: { baseUrl: fal.baseUrl, concurrency: 2 } } })
    const generate = createGenerateService({
      runner: createFfmpegRunner(testBinaries()),
      providers: defaultProviderRegistry(),
      apiKey: (id) => secrets.getKey(id),
      settings: () => settings.get(),
      dirs: { work: join(home, 'work'), cache: join(home, 'cache'), takes: join(home, 'takes'), journal: join(home, 'journal.json') },
      sleep: quickSleep,
    })
    const request = { source: { path: clip, inSec: 0, outSec: 2 }, params: { ...DEFAULT_GENERATION, prompt: 'x', takes: 1, seed: 1 } }
    await expect(generate.run(request)).rejects.toMatchObject({ code: 'PROVIDER_AUTH', message: 'No API key is set for fal.ai. Add it in Settings.' })
    await secrets.set('fal', fal.apiKey)
    const before = fal.state.counts.submit
    const { takes } = await generate.run(request)
    expect(fal.state.counts.submit - before).toBe(1)
    expect(takes[0]!.provider).toBe('fal')
  })
})
