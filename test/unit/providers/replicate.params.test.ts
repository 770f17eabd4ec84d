import { describe, expect, it } from 'vitest'
import { createReplicateProvider, replicateProvider } from '../../../electron/providers/replicate/index'
import { DEFAULT_REPLICATE_VERSION, REPLICATE_CAPABILITIES, isReplicateVersionId, toReplicateInput } from '../../../electron/providers/replicate/params'
import { outputUrl, predictionError, replicateErrorInfo } from '../../../electron/providers/replicate/schemas'
import type { ProviderRequest } from '../../../electron/providers/types'

const base: ProviderRequest = {
  mode: 'video',
  videoPath: '/tmp/cut.mp4',
  prompt: 'rain on a tin roof',
  negativePrompt: '',
  seed: 1234,
  steps: 25,
  cfg: 4.5,
  durationSec: 8,
  maskAwayClip: true,
}

describe('Replicate parameter mapping', () => {
  it('maps a video request to the model inputs: no mask_away_clip, the negative prompt always sent (theirs defaults to "music")', () => {
    expect(toReplicateInput(base, 'https://api.replicate.com/v1/files/abc')).toEqual({
      prompt: 'rain on a tin roof',
      negative_prompt: '',
      duration: 8,
      num_steps: 25,
      cfg_strength: 4.5,
      seed: 1234,
      video: 'https://api.replicate.com/v1/files/abc',
    })
  })

  it('omits video for text-to-audio', () => {
    expect(toReplicateInput({ ...base, mode: 'text', videoPath: undefined })).toEqual({
      prompt: 'rain on a tin roof',
      negative_prompt: '',
      duration: 8,
      num_steps: 25,
      cfg_strength: 4.5,
      seed: 1234,
    })
  })

  it('clamps: duration ≥ 1, cfg ≥ 1, seed 0–65535, whole steps', () => {
    expect(toReplicateInput({ ...base, durationSec: 0.3, cfg: 0, seed: -1, steps: 0 }, 'v')).toEqual({
      prompt: 'rain on a tin roof',
      negative_prompt: '',
      duration: 1,
      num_steps: 1,
      cfg_strength: 1,
      seed: 0,
      video: 'v',
    })
    expect(toReplicateInput({ ...base, durationSec: 99, cfg: 40, seed: 99999, steps: 30.5 }, 'v')).toMatchObject({
      duration: 30,
      cfg_strength: 20,
      seed: 65535,
      num_steps: 31,
    })
    expect(toReplicateInput({ ...base, durationSec: 9.87654 }, 'v').duration).toBe(9.877)
  })

  it('declares both modes and no mask_away_clip, no price', () => {
    expect(REPLICATE_CAPABILITIES).toMatchObject({ videoToAudio: true, textToAudio: true, params: { maskAwayClip: false } })
    expect(REPLICATE_CAPABILITIES.priceUsdPerSec).toBeUndefined()
  })
})

describe('Replicate version setting', () => {
  it('defaults to the newest published version and accepts a 64-hex override only', () => {
    expect(DEFAULT_REPLICATE_VERSION).toBe('0e759d66310ead26e0880bd9111db74ef7bccb3081b49653da706bc5a8db87f0')
    expect(isReplicateVersionId(DEFAULT_REPLICATE_VERSION)).toBe(true)
    expect(replicateProvider.id).toBe('replicate')
    expect(createReplicateProvider({ version: 'a'.repeat(64) }).label).toBe('Replicate')
    expect(() => createReplicateProvider({ version: 'zsxkib/mmaudio:latest' })).toThrow(/64 hexadecimal/)
  })
})

describe('Replicate responses', () => {
  it('reads the output URL, the failure text and the error body with its field', () => {
    expect(outputUrl('https://replicate.delivery/x/out.mp4')).toBe('https://replicate.delivery/x/out.mp4')
    expect(outputUrl(['https://replicate.delivery/x/a.flac'])).toBe('https://replicate.delivery/x/a.flac')
    expect(outputUrl(null)).toBeUndefined()
    expect(predictionError('CUDA out of memory')).toBe('CUDA out of memory')
    expect(predictionError(null)).toBeUndefined()
    expect(
      replicateErrorInfo({ title: 'Input validation failed', detail: '- input.cfg_strength: Must be greater than or equal to 1\n', status: 422, invalid_fields: [{ type: 'greater_than_equal', field: 'input.cfg_strength', description: 'Must be greater than or equal to 1' }] }),
    ).toEqual({ message: '- input.cfg_strength: Must be greater than or equal to 1', field: 'cfg' })
    expect(replicateErrorInfo({ detail: 'You did not pass a valid authentication token', status: 401 })).toEqual({ message: 'You did not pass a valid authentication token' })
  })
})
