// The CLI's composition root: the same services as the app, built from env instead of Electron stores.
import { homedir } from 'node:os'
import { join, resolve } from 'node:path'
import { AppError } from '../../shared/domain/errors'
import { PROVIDER_IDS, type ProviderId } from '../../shared/domain/ids'
import { createExportService, type ExportService } from '../jobs/export'
import { createGenerateService, type GenerateDirs, type GenerateService } from '../jobs/generate'
import { createHandoffService, type HandoffService } from '../jobs/handoff'
import { createJobRegistry } from '../jobs/jobs'
import { resolveBinaries } from '../media/binaries'
import { createFfmpegRunner, type FfmpegRunner } from '../media/ffmpeg/run'
import {
  defaultProviderRegistry,
  keyFromEnv,
  PROVIDER_KEY_ENV,
  type Env,
  type ProviderRegistry,
  type ProviderSettingsView,
} from '../providers/registry'

export const HOME_ENV = 'MMAUDIO_STUDIO_HOME'
/** Comma-separated provider ids that take over when the chosen one fails or rate-limits. */
export const FALLBACK_ENV = 'MMAUDIO_FALLBACK_ORDER'
/** Poll interval for providers, in ms (tests and debugging). */
export const POLL_ENV = 'MMAUDIO_POLL_INTERVAL_MS'

export function cliHome(env: Env): string {
  return resolve(env[HOME_ENV]?.trim() || join(homedir(), '.mmaudio-studio'))
}

export function cliDirs(home: string): GenerateDirs {
  return { work: join(home, 'work'), cache: join(home, 'cache'), takes: join(home, 'takes'), journal: join(home, 'journal.json') }
}

/** PURE: the fallback order from env; an unknown id is a clear error, not a silent skip. */
export function fallbackFromEnv(env: Env): ProviderId[] {
  const raw = env[FALLBACK_ENV]?.trim()
  if (!raw) return []
  return raw.split(',').map((s) => s.trim()).filter(Boolean).map((id) => {
    if (!(PROVIDER_IDS as readonly string[]).includes(id)) {
      throw new AppError('BAD_INPUT', `${FALLBACK_ENV} names "${id}", which is not a provider (${PROVIDER_IDS.join(', ')}).`)
    }
    return id as ProviderId
  })
}

export interface CliServices {
  home: string
  runner: FfmpegRunner
  providers: ProviderRegistry
  generate: GenerateService
  exports: ExportService
  handoff: HandoffService
}

export function createCliServices(env: Env, overrides: { providers?: ProviderRegistry; runner?: FfmpegRunner } = {}): CliServices {
  const home = cliHome(env)
  const dirs = cliDirs(home)
  const runner = overrides.runner ?? createFfmpegRunner(resolveBinaries())
  const providers = overrides.providers ?? defaultProviderRegistry()
  const jobs = createJobRegistry()
  const settings: ProviderSettingsView = { fallbackOrder: fallbackFromEnv(env) }
  const pollMs = Number(env[POLL_ENV])
  const generate = createGenerateService({
    runner,
    providers,
    apiKey: (id) => keyFromEnv(id, env),
    missingKeyHint: (id) => `Set ${PROVIDER_KEY_ENV[id]} in the environment.`,
    settings: () => settings,
    env,
    dirs,
    jobs,
    ...(Number.isFinite(pollMs) && pollMs > 0 ? { pollIntervalMs: pollMs } : {}),
  })
  const exports = createExportService({ runner, jobs, tmpDir: dirs.work })
  const handoff = createHandoffService({ runner, jobs, tmpDir: dirs.work })
  return { home, runner, providers, generate, exports, handoff }
}
