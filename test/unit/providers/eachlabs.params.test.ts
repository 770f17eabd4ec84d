import { describe, expect, it } from 'vitest'
import { EACHLABS_CAPABILITIES, presignedPutHeaders, toEachlabsInput } from '../../../electron/providers/eachlabs/params'
import { eachlabsErrorInfo } from '../../../electron/providers/eachlabs/schemas'
import type { ProviderRequest } from '../../../electron/providers/types'

const base: ProviderRequest = {
  mode: 'video',
  videoPath: '/tmp/cut.mp4',
  prompt: 'footsteps on gravel',
  negativePrompt: '',
  seed: 42,
  steps: 25,
  cfg: 4.5,
  durationSec: 8,
  maskAwayClip: true,
}

describe('Eachlabs parameter mapping', () => {
  it('maps our request to the documented input names, sending the negative prompt even when empty', () => {
    expect(toEachlabsInput(base, 'https://cdn-us.eachlabs.ai/uploads/a.mp4')).toEqual({
      video: 'https://cdn-us.eachlabs.ai/uploads/a.mp4',
      prompt: 'footsteps on gravel',
      negative_prompt: '',
      duration: 8,
      num_steps: 25,
      cfg_strength: 4.5,
      seed: 42,
    })
  })

  it('clamps out-of-range values and rounds steps and seed to whole numbers; no mask_away_clip', () => {
    const input = toEachlabsInput(
      { ...base, negativePrompt: 'speech', seed: -3, steps: 250.4, cfg: 0.2, durationSec: 44.12345 },
      'https://x/y.mp4',
    )
    expect(input).toEqual({
      video: 'https://x/y.mp4',
      prompt: 'footsteps on gravel',
      negative_prompt: 'speech',
      duration: 30,
      num_steps: 100,
      cfg_strength: 1,
      seed: 0,
    })
    expect(toEachlabsInput({ ...base, steps: 12.6, cfg: 33, durationSec: 0.25, seed: 7.4 }, 'u')).toEqual({
      video: 'u',
      prompt: 'footsteps on gravel',
      negative_prompt: '',
      duration: 1,
      num_steps: 13,
      cfg_strength: 20,
      seed: 7,
    })
    expect(toEachlabsInput({ ...base, durationSec: 7.123456 }, 'u').duration).toBe(7.123)
  })

  it('falls back to the model defaults for non-finite numbers', () => {
    const input = toEachlabsInput({ ...base, steps: Number.NaN, cfg: Number.POSITIVE_INFINITY, durationSec: Number.NaN, seed: Number.NaN }, 'u')
    expect([input.num_steps, input.cfg_strength, input.duration, input.seed]).toEqual([25, 4.5, 8, 0])
  })

  it('declares video-to-audio only, the 10-concurrent limit and the predict_time price', () => {
    expect(EACHLABS_CAPABILITIES).toMatchObject({
      videoToAudio: true,
      textToAudio: false,
      params: { maskAwayClip: false, negativePrompt: true, integerDuration: false },
      priceUsdPerSec: 0.00108,
      defaultConcurrency: 10,
    })
  })
})

describe('Eachlabs presigned PUT headers', () => {
  it('sends the declared Content-Type and every required header verbatim, and no API key', () => {
    expect(presignedPutHeaders('video/mp4', { 'x-amz-meta-file-id': '0dce', 'x-amz-acl': 'public-read' })).toEqual({
      'Content-Type': 'video/mp4',
      'x-amz-meta-file-id': '0dce',
      'x-amz-acl': 'public-read',
    })
  })

  it('lets a required Content-Type (any case) win over ours instead of sending two', () => {
    expect(presignedPutHeaders('video/mp4', { 'content-type': 'video/mp4; charset=binary' })).toEqual({
      'content-type': 'video/mp4; charset=binary',
    })
  })
})

describe('Eachlabs error bodies', () => {
  it('reads both documented shapes and names the field at fault', () => {
    expect(eachlabsErrorInfo({ status: 'error', message: 'Invalid input for model', details: 'num_steps must be an integer.' })).toEqual({
      message: 'Invalid input for model: num_steps must be an integer',
      field: 'steps',
    })
    expect(eachlabsErrorInfo({ error: 'Invalid or missing API key' })).toEqual({ message: 'Invalid or missing API key' })
    expect(eachlabsErrorInfo({ error: 'negative_prompt too long' })).toEqual({ message: 'negative_prompt too long', field: 'negativePrompt' })
    expect(eachlabsErrorInfo('<html>bad gateway</html>')).toEqual({})
  })
})
