// The six providers by id, and the pure rules for where each one is reached, with which key and how many at a
// time: base URL from env (MMAUDIO_<ID>_BASE_URL, wins: the CLI and tests point at emulators) then settings;
// keys from the secret store in the app, from the providers' usual env vars (their profiles say which) in the
// CLI; concurrency from env, then settings, then the profile.
import { AppError } from '../../shared/domain/errors'
import { PROVIDER_IDS, type ProviderId } from '../../shared/domain/ids'
import type { ProviderSettings } from '../../shared/domain/settings'
import { eachlabsProvider } from './eachlabs/index'
import { falProvider } from './fal/index'
import { inferenceshProvider } from './inferencesh/index'
import { pixazoProvider } from './pixazo/index'
import { PROVIDER_PROFILES } from './profiles'
import { replicateProvider } from './replicate/index'
import type { AudioProvider } from './types'
import { wavespeedProvider } from './wavespeed/index'

export type Env = Readonly<Record<string, string | undefined>>

/** The part of Settings these rules read; the CLI passes only what it has (or null). */
export interface ProviderSettingsView {
  providers?: Partial<Record<ProviderId, Partial<ProviderSettings>>>
  fallbackOrder?: readonly ProviderId[]
}

/** The env var each provider's own SDK and docs use for its key. */
export function keyEnvName(id: ProviderId): string {
  return PROVIDER_PROFILES[id].keyEnv
}

/** Documented limits on how often a key may create requests, by provider (from the profiles that have one). */
export const PROVIDER_START_RATE: Readonly<Partial<Record<ProviderId, { count: number; perMs: number }>>> =
  Object.fromEntries(
    PROVIDER_IDS.flatMap((id) => {
      const rate = PROVIDER_PROFILES[id].startRate
      return rate ? [[id, rate]] : []
    }),
  )

export function baseUrlEnvName(id: ProviderId): string {
  return `MMAUDIO_${id.toUpperCase()}_BASE_URL`
}

export function concurrencyEnvName(id: ProviderId): string {
  return `MMAUDIO_${id.toUpperCase()}_CONCURRENCY`
}

/** Where a provider is reached: the env override, then the setting; null = its public API. */
export function resolveBaseUrl(id: ProviderId, settings: ProviderSettingsView | null, env: Env): string | null {
  const fromEnv = env[baseUrlEnvName(id)]?.trim()
  if (fromEnv) return fromEnv
  const fromSettings = settings?.providers?.[id]?.baseUrl?.trim()
  return fromSettings ? fromSettings : null
}

/** The CLI's key for a provider: its usual env var; null when unset or blank. */
export function keyFromEnv(id: ProviderId, env: Env): string | null {
  const key = env[keyEnvName(id)]?.trim()
  return key ? key : null
}

/**
 * Parallel requests allowed for a provider: env override (CLI), then the setting, then its profile's default
 * (which is also the setting's default). Always ≥ 1.
 */
export function resolveConcurrency(
  provider: Pick<AudioProvider, 'id' | 'capabilities'>,
  settings: ProviderSettingsView | null,
  env: Env = {},
): number {
  const fromEnv = Number(env[concurrencyEnvName(provider.id)])
  const chosen =
    Number.isInteger(fromEnv) && fromEnv > 0
      ? fromEnv
      : (settings?.providers?.[provider.id]?.concurrency ?? provider.capabilities.defaultConcurrency)
  return Math.max(1, Math.floor(chosen))
}

/** The provider order for a request: the chosen one, then the fallbacks that can do this mode, no repeats. */
export function providerOrder(
  primary: ProviderId,
  fallbackOrder: readonly ProviderId[],
  supports: (id: ProviderId) => boolean,
): ProviderId[] {
  const order: ProviderId[] = [primary]
  for (const id of fallbackOrder) if (!order.includes(id) && supports(id)) order.push(id)
  return order
}

export interface ProviderRegistry {
  get(id: ProviderId): AudioProvider
  list(): readonly AudioProvider[]
}

export function createProviderRegistry(providers: readonly AudioProvider[]): ProviderRegistry {
  const byId = new Map(providers.map((p) => [p.id, p]))
  return {
    get(id) {
      const p = byId.get(id)
      if (!p)
        throw new AppError('BAD_INPUT', `"${id}" is not a provider MMAudio Studio knows (${PROVIDER_IDS.join(', ')}).`)
      return p
    },
    list: () => PROVIDER_IDS.flatMap((id) => byId.get(id) ?? []),
  }
}

/** The six real adapters. */
export function defaultProviderRegistry(): ProviderRegistry {
  return createProviderRegistry([
    falProvider,
    wavespeedProvider,
    eachlabsProvider,
    inferenceshProvider,
    pixazoProvider,
    replicateProvider,
  ])
}
