// The CLI's composition root: the same services as the app, built from env instead of Electron stores.
import { homedir } from 'node:os'
import { join, resolve } from 'node:path'
import { AppError } from '../../shared/domain/errors'
import { PROVIDER_IDS, type ProviderId } from '../../shared/domain/ids'
import { DEFAULT_CHUNK_CACHE_MB, MIN_CHUNK_CACHE_MB } from '../../shared/domain/settings'
import { createExportService, type ExportService } from '../jobs/export'
import { createGenerateService, type GenerateDirs, type GenerateService } from '../jobs/generate'
import { createHandoffService, type HandoffService } from '../jobs/handoff'
import { createJobRegistry } from '../jobs/jobs'
import { resolveBinaries } from '../media/binaries'
import { openLeftoverLedger, sweepLeftovers } from '../media/leftovers'
import { createFfmpegRunner, type FfmpegRunner } from '../media/ffmpeg/run'
import {
  defaultProviderRegistry,
  keyFromEnv,
  keyEnvName,
  type Env,
  type ProviderRegistry,
  type ProviderSettingsView,
} from '../providers/registry'

export const HOME_ENV = 'MMAUDIO_STUDIO_HOME'
/** Comma-separated provider ids that take over when the chosen one fails or rate-limits. */
export const FALLBACK_ENV = 'MMAUDIO_FALLBACK_ORDER'
/** Poll interval for providers, in ms (tests and debugging). */
export const POLL_ENV = 'MMAUDIO_POLL_INTERVAL_MS'
/** The chunk cache's size limit in MB (default as in the app's settings). */
export const CACHE_LIMIT_ENV = 'MMAUDIO_CHUNK_CACHE_MB'

/** PURE: the chunk cache limit from env; a value that is not a number of MB is a clear error. */
export function cacheLimitFromEnv(env: Env): number {
  const raw = env[CACHE_LIMIT_ENV]?.trim()
  if (!raw) return DEFAULT_CHUNK_CACHE_MB
  const mb = Number(raw)
  if (!Number.isInteger(mb) || mb < MIN_CHUNK_CACHE_MB) {
    throw new AppError(
      'BAD_INPUT',
      `${CACHE_LIMIT_ENV} must be a whole number of megabytes, at least ${MIN_CHUNK_CACHE_MB} (it is "${raw}").`,
    )
  }
  return mb
}

export function cliHome(env: Env): string {
  return resolve(env[HOME_ENV]?.trim() || join(homedir(), '.mmaudio-studio'))
}

export function cliDirs(home: string): GenerateDirs {
  return {
    work: join(home, 'work'),
    cache: join(home, 'cache'),
    takes: join(home, 'takes'),
    journal: join(home, 'journal.json'),
  }
}

/** PURE: the fallback order from env; an unknown id is a clear error, not a silent skip. */
export function fallbackFromEnv(env: Env): ProviderId[] {
  const raw = env[FALLBACK_ENV]?.trim()
  if (!raw) return []
  return raw
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
    .map((id) => {
      if (!(PROVIDER_IDS as readonly string[]).includes(id)) {
        throw new AppError(
          'BAD_INPUT',
          `${FALLBACK_ENV} names "${id}", which is not a provider (${PROVIDER_IDS.join(', ')}).`,
        )
      }
      return id as ProviderId
    })
}

export interface CliServices {
  home: string
  /** What dead CLI runs left behind (temp files, work folders), being removed; awaited before exit. */
  swept: Promise<string[]>
  runner: FfmpegRunner
  providers: ProviderRegistry
  generate: GenerateService
  exports: ExportService
  handoff: HandoffService
}

export function createCliServices(
  env: Env,
  overrides: { providers?: ProviderRegistry; runner?: FfmpegRunner } = {},
): CliServices {
  const home = cliHome(env)
  const dirs = cliDirs(home)
  const ledgers = join(home, 'leftovers')
  const swept = sweepLeftovers(ledgers, { workDirs: [dirs.work] }).catch(() => [] as string[])
  openLeftoverLedger(ledgers)
  const runner = overrides.runner ?? createFfmpegRunner(resolveBinaries())
  const providers = overrides.providers ?? defaultProviderRegistry()
  const jobs = createJobRegistry()
  const settings: ProviderSettingsView = { fallbackOrder: fallbackFromEnv(env) }
  const pollMs = Number(env[POLL_ENV])
  const cacheLimitMb = cacheLimitFromEnv(env)
  const generate = createGenerateService({
    runner,
    providers,
    apiKey: (id) => keyFromEnv(id, env),
    missingKeyHint: (id) => `Set ${keyEnvName(id)} in the environment.`,
    settings: () => settings,
    env,
    dirs,
    cacheLimitBytes: () => cacheLimitMb * 1e6,
    ...(Number.isFinite(pollMs) && pollMs > 0 ? { pollIntervalMs: pollMs } : {}),
  })
  const exports = createExportService({ runner, jobs, tmpDir: dirs.work })
  const handoff = createHandoffService({ runner, jobs, tmpDir: dirs.work })
  return { home, swept, runner, providers, generate, exports, handoff }
}
