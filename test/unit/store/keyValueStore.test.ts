import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Conf from 'conf'
import { describe, expect, it } from 'vitest'
import { openStoreRecovering } from '../../../electron/store/keyValueStore'
import { createSettingsStore } from '../../../electron/store/settings'
import { defaultSettings } from '../../../electron/store/settings'

function openConf(cwd: string) {
  const conf = new Conf<Record<string, unknown>>({ cwd, configName: 'settings', projectName: 'mmaudio-test' })
  void conf.store
  return {
    get: (k: string) => conf.get(k),
    set: (k: string, v: unknown) => conf.set(k, v),
    delete: (k: string) => conf.delete(k),
  }
}

describe('openStoreRecovering (with conf, as in the CLI and tests)', () => {
  it('opens a healthy store as it is', () => {
    const cwd = mkdtempSync(join(tmpdir(), 'kv-'))
    const first = openStoreRecovering(join(cwd, 'settings.json'), () => openConf(cwd))
    createSettingsStore(first.store).set({ ...defaultSettings(), defaultProvider: 'eachlabs' })
    const again = openStoreRecovering(join(cwd, 'settings.json'), () => openConf(cwd))
    expect(again.backupPath).toBeNull()
    expect(createSettingsStore(again.store).get().defaultProvider).toBe('eachlabs')
  })

  it('moves a corrupt file aside, keeps its bytes, and starts from defaults', () => {
    const cwd = mkdtempSync(join(tmpdir(), 'kv-'))
    const file = join(cwd, 'settings.json')
    writeFileSync(file, '{"settings": {"version": 1, "defaultProv')
    const opened = openStoreRecovering(
      file,
      () => openConf(cwd),
      () => new Date('2026-01-02T03:04:05.678Z'),
    )
    expect(opened.backupPath).toBe(`${file}.corrupt-2026-01-02T03-04-05-678Z`)
    expect(readFileSync(opened.backupPath ?? '', 'utf8')).toBe('{"settings": {"version": 1, "defaultProv')
    expect(createSettingsStore(opened.store).get()).toEqual(defaultSettings())
    expect(readdirSync(cwd).sort()).toEqual(['settings.json.corrupt-2026-01-02T03-04-05-678Z'])
  })

  it('does not hide an error when there is no file to blame', () => {
    const cwd = mkdtempSync(join(tmpdir(), 'kv-'))
    expect(() =>
      openStoreRecovering(join(cwd, 'settings.json'), () => {
        throw new Error('disk on fire')
      }),
    ).toThrow('disk on fire')
    expect(existsSync(join(cwd, 'settings.json'))).toBe(false)
  })
})
