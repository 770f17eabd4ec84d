import * as sdk from '@inferencesh/sdk'
import { describe, expect, it } from 'vitest'
import { INFERENCESH_CAPABILITIES, toInferenceshInput } from '../../../electron/providers/inferencesh/params'
import { INFERENCESH_STATUS, inferenceshErrorInfo, statusNumber } from '../../../electron/providers/inferencesh/schemas'
import type { ProviderRequest } from '../../../electron/providers/types'

const base: ProviderRequest = {
  mode: 'video',
  videoPath: '/tmp/cut.mp4',
  prompt: 'footsteps on gravel',
  negativePrompt: '',
  seed: 7,
  steps: 25,
  cfg: 4.5,
  durationSec: 8,
  maskAwayClip: false,
}

describe('inference.sh parameter mapping', () => {
  it('maps a video request to the app input names, always sending our seed (theirs defaults to 42)', () => {
    expect(toInferenceshInput(base, 'https://cloud.inference.sh/u/cut.mp4')).toEqual({
      prompt: 'footsteps on gravel',
      negative_prompt: '',
      duration: 8,
      num_steps: 25,
      cfg_strength: 4.5,
      seed: 7,
      mask_away_clip: false,
      video_input: 'https://cloud.inference.sh/u/cut.mp4',
    })
  })

  it('omits video_input for text-to-audio and passes mask_away_clip through', () => {
    expect(toInferenceshInput({ ...base, mode: 'text', videoPath: undefined, maskAwayClip: true, seed: 0 })).toEqual({
      prompt: 'footsteps on gravel',
      negative_prompt: '',
      duration: 8,
      num_steps: 25,
      cfg_strength: 4.5,
      seed: 0,
      mask_away_clip: true,
    })
  })

  it('clamps to the declared ranges and rounds steps and seed', () => {
    expect(toInferenceshInput({ ...base, seed: 70000.6, steps: 0.2, cfg: 0.5, durationSec: 45.55555, negativePrompt: 'music' }, 'u')).toEqual({
      prompt: 'footsteps on gravel',
      negative_prompt: 'music',
      duration: 30,
      num_steps: 1,
      cfg_strength: 1,
      seed: 65535,
      mask_away_clip: false,
      video_input: 'u',
    })
    expect(toInferenceshInput({ ...base, seed: -4, steps: 180, cfg: 25, durationSec: 0.1 }, 'u')).toMatchObject({
      duration: 1,
      num_steps: 100,
      cfg_strength: 20,
      seed: 0,
    })
    const nan = toInferenceshInput({ ...base, seed: Number.NaN, steps: Number.NaN, cfg: Number.NaN, durationSec: Number.NaN }, 'u')
    expect([nan.seed, nan.num_steps, nan.cfg_strength, nan.duration]).toEqual([0, 25, 4.5, 8])
    expect(toInferenceshInput({ ...base, durationSec: 6.123456 }, 'u').duration).toBe(6.123)
  })

  it('declares video and text modes, mask_away_clip, no price', () => {
    expect(INFERENCESH_CAPABILITIES).toMatchObject({ videoToAudio: true, textToAudio: true, params: { maskAwayClip: true, negativePrompt: true } })
    expect(INFERENCESH_CAPABILITIES.priceUsdPerSec).toBeUndefined()
  })
})

describe('inference.sh task states (pinned SDK)', () => {
  it('is exactly the table @inferencesh/sdk 0.6.54 exports', () => {
    expect(sdk.TaskStatusUnknown).toBe(INFERENCESH_STATUS.unknown)
    expect([sdk.TaskStatusReceived, sdk.TaskStatusQueued, sdk.TaskStatusDispatched]).toEqual([1, 2, 3])
    expect([sdk.TaskStatusPreparing, sdk.TaskStatusServing, sdk.TaskStatusSettingUp, sdk.TaskStatusRunning]).toEqual([4, 5, 6, 7])
    expect([sdk.TaskStatusCancelling, sdk.TaskStatusUploading]).toEqual([INFERENCESH_STATUS.cancelling, INFERENCESH_STATUS.uploading])
    expect([sdk.TaskStatusCompleted, sdk.TaskStatusFailed, sdk.TaskStatusCancelled]).toEqual([10, 11, 12])
    for (const [name, n] of Object.entries(INFERENCESH_STATUS)) {
      expect(sdk.parseStatus(name), name).toBe(n)
      expect(statusNumber(name), name).toBe(n)
      expect(statusNumber(n)).toBe(sdk.parseStatus(n))
    }
    expect(statusNumber('nonsense')).toBe(sdk.parseStatus('nonsense'))
    expect(statusNumber(null)).toBe(0)
  })
})

describe('inference.sh error bodies', () => {
  it('reads problem+json detail and the field named in errors[] as our field name', () => {
    expect(
      inferenceshErrorInfo({ type: 'https://api.inference.sh/errors/unprocessable-entity', title: 'Unprocessable Entity', status: 422, detail: 'input.duration: too long', errors: [{ field: 'input.duration', message: 'too long' }] }),
    ).toEqual({ message: 'input.duration: too long', field: 'durationSec' })
    expect(inferenceshErrorInfo({ title: 'Unauthorized', status: 401 })).toEqual({ message: 'Unauthorized' })
    expect(inferenceshErrorInfo({ success: false, error: { code: 'bad', message: 'negative_prompt is too long' } })).toEqual({
      message: 'negative_prompt is too long',
      field: 'negativePrompt',
    })
    expect(inferenceshErrorInfo('Bad Gateway')).toEqual({})
  })
})
