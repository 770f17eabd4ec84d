import { describe, expect, it } from 'vitest'
import { forTheCli } from '../../../electron/cli/main'
import { AppError } from '../../../shared/domain/errors'

describe('CLI errors', () => {
  it('a rejected key names the env var the CLI reads, not Settings', () => {
    const e = new AppError('PROVIDER_AUTH', 'fal.ai rejected the API key. Check or replace it in Settings.')
    expect(forTheCli(e, [{ id: 'fal', label: 'fal.ai' }]).message).toBe('fal.ai rejected the API key. Check FAL_KEY.')
    const other = new AppError('NETWORK', 'Could not reach fal.ai.')
    expect(forTheCli(other, [{ id: 'fal', label: 'fal.ai' }])).toBe(other)
  })
})
