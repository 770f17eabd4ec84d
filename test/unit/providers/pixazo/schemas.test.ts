import { describe, expect, it } from 'vitest'
import { pixazoErrorInfo } from '../../../../electron/providers/pixazo/schemas'

describe('Pixazo error bodies', () => {
  it('prefers the message of the queue body, reads APIM bodies, and names the field', () => {
    expect(
      pixazoErrorInfo({ error: 'Insufficient Balance', message: 'Your wallet does not have enough balance.' }),
    ).toEqual({
      message: 'Your wallet does not have enough balance',
    })
    expect(pixazoErrorInfo({ statusCode: 401, message: 'Access denied due to invalid subscription key.' })).toEqual({
      message: 'Access denied due to invalid subscription key',
    })
    expect(pixazoErrorInfo({ error: 'Bad Request', message: 'duration must be an integer between 2 and 30' })).toEqual({
      message: 'duration must be an integer between 2 and 30',
      field: 'durationSec',
    })
    expect(pixazoErrorInfo(null)).toEqual({})
  })
})
