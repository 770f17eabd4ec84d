import { describe, expect, it } from 'vitest'
import { WAVESPEED_CAPABILITIES, toWavespeedInput } from '../../../electron/providers/wavespeed/params'
import { WavespeedPrediction, envelopeAwareFetch, envelopeData, wavespeedErrorInfo } from '../../../electron/providers/wavespeed/schemas'
import type { ProviderRequest } from '../../../electron/providers/types'

const base: ProviderRequest = {
  mode: 'video',
  videoPath: '/tmp/cut.mp4',
  prompt: 'rain on a tin roof',
  negativePrompt: '',
  seed: 42,
  steps: 25,
  cfg: 4.5,
  durationSec: 8,
  maskAwayClip: false,
}

describe('WaveSpeed parameter mapping', () => {
  it('maps our request to WaveSpeed names; no seed (WaveSpeed has none)', () => {
    expect(toWavespeedInput(base, 'https://cdn/x.mp4')).toEqual({
      video: 'https://cdn/x.mp4',
      prompt: 'rain on a tin roof',
      negative_prompt: '',
      num_inference_steps: 25,
      guidance_scale: 4.5,
      duration: 8,
      mask_away_clip: false,
    })
  })

  it('sends the duration as whole seconds rounded up, so the requested length is covered', () => {
    const d = (durationSec: number): number => toWavespeedInput({ ...base, durationSec }, 'u').duration
    expect([d(2.3), d(8), d(8.0000001), d(7.999), d(0.4), d(29.5), d(31)]).toEqual([3, 8, 8, 8, 1, 30, 30])
  })

  it('clamps steps 4–50 (whole) and guidance 0–20', () => {
    expect(toWavespeedInput({ ...base, steps: 60.2, cfg: -2, maskAwayClip: true, negativePrompt: 'music' }, 'u')).toEqual({
      video: 'u',
      prompt: 'rain on a tin roof',
      negative_prompt: 'music',
      num_inference_steps: 50,
      guidance_scale: 0,
      duration: 8,
      mask_away_clip: true,
    })
    expect(toWavespeedInput({ ...base, steps: 1, cfg: 21.5 }, 'u')).toMatchObject({ num_inference_steps: 4, guidance_scale: 20 })
  })

  it('declares what WaveSpeed offers: video only, no seed, integer durations, no price', () => {
    expect(WAVESPEED_CAPABILITIES).toEqual({
      videoToAudio: true,
      textToAudio: false,
      params: {
        negativePrompt: true,
        seed: null,
        steps: { min: 4, max: 50 },
        cfg: { min: 0, max: 20 },
        maskAwayClip: true,
        integerDuration: true,
      },
      durationSec: { min: 1, max: 30 },
      defaultConcurrency: 4,
    })
  })
})

describe('WaveSpeed envelope and error parsing', () => {
  it('reads the envelope message, and the field it names by our name', () => {
    expect(wavespeedErrorInfo({ code: 400, message: 'guidance_scale: must be a number between 0 and 20', data: null })).toEqual({
      message: 'guidance_scale: must be a number between 0 and 20',
      field: 'cfg',
    })
    expect(wavespeedErrorInfo({ code: 401, message: 'invalid authentication' })).toEqual({ message: 'invalid authentication' })
    expect(wavespeedErrorInfo({ error: 'boom' })).toEqual({ message: 'boom' })
    expect(wavespeedErrorInfo('nope')).toEqual({})
  })

  it('takes data out of the envelope, and calls an unknown shape an error', () => {
    const data = { id: 'p1', status: 'failed', outputs: [], error: 'CUDA out of memory' }
    expect(envelopeData({ code: 200, message: 'success', data }, WavespeedPrediction, 'prediction')).toEqual(data)
    expect(() => envelopeData({ code: 200, data: { id: 'p1', status: 'weird' } }, WavespeedPrediction, 'prediction')).toThrow(
      /does not understand/,
    )
  })

  it('envelopeAwareFetch turns an error code inside a JSON 200 into that HTTP status, and leaves the rest alone', async () => {
    const answer = (body: string, type = 'application/json'): typeof fetch => async () => new Response(body, { status: 200, headers: { 'Content-Type': type } })
    const status = async (body: string, type?: string): Promise<number> => (await envelopeAwareFetch(answer(body, type))('http://x')).status
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
