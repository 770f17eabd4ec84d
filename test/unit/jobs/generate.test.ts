// What a cancelled generation says when a provider could not be told to stop.
import { describe, expect, it } from 'vitest'
import { cancelledMessage } from '../../../electron/jobs/generate'

describe('cancelledMessage', () => {
  it('plain when every accepted request could be stopped; names the providers that could not, once each', () => {
    expect(cancelledMessage([])).toBe('Cancelled.')
    expect(cancelledMessage([{ label: 'Pixazo' }, { label: 'Pixazo' }, { label: 'WaveSpeed' }])).toMatch(
      /^Cancelled\. Pixazo and WaveSpeed have no way to stop 3 requests they had already accepted, so they may still finish and be charged;/,
    )
  })
})
