// Builds the real generate and export services against emulators, with the app's own ffmpeg runner.
import { mkdtemp } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
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
  const generate = createGenerateService({
    runner,
    providers: defaultProviderRegistry(),
    apiKey: (id) => opts.emulators[id]?.apiKey ?? null,
    settings: () => opts.settings ?? null,
    env,
    dirs: { work: join(home, 'work'), cache: join(home, 'cache'), takes: join(home, 'takes'), journal: join(home, 'journal.json') },
    jobs,
    sleep: quickSleep,
    ...opts.deps,
  })
  const exports = createExportService({ runner, jobs, tmpDir: join(home, 'work') })
  return { home, runner, jobs, generate, exports }
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
