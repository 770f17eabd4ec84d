import { describe, expect, it } from 'vitest'
import { PIXAZO_CAPABILITIES, toPixazoBody } from '../../../electron/providers/pixazo/params'
import { pixazoErrorInfo } from '../../../electron/providers/pixazo/schemas'
import type { ProviderRequest } from '../../../electron/providers/types'

const base: ProviderRequest = {
  mode: 'text',
  prompt: 'gentle ocean waves',
  negativePrompt: 'music',
  seed: 99,
  steps: 25,
  cfg: 4.5,
  durationSec: 8,
  maskAwayClip: false,
}

describe('Pixazo parameter mapping', () => {
  it('maps our request to the documented body, without a seed', () => {
    expect(toPixazoBody(base)).toEqual({
      prompt: 'gentle ocean waves',
      negative_prompt: 'music',
      num_steps: 25,
      duration: 8,
      cfg_strength: 4.5,
      mask_away_clip: false,
    })
  })

  it('rounds the duration up to whole seconds so the audio covers the request, within 2–30', () => {
    const durations = [2.2, 7.0000001, 7.01, 8, 0.5, 29.5, 45].map((durationSec) => toPixazoBody({ ...base, durationSec }).duration)
    expect(durations).toEqual([3, 7, 8, 8, 2, 30, 30])
  })

  it('clamps steps to 10–100 and cfg to 1–10, and passes mask_away_clip', () => {
    expect(toPixazoBody({ ...base, steps: 4, cfg: 20, maskAwayClip: true })).toEqual({
      prompt: 'gentle ocean waves',
      negative_prompt: 'music',
      num_steps: 10,
      duration: 8,
      cfg_strength: 10,
      mask_away_clip: true,
    })
    expect(toPixazoBody({ ...base, steps: 400.2, cfg: 0 })).toMatchObject({ num_steps: 100, cfg_strength: 1 })
  })

  it('declares text-to-audio only with integer durations and no seed', () => {
    expect(PIXAZO_CAPABILITIES).toMatchObject({
      videoToAudio: false,
      textToAudio: true,
      params: { seed: null, maskAwayClip: true, integerDuration: true, steps: { min: 10, max: 100 }, cfg: { min: 1, max: 10 } },
      durationSec: { min: 2, max: 30 },
    })
  })
})

describe('Pixazo error bodies', () => {
  it('prefers the message of the queue body, reads APIM bodies, and names the field', () => {
    expect(pixazoErrorInfo({ error: 'Insufficient Balance', message: 'Your wallet does not have enough balance.' })).toEqual({
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
