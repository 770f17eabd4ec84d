import { describe, expect, it } from 'vitest'
import { matchLoudnessOn } from '../../../shared/domain/settings'
import { createMemoryStore } from '../../../electron/store/keyValueStore'
import {
  createSettingsStore,
  defaultSettings,
  migrateSettings,
  SETTINGS_BACKUP_KEY,
  SETTINGS_KEY,
} from '../../../electron/store/settings'

describe('settings store', () => {
  it('starts from the defaults when nothing is stored', () => {
    const store = createSettingsStore(createMemoryStore())
    expect(store.get()).toEqual(defaultSettings())
  })

  it('keeps what is set, validated, and reads it back from the backing store', () => {
    const kv = createMemoryStore()
    const next = { ...defaultSettings(), defaultProvider: 'replicate' as const, fallbackOrder: ['fal' as const] }
    expect(createSettingsStore(kv).set(next)).toEqual(next)
    expect(createSettingsStore(kv).get()).toEqual(next)
  })

  it('refuses invalid settings and keeps the old ones', () => {
    const kv = createMemoryStore()
    const store = createSettingsStore(kv)
    expect(() => store.set({ ...defaultSettings(), defaultProvider: 'nobody' } as never)).toThrow()
    expect(store.get()).toEqual(defaultSettings())
    expect(kv.get(SETTINGS_KEY)).toBeUndefined()
  })

  it('returns copies: changing a result does not change the store', () => {
    const store = createSettingsStore(createMemoryStore())
    store.get().recentProjects.push('/x.mmaudio')
    expect(store.get().recentProjects).toEqual([])
  })

  it('migrates unversioned settings to version 1, keeping known values and filling the rest', () => {
    const kv = createMemoryStore({
      [SETTINGS_KEY]: { defaultProvider: 'wavespeed', providers: { fal: { baseUrl: 'http://127.0.0.1:9' } } },
    })
    const settings = createSettingsStore(kv).get()
    expect(settings.version).toBe(1)
    expect(settings.defaultProvider).toBe('wavespeed')
    expect(settings.providers.fal).toEqual({ baseUrl: 'http://127.0.0.1:9', concurrency: 4 })
    expect(settings.providers.eachlabs).toEqual(defaultSettings().providers.eachlabs)
  })

  it('fills a provider added since the settings were written', () => {
    const stored = defaultSettings() as { providers: Record<string, unknown> }
    delete stored.providers.pixazo
    const settings = createSettingsStore(createMemoryStore({ [SETTINGS_KEY]: stored })).get()
    expect(settings.providers.pixazo).toEqual(defaultSettings().providers.pixazo)
  })

  it.each([
    ['not an object', 'garbage'],
    ['a wrong type', { ...defaultSettings(), recentProjects: 'nope' }],
    ['a newer version', { ...defaultSettings(), version: 7 }],
  ])('keeps a backup and falls back to defaults for %s', (_name, bad) => {
    const kv = createMemoryStore({ [SETTINGS_KEY]: bad })
    const reasons: string[] = []
    const store = createSettingsStore(kv, { onRecovered: (r) => reasons.push(r) })
    expect(store.get()).toEqual(defaultSettings())
    expect(kv.get(SETTINGS_BACKUP_KEY)).toEqual(bad)
    expect(kv.get(SETTINGS_KEY)).toBeUndefined()
    expect(reasons).toHaveLength(1)
  })

  it('Match loudness is on by default, for settings written before it existed too, and stays off once turned off', () => {
    expect(matchLoudnessOn(createSettingsStore(createMemoryStore()).get())).toBe(true)
    const older = createMemoryStore({ [SETTINGS_KEY]: { version: 1, defaultProvider: 'fal' } })
    expect(matchLoudnessOn(createSettingsStore(older).get())).toBe(true)
    const kv = createMemoryStore()
    createSettingsStore(kv).set({ ...defaultSettings(), matchLoudness: false })
    expect(matchLoudnessOn(createSettingsStore(kv).get())).toBe(false)
  })

  it('migrateSettings refuses non-objects and future versions', () => {
    expect(() => migrateSettings(null)).toThrow()
    expect(() => migrateSettings([])).toThrow()
    expect(() => migrateSettings({ version: 2 })).toThrow(/newer/)
    expect(migrateSettings({ version: 1, a: 1 })).toEqual({ version: 1, a: 1 })
  })
})
