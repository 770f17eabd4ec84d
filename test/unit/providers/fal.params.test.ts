import { describe, expect, it } from 'vitest'
import { FAL_CAPABILITIES, toFalInput } from '../../../electron/providers/fal/params'
import { FalResult, FalStatusResponse, falErrorInfo, resultFile } from '../../../electron/providers/fal/schemas'
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
  maskAwayClip: false,
}

describe('fal parameter mapping', () => {
  it('maps a video request to fal-ai/mmaudio-v2 input names', () => {
    expect(toFalInput(base, 'https://v3.fal.media/files/a/cut.mp4')).toEqual({
      video_url: 'https://v3.fal.media/files/a/cut.mp4',
      prompt: 'footsteps on gravel',
      negative_prompt: '',
      seed: 42,
      num_steps: 25,
      cfg_strength: 4.5,
      duration: 8,
      mask_away_clip: false,
    })
  })

  it('maps a text request without video_url (fal-ai/mmaudio-v2/text-to-audio)', () => {
    expect(toFalInput({ ...base, mode: 'text', videoPath: undefined, negativePrompt: 'music', maskAwayClip: true })).toEqual({
      prompt: 'footsteps on gravel',
      negative_prompt: 'music',
      seed: 42,
      num_steps: 25,
      cfg_strength: 4.5,
      duration: 8,
      mask_away_clip: true,
    })
  })

  it('clamps to fal ranges: seed 0–65535, steps 4–50 (whole), cfg 0–20, duration 1–30 (float, ms precision)', () => {
    expect(toFalInput({ ...base, seed: 70000, steps: 51.2, cfg: -1, durationSec: 44.5 }, 'u')).toEqual({
      video_url: 'u',
      prompt: 'footsteps on gravel',
      negative_prompt: '',
      seed: 65535,
      num_steps: 50,
      cfg_strength: 0,
      duration: 30,
      mask_away_clip: false,
    })
    expect(toFalInput({ ...base, seed: -5, steps: 2, cfg: 25, durationSec: 0.2 }, 'u')).toMatchObject({
      seed: 0,
      num_steps: 4,
      cfg_strength: 20,
      duration: 1,
    })
    expect(toFalInput({ ...base, seed: 7.6, steps: 12.5, cfg: 3.25, durationSec: 8.33333333 }, 'u')).toMatchObject({
      seed: 8,
      num_steps: 13,
      cfg_strength: 3.25,
      duration: 8.333,
    })
  })

  it('falls back to fal defaults for non-finite numbers', () => {
    expect(toFalInput({ ...base, seed: NaN, steps: NaN, cfg: Infinity, durationSec: NaN }, 'u')).toMatchObject({
      seed: 0,
      num_steps: 25,
      cfg_strength: 4.5,
      duration: 8,
    })
  })

  it('declares what fal offers', () => {
    expect(FAL_CAPABILITIES).toEqual({
      videoToAudio: true,
      textToAudio: true,
      params: {
        negativePrompt: true,
        seed: { min: 0, max: 65535 },
        steps: { min: 4, max: 50 },
        cfg: { min: 0, max: 20 },
        maskAwayClip: true,
        integerDuration: false,
      },
      durationSec: { min: 1, max: 30 },
      priceUsdPerSec: 0.001,
      defaultConcurrency: 4,
    })
  })
})

describe('fal response and error parsing', () => {
  it('reads the validation body: message with the field, field by our name', () => {
    const body = { detail: [{ loc: ['body', 'num_steps'], msg: 'Input should be less than or equal to 50', type: 'less_than_equal' }] }
    expect(falErrorInfo(body)).toEqual({ message: 'num_steps: Input should be less than or equal to 50', field: 'steps' })
  })

  it('reads infrastructure bodies {detail, error_type}, a bare string detail, and {message}', () => {
    expect(falErrorInfo({ detail: 'Request timed out', error_type: 'request_timeout' })).toEqual({ message: 'Request timed out' })
    expect(falErrorInfo({ detail: 'negative_prompt is too long' })).toEqual({ message: 'negative_prompt is too long', field: 'negativePrompt' })
    expect(falErrorInfo({ message: 'Forbidden' })).toEqual({ message: 'Forbidden' })
    expect(falErrorInfo('<html>bad gateway</html>')).toEqual({})
  })

  it('knows only the three queue states (there is no FAILED)', () => {
    expect(FalStatusResponse.safeParse({ status: 'IN_QUEUE', queue_position: 3 }).success).toBe(true)
    expect(FalStatusResponse.safeParse({ status: 'FAILED' }).success).toBe(false)
  })

  it('takes the file from {video} (video-to-audio) or {audio} (text-to-audio)', () => {
    const file = { url: 'https://v3.fal.media/files/x/out.mp4', content_type: 'application/octet-stream', file_name: 'a.mp4', file_size: 10 }
    expect(resultFile(FalResult.parse({ video: file }))).toEqual(file)
    expect(resultFile(FalResult.parse({ audio: { url: 'https://v3.fal.media/files/y/out.flac' } }))).toEqual({ url: 'https://v3.fal.media/files/y/out.flac' })
    expect(FalResult.safeParse({ images: [] }).success).toBe(false)
  })
})
