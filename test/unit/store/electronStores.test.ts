import { existsSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it, vi } from 'vitest'

const fake = vi.hoisted(() => ({
  userData: '',
  backend: 'gnome_libsecret' as string,
}))

vi.mock('electron', () => {
  const safeStorage = {
    isAsyncEncryptionAvailable: async () => true,
    encryptStringAsync: async (s: string) => Buffer.from(s, 'utf8').reverse(),
    decryptStringAsync: async (b: Buffer) => ({
      result: Buffer.from(b).reverse().toString('utf8'),
      shouldReEncrypt: false,
    }),
    getSelectedStorageBackend: () => fake.backend,
  }
  const app = { getPath: () => fake.userData, getName: () => 'mmaudio-test', getVersion: () => '0.0.0' }
  return { default: { app, safeStorage, ipcMain: undefined, shell: undefined }, app, safeStorage, ipcMain: undefined }
})

const { createSafeStorageCipher, openElectronStore } = await import('../../../electron/store/electronStores')

describe('electron store adapters (electron mocked)', () => {
  it('opens userData/<name>.json with electron-store and persists values', () => {
    fake.userData = mkdtempSync(join(tmpdir(), 'estore-'))
    const { store, backupPath } = openElectronStore('settings')
    store.set('settings', { a: 1 })
    expect(backupPath).toBeNull()
    expect(existsSync(join(fake.userData, 'settings.json'))).toBe(true)
    expect(openElectronStore('settings').store.get('settings')).toEqual({ a: 1 })
  })

  it('moves a corrupt file aside and starts fresh', () => {
    fake.userData = mkdtempSync(join(tmpdir(), 'estore-'))
    writeFileSync(join(fake.userData, 'secrets.json'), '{not json')
    const { store, backupPath } = openElectronStore('secrets')
    expect(backupPath).toMatch(/secrets\.json\.corrupt-/)
    expect(store.get('apiKey_fal')).toBeUndefined()
    expect(readdirSync(fake.userData).some((f) => f.startsWith('secrets.json.corrupt-'))).toBe(true)
  })

  it('wraps safeStorage async API and reports the basic_text fallback on Linux', async () => {
    const cipher = createSafeStorageCipher()
    const encrypted = await cipher.encrypt('secret-key-1234')
    expect(encrypted.toString('utf8')).not.toBe('secret-key-1234')
    expect(await cipher.decrypt(encrypted)).toEqual({ plainText: 'secret-key-1234', shouldReEncrypt: false })
    fake.backend = 'basic_text'
    expect(cipher.isPlainTextFallback()).toBe(process.platform === 'linux')
    fake.backend = 'kwallet5'
    expect(cipher.isPlainTextFallback()).toBe(false)
  })
})
