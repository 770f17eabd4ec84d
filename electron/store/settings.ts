// Typed settings over a KeyValueStore: zod-validated, defaults filled in, versioned migrations, and a
// settings value that no longer parses is kept aside (never silently thrown away) while defaults take over.
import { PROVIDER_IDS, type ProviderId } from '../../shared/domain/ids'
import { DEFAULT_CHUNK_CACHE_MB, Settings, type ProviderSettings } from '../../shared/domain/settings'
import { PROVIDER_PROFILES } from '../providers/profiles'
import type { KeyValueStore } from './keyValueStore'

export const SETTINGS_KEY = 'settings'
export const SETTINGS_BACKUP_KEY = 'settingsBackup'
export const CURRENT_SETTINGS_VERSION = 1

type Raw = Record<string, unknown>

/** The settings of a first run: every provider at its public API and its profile's parallel requests. */
export function defaultSettings(): Settings {
  const providers = Object.fromEntries(
    PROVIDER_IDS.map((id) => [id, { baseUrl: '', concurrency: PROVIDER_PROFILES[id].capabilities.defaultConcurrency }]),
  ) as Record<ProviderId, ProviderSettings>
  return {
    version: 1,
    providers,
    defaultProvider: 'fal',
    fallbackOrder: [],
    recentProjects: [],
    chunkCacheLimitMb: DEFAULT_CHUNK_CACHE_MB,
  }
}

function isRecord(v: unknown): v is Raw {
  return typeof v === 'object' && v !== null && !Array.isArray(v)
}

/** Steps from version n to n+1. Version 0 is the unversioned shape of early builds. */
const MIGRATIONS: Readonly<Record<number, (raw: Raw) => Raw>> = {
  0: (raw) => ({ ...raw, version: 1 }),
}

/** Brings a stored value up to the current version; throws when it cannot (not an object, from a newer app). */
export function migrateSettings(stored: unknown): Raw {
  if (!isRecord(stored)) throw new Error('settings are not an object')
  let raw = stored
  let version = typeof raw.version === 'number' ? raw.version : 0
  if (version > CURRENT_SETTINGS_VERSION) throw new Error(`settings version ${version} is newer than this app`)
  while (version < CURRENT_SETTINGS_VERSION) {
    const step = MIGRATIONS[version]
    if (!step) throw new Error(`no migration from settings version ${version}`)
    raw = step(raw)
    version += 1
  }
  return raw
}

/** Fills what a stored value lacks (e.g. a provider added since it was written) from the defaults. */
export function withDefaults(raw: Raw): Raw {
  const defaults = defaultSettings()
  const storedProviders = isRecord(raw.providers) ? raw.providers : {}
  const providers = Object.fromEntries(
    PROVIDER_IDS.map((id) => {
      const stored = storedProviders[id]
      return [id, isRecord(stored) ? { ...defaults.providers[id], ...stored } : defaults.providers[id]]
    }),
  )
  return { ...defaults, ...raw, providers }
}

export interface SettingsStore {
  get(): Settings
  set(next: Settings): Settings
}

export interface SettingsStoreOptions {
  /** Told when a stored value was unusable and has been kept under SETTINGS_BACKUP_KEY. */
  onRecovered?: (reason: string) => void
}

export function createSettingsStore(kv: KeyValueStore, options: SettingsStoreOptions = {}): SettingsStore {
  function load(): Settings {
    const stored = kv.get(SETTINGS_KEY)
    if (stored === undefined) return defaultSettings()
    try {
      const parsed = Settings.safeParse(withDefaults(migrateSettings(stored)))
      if (parsed.success) return parsed.data
      throw new Error(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '))
    } catch (error) {
      kv.set(SETTINGS_BACKUP_KEY, stored)
      kv.delete(SETTINGS_KEY)
      options.onRecovered?.(error instanceof Error ? error.message : String(error))
      return defaultSettings()
    }
  }

  let current = load()
  return {
    get: () => structuredClone(current),
    set(next) {
      const valid = Settings.parse(next)
      kv.set(SETTINGS_KEY, valid)
      current = valid
      return structuredClone(valid)
    },
  }
}
