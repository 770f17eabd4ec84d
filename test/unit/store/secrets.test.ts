import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { AppError } from '../../../shared/domain/errors'
import { PROVIDER_IDS } from '../../../shared/domain/ids'
import { createMemoryStore } from '../../../electron/store/keyValueStore'
import { createSecretStore, type Cipher } from '../../../electron/store/secrets'

/** A cipher that really transforms its input (AES-256-GCM with a test key), like safeStorage does. */
function realCipher(options: { available?: boolean; plainText?: boolean } = {}): Cipher & { encryptions: number } {
  const key = randomBytes(32)
  const cipher = {
    encryptions: 0,
    isAvailable: async () => options.available ?? true,
    isPlainTextFallback: () => options.plainText ?? false,
    async encrypt(plain: string) {
      cipher.encryptions += 1
      const iv = randomBytes(12)
      const c = createCipheriv('aes-256-gcm', key, iv)
      const body = Buffer.concat([c.update(plain, 'utf8'), c.final()])
      return Buffer.concat([iv, c.getAuthTag(), body])
    },
    async decrypt(buf: Buffer) {
      const d = createDecipheriv('aes-256-gcm', key, buf.subarray(0, 12))
      d.setAuthTag(buf.subarray(12, 28))
      return {
        plainText: Buffer.concat([d.update(buf.subarray(28)), d.final()]).toString('utf8'),
        shouldReEncrypt: false,
      }
    },
  }
  return cipher
}

const KEY = 'fal_live_0123456789abcdefWXYZ'

describe('secret store', () => {
  it('reports every provider as unset at first', () => {
    const store = createSecretStore(createMemoryStore(), realCipher())
    expect(store.status()).toEqual(PROVIDER_IDS.map((provider) => ({ provider, isSet: false, last4: null })))
  })

  it('returns only provider, isSet and last4 after set, never the key', async () => {
    const store = createSecretStore(createMemoryStore(), realCipher())
    const status = await store.set('fal', `  ${KEY}  `)
    expect(status).toEqual({ provider: 'fal', isSet: true, last4: 'WXYZ' })
    expect(JSON.stringify(store.status())).not.toContain(KEY)
    expect(JSON.stringify(store.status())).not.toContain('0123456789')
  })

  it('keeps the key encrypted at rest and gives it back to main through getKey', async () => {
    const kv = createMemoryStore()
    const store = createSecretStore(kv, realCipher())
    await store.set('replicate', KEY)
    const atRest = JSON.stringify(kv.dump())
    expect(atRest).not.toContain(KEY)
    expect(atRest).not.toContain(Buffer.from(KEY).toString('base64'))
    expect(atRest).not.toContain('0123456789abcdef')
    expect(await store.getKey('replicate')).toBe(KEY)
    expect(await store.getKey('fal')).toBeNull()
  })

  it('clears a key', async () => {
    const store = createSecretStore(createMemoryStore(), realCipher())
    await store.set('wavespeed', KEY)
    expect(store.clear('wavespeed')).toEqual({ provider: 'wavespeed', isSet: false, last4: null })
    expect(await store.getKey('wavespeed')).toBeNull()
  })

  it('refuses to store a key when encryption is unavailable, without echoing the key', async () => {
    const kv = createMemoryStore()
    const store = createSecretStore(kv, realCipher({ available: false }))
    const error = await store.set('fal', KEY).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(AppError)
    expect(String((error as AppError).message)).not.toContain(KEY)
    expect(kv.dump()).toEqual({})
  })

  it('does not put the key into the error when encryption throws', async () => {
    const cipher = realCipher()
    cipher.encrypt = async (plain) => {
      throw new Error(`cannot encrypt ${plain}`)
    }
    const error = (await createSecretStore(createMemoryStore(), cipher)
      .set('fal', KEY)
      .catch((e: unknown) => e)) as AppError
    expect(error.code).toBe('INTERNAL')
    expect(JSON.stringify({ message: error.message, cause: String(error.cause) })).not.toContain(KEY)
  })

  it('rejects values that are not keys', async () => {
    const store = createSecretStore(createMemoryStore(), realCipher())
    await expect(store.set('fal', 'has space inside')).rejects.toMatchObject({ code: 'BAD_INPUT', field: 'key' })
    await expect(store.set('fal', '   short ')).rejects.toMatchObject({ code: 'BAD_INPUT' })
  })

  it('returns null for a key that can no longer be decrypted', async () => {
    const kv = createMemoryStore()
    await createSecretStore(kv, realCipher()).set('fal', KEY)
    expect(await createSecretStore(kv, realCipher()).getKey('fal')).toBeNull() // another machine's key
  })

  it('re-encrypts when the cipher asks to', async () => {
    const kv = createMemoryStore()
    const cipher = realCipher()
    const store = createSecretStore(kv, cipher)
    await store.set('fal', KEY)
    const before = JSON.stringify(kv.dump())
    const decrypt = cipher.decrypt
    cipher.decrypt = async (buf) => ({ ...(await decrypt(buf)), shouldReEncrypt: true })
    expect(await store.getKey('fal')).toBe(KEY)
    expect(cipher.encryptions).toBe(2)
    expect(JSON.stringify(kv.dump())).not.toBe(before)
  })

  it('exposes the Linux plain-text fallback as a warning flag', () => {
    expect(createSecretStore(createMemoryStore(), realCipher({ plainText: true })).plainTextFallback).toBe(true)
    expect(createSecretStore(createMemoryStore(), realCipher()).plainTextFallback).toBe(false)
  })
})
