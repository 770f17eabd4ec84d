import { describe, expect, it } from 'vitest'
import { eachlabsErrorInfo } from '../../../../electron/providers/eachlabs/schemas'

describe('Eachlabs error bodies', () => {
  it('reads both documented shapes and names the field at fault', () => {
    expect(
      eachlabsErrorInfo({
        status: 'error',
        message: 'Invalid input for model',
        details: 'num_steps must be an integer.',
      }),
    ).toEqual({
      message: 'Invalid input for model: num_steps must be an integer',
      field: 'steps',
    })
    expect(eachlabsErrorInfo({ error: 'Invalid or missing API key' })).toEqual({
      message: 'Invalid or missing API key',
    })
    expect(eachlabsErrorInfo({ error: 'negative_prompt too long' })).toEqual({
      message: 'negative_prompt too long',
      field: 'negativePrompt',
    })
    expect(eachlabsErrorInfo('<html>bad gateway</html>')).toEqual({})
  })
})
