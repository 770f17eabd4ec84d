// The Electron side of the stores: electron-store files in userData and a Cipher over safeStorage's async
// API. Everything else in store/ is plain Node and tested without Electron.
import { join } from 'node:path'
import { app, safeStorage } from 'electron'
import Store from 'electron-store'
import { openStoreRecovering, type KeyValueStore, type OpenedStore } from './keyValueStore'
import type { Cipher } from './secrets'

/** Opens userData/<name>.json; an unreadable file is moved aside and a fresh one started. Call after 'ready'. */
export function openElectronStore(name: 'settings' | 'secrets'): OpenedStore<KeyValueStore> {
  const cwd = app.getPath('userData')
  return openStoreRecovering(join(cwd, `${name}.json`), () => {
    const store = new Store<Record<string, unknown>>({ name, cwd, clearInvalidConfig: false })
    void store.store // read now, so a corrupt file fails here and not on first use
    return {
      get: (key) => store.get(key),
      set: (key, value) => store.set(key, value),
      delete: (key) => store.delete(key),
    }
  })
}

/** safeStorage through its async API (the sync one is deprecated in Electron 45). Call after 'ready'. */
export function createSafeStorageCipher(): Cipher {
  return {
    isAvailable: () => safeStorage.isAsyncEncryptionAvailable(),
    encrypt: (plainText) => safeStorage.encryptStringAsync(plainText),
    async decrypt(cipherText) {
      const { result, shouldReEncrypt } = await safeStorage.decryptStringAsync(cipherText)
      return { plainText: result, shouldReEncrypt }
    },
    isPlainTextFallback: () => process.platform === 'linux' && safeStorage.getSelectedStorageBackend() === 'basic_text',
  }
}
