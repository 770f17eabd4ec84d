import { describe, expect, it } from 'vitest'
import { createReplicateProvider, replicateProvider } from '../../../../electron/providers/replicate/index'
import { DEFAULT_REPLICATE_VERSION, isReplicateVersionId } from '../../../../electron/providers/replicate/version'

describe('Replicate version setting', () => {
  it('defaults to the newest published version and accepts a 64-hex override only', () => {
    expect(DEFAULT_REPLICATE_VERSION).toBe('0e759d66310ead26e0880bd9111db74ef7bccb3081b49653da706bc5a8db87f0')
    expect(isReplicateVersionId(DEFAULT_REPLICATE_VERSION)).toBe(true)
    expect(replicateProvider.id).toBe('replicate')
    expect(createReplicateProvider({ version: 'a'.repeat(64) }).label).toBe('Replicate')
    expect(() => createReplicateProvider({ version: 'zsxkib/mmaudio:latest' })).toThrow(/64 hexadecimal/)
  })
})
