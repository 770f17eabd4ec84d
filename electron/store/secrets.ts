// Provider API keys, encrypted at rest through an injectable Cipher (Electron's safeStorage in the app).
// Only {provider, isSet, last4} ever leaves this module, plus getKey() for provider calls inside main.
// Keys are never logged and never put into an error message.
import { AppError } from '../../shared/domain/errors'
import { PROVIDER_IDS, type ProviderId } from '../../shared/domain/ids'
import type { SecretStatus } from '../../shared/domain/settings'
import type { KeyValueStore } from './keyValueStore'

export interface Cipher {
  isAvailable(): Promise<boolean>
  encrypt(plainText: string): Promise<Buffer>
  /** shouldReEncrypt: the OS rotated its key; store the value again (safeStorage's async API says so). */
  decrypt(cipherText: Buffer): Promise<{ plainText: string; shouldReEncrypt: boolean }>
  /** True when the OS keyring is missing and encryption falls back to a fixed key (Linux "basic_text"). */
  isPlainTextFallback(): boolean
}

interface StoredSecret {
  cipherText: string // base64
  last4: string
}

function isStoredSecret(v: unknown): v is StoredSecret {
  return (
    typeof v === 'object' &&
    v !== null &&
    typeof (v as StoredSecret).cipherText === 'string' &&
    typeof (v as StoredSecret).last4 === 'string'
  )
}

export interface SecretStore {
  status(): SecretStatus[]
  set(provider: ProviderId, key: string): Promise<SecretStatus>
  clear(provider: ProviderId): SecretStatus
  /** For provider calls in main only. Null when no key is stored (or it can no longer be decrypted). */
  getKey(provider: ProviderId): Promise<string | null>
  /** Keys are stored with a fixed, not a per-user, key: the UI should warn. */
  readonly plainTextFallback: boolean
}

const KEY_PREFIX = 'apiKey_'

export function createSecretStore(kv: KeyValueStore, cipher: Cipher): SecretStore {
  const read = (provider: ProviderId): StoredSecret | null => {
    const v = kv.get(KEY_PREFIX + provider)
    return isStoredSecret(v) ? v : null
  }
  const statusOf = (provider: ProviderId): SecretStatus => {
    const stored = read(provider)
    return { provider, isSet: stored !== null, last4: stored ? stored.last4 : null }
  }

  return {
    plainTextFallback: cipher.isPlainTextFallback(),
    status: () => PROVIDER_IDS.map(statusOf),
    async set(provider, key) {
      const trimmed = key.trim()
      if (trimmed.length < 8 || /\s/.test(trimmed)) {
        throw new AppError('BAD_INPUT', 'That does not look like an API key (no spaces, at least 8 characters).', {
          field: 'key',
        })
      }
      if (!(await cipher.isAvailable())) {
        throw new AppError('INTERNAL', 'Secure storage is not available on this system, so the key was not saved.')
      }
      let cipherText: Buffer
      try {
        cipherText = await cipher.encrypt(trimmed)
      } catch {
        // The cause may quote its input: do not attach it.
        throw new AppError('INTERNAL', 'The key could not be encrypted, so it was not saved.')
      }
      kv.set(KEY_PREFIX + provider, { cipherText: cipherText.toString('base64'), last4: trimmed.slice(-4) })
      return statusOf(provider)
    },
    clear(provider) {
      kv.delete(KEY_PREFIX + provider)
      return statusOf(provider)
    },
    async getKey(provider) {
      const stored = read(provider)
      if (!stored) return null
      let plainText: string
      try {
        const decrypted = await cipher.decrypt(Buffer.from(stored.cipherText, 'base64'))
        plainText = decrypted.plainText
        if (!decrypted.shouldReEncrypt) return plainText
      } catch {
        return null
      }
      try {
        const fresh = await cipher.encrypt(plainText)
        kv.set(KEY_PREFIX + provider, { ...stored, cipherText: fresh.toString('base64') })
      } catch {
        // Keep the old cipher text: it still decrypts.
      }
      return plainText
    },
  }
}
