import { describe, expect, it } from 'vitest'
import {
  WavespeedPrediction,
  envelopeAwareFetch,
  envelopeData,
  wavespeedErrorInfo,
} from '../../../../electron/providers/wavespeed/schemas'

describe('WaveSpeed envelope and error parsing', () => {
  it('reads the envelope message, and the field it names by our name', () => {
    expect(
      wavespeedErrorInfo({ code: 400, message: 'guidance_scale: must be a number between 0 and 20', data: null }),
    ).toEqual({
      message: 'guidance_scale: must be a number between 0 and 20',
      field: 'cfg',
    })
    expect(wavespeedErrorInfo({ code: 401, message: 'invalid authentication' })).toEqual({
      message: 'invalid authentication',
    })
    expect(wavespeedErrorInfo({ error: 'boom' })).toEqual({ message: 'boom' })
    expect(wavespeedErrorInfo('nope')).toEqual({})
  })

  it('takes data out of the envelope, and calls an unknown shape an error', () => {
    const data = { id: 'p1', status: 'failed', outputs: [], error: 'CUDA out of memory' }
    expect(envelopeData({ code: 200, message: 'success', data }, WavespeedPrediction, 'prediction')).toEqual(data)
    expect(() =>
      envelopeData({ code: 200, data: { id: 'p1', status: 'weird' } }, WavespeedPrediction, 'prediction'),
    ).toThrow(/does not understand/)
  })

  it('envelopeAwareFetch turns an error code inside a JSON 200 into that HTTP status, and leaves the rest alone', async () => {
    const answer =
      (body: string, type = 'application/json'): typeof fetch =>
      async () =>
        new Response(body, { status: 200, headers: { 'Content-Type': type } })
    const status = async (body: string, type?: string): Promise<number> =>
      (await envelopeAwareFetch(answer(body, type))('http://x')).status
    expect(await status(JSON.stringify({ code: 429, message: 'slow down' }))).toBe(429)
    expect(await status(JSON.stringify({ code: 401, message: 'invalid authentication' }))).toBe(401)
    expect(await status(JSON.stringify({ code: 7, message: '?' }))).toBe(500)
    expect(await status(JSON.stringify({ code: 200, data: {} }))).toBe(200)
    expect(await status('not json')).toBe(200)
    expect(await status('{"code":500}', 'video/mp4')).toBe(200)
    const res = await envelopeAwareFetch(answer(JSON.stringify({ code: 200, data: { a: 1 } })))('http://x')
    expect(await res.json()).toEqual({ code: 200, data: { a: 1 } })
  })
})
