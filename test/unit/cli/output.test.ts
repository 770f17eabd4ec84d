import { describe, expect, it } from 'vitest'
import { humanLine, progressLine } from '../../../electron/cli/output'

describe('CLI output', () => {
  it('draws a progress bar and human lines', () => {
    expect(
      progressLine({ type: 'progress', phase: 'generate', stage: 'queued', progress: 0.5, queuePosition: 2 }, 10),
    ).toBe('generate [#####-----]  50% queued (2 ahead)')
    expect(
      humanLine({ type: 'estimate', calls: 3, billedSec: 24, usd: 0.024, text: '$0.024 for 24.0 s of audio' }),
    ).toBe('Estimated cost: $0.024 for 24.0 s of audio (3 provider calls).')
  })
})
