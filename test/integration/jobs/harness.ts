// Builds the real generate and export services against emulators, with the app's own ffmpeg runner, and the
// generation jobs as the app starts them (generation: the same ops the IPC handlers call).
import { mkdtemp } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createGenerateOps } from '../../../electron/app/generateOps'
import { createExportService } from '../../../electron/jobs/export'
import { createGenerateService, type GenerateServiceDeps } from '../../../electron/jobs/generate'
import { createJobRegistry } from '../../../electron/jobs/jobs'
import { createFfmpegRunner } from '../../../electron/media/ffmpeg/run'
import { defaultSleep } from '../../../electron/providers/http'
import { defaultProviderRegistry, type ProviderSettingsView } from '../../../electron/providers/registry'
import type { ProviderId } from '../../../shared/domain/ids'
import { testBinaries } from '../../fixtures/media'

/** Real waits, shortened: backoff and poll intervals above 20 ms become 20 ms. */
export const quickSleep = (ms: number, signal: AbortSignal): Promise<void> => defaultSleep(Math.min(ms, 20), signal)

export async function servicesFor(opts: {
  emulators: Partial<Record<ProviderId, { baseUrl: string; apiKey: string }>>
  settings?: ProviderSettingsView
  home?: string
  deps?: Partial<GenerateServiceDeps>
}) {
  const home = opts.home ?? (await mkdtemp(join(tmpdir(), 'gen-')))
  const runner = createFfmpegRunner(testBinaries())
  const jobs = createJobRegistry()
  const env = Object.fromEntries(
    Object.entries(opts.emulators).map(([id, e]) => [`MMAUDIO_${id.toUpperCase()}_BASE_URL`, e!.baseUrl]),
  )
  const providers = opts.deps?.providers ?? defaultProviderRegistry()
  const generate = createGenerateService({
    runner,
    providers,
    apiKey: (id) => opts.emulators[id]?.apiKey ?? null,
    settings: () => opts.settings ?? null,
    env,
    dirs: { work: join(home, 'work'), cache: join(home, 'cache'), takes: join(home, 'takes'), journal: join(home, 'journal.json') },
    sleep: quickSleep,
    ...opts.deps,
  })
  // The app checks that the renderer may read a source (mediaAccess); these tests name their own fixtures.
  const generation = createGenerateOps({ generate, jobs, providers, secrets: { status: () => [] }, usable: () => undefined })
  const exports = createExportService({ runner, jobs, tmpDir: join(home, 'work') })
  return { home, runner, jobs, generate, generation, exports }
}

/** The most requests the emulator had running at once: each job occupies [created, created + queue + run]. */
export function peakInFlight(jobs: Iterable<{ createdAtMs: number }>, busyMs: number): number {
  const edges = [...jobs].flatMap((j) => [[j.createdAtMs, 1] as const, [j.createdAtMs + busyMs, -1] as const])
  edges.sort((a, b) => a[0] - b[0] || a[1] - b[1])
  let now = 0
  let peak = 0
  for (const [, d] of edges) peak = Math.max(peak, (now += d))
  return peak
}
