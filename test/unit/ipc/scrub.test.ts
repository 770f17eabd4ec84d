import { describe, expect, it } from 'vitest'
import { describeForLog, scrubSecrets } from '../../../electron/ipc/scrub'

describe('scrubSecrets', () => {
  it.each([
    ['Authorization: Key a1b2c3d4e5f6', 'a1b2c3d4e5f6'],
    ['authorization: Bearer r8_AbCdEf0123456789', 'r8_AbCdEf0123456789'],
    ['https://api.example.com/run?api_key=zz9988776655&x=1', 'zz9988776655'],
    ['token=abcdefgh12345678', 'abcdefgh12345678'],
    ['failed with key 5f0c0a7e-1234-4bcd-9aaa-0123456789ab:deadbeefdeadbeefdeadbeefdeadbeef', 'deadbeefdeadbeef'],
    ['{"x-api-key":"sk-live-0123456789"}', 'sk-live-0123456789'],
  ])('removes the secret from %s', (text, secret) => {
    const out = scrubSecrets(text)
    expect(out).not.toContain(secret)
    expect(out).toContain('[redacted]')
  })

  it('keeps the words of ordinary sentences about keys', () => {
    expect(scrubSecrets('Invalid key provided; check the primary key constraint')).toBe(
      'Invalid key provided; check the primary key constraint',
    )
  })

  it('leaves ordinary messages and file paths alone', () => {
    const text = 'ffmpeg failed: /home/user/Videos/clip_2024_holiday.mp4: Invalid data found'
    expect(scrubSecrets(text)).toBe(text)
  })

  it('describes errors with their stack, scrubbed', () => {
    const error = new Error('Bearer abcdefgh12345678 rejected')
    const text = describeForLog(error)
    expect(text).toContain('Error: Bearer [redacted] rejected')
    expect(text).not.toContain('abcdefgh12345678')
  })
})
