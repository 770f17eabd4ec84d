import { describe, expect, it } from 'vitest'
import { outputUrl, predictionError, replicateErrorInfo } from '../../../../electron/providers/replicate/schemas'

describe('Replicate responses', () => {
  it('reads the output URL, the failure text and the error body with its field', () => {
    expect(outputUrl('https://replicate.delivery/x/out.mp4')).toBe('https://replicate.delivery/x/out.mp4')
    expect(outputUrl(['https://replicate.delivery/x/a.flac'])).toBe('https://replicate.delivery/x/a.flac')
    expect(outputUrl(null)).toBeUndefined()
    expect(predictionError('CUDA out of memory')).toBe('CUDA out of memory')
    expect(predictionError(null)).toBeUndefined()
    expect(
      replicateErrorInfo({
        title: 'Input validation failed',
        detail: '- input.cfg_strength: Must be greater than or equal to 1\n',
        status: 422,
        invalid_fields: [
          {
            type: 'greater_than_equal',
            field: 'input.cfg_strength',
            description: 'Must be greater than or equal to 1',
          },
        ],
      }),
    ).toEqual({ message: '- input.cfg_strength: Must be greater than or equal to 1', field: 'cfg' })
    expect(replicateErrorInfo({ detail: 'You did not pass a valid authentication token', status: 401 })).toEqual({
      message: 'You did not pass a valid authentication token',
    })
  })
})
