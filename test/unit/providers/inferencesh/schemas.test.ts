import * as sdk from '@inferencesh/sdk'
import { describe, expect, it } from 'vitest'
import {
  INFERENCESH_STATUS,
  inferenceshErrorInfo,
  statusNumber,
} from '../../../../electron/providers/inferencesh/schemas'

describe('inference.sh task states (pinned SDK)', () => {
  it('is exactly the table @inferencesh/sdk 0.6.54 exports', () => {
    expect(sdk.TaskStatusUnknown).toBe(INFERENCESH_STATUS.unknown)
    expect([sdk.TaskStatusReceived, sdk.TaskStatusQueued, sdk.TaskStatusDispatched]).toEqual([1, 2, 3])
    expect([sdk.TaskStatusPreparing, sdk.TaskStatusServing, sdk.TaskStatusSettingUp, sdk.TaskStatusRunning]).toEqual([
      4, 5, 6, 7,
    ])
    expect([sdk.TaskStatusCancelling, sdk.TaskStatusUploading]).toEqual([
      INFERENCESH_STATUS.cancelling,
      INFERENCESH_STATUS.uploading,
    ])
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
      inferenceshErrorInfo({
        type: 'https://api.inference.sh/errors/unprocessable-entity',
        title: 'Unprocessable Entity',
        status: 422,
        detail: 'input.duration: too long',
        errors: [{ field: 'input.duration', message: 'too long' }],
      }),
    ).toEqual({ message: 'input.duration: too long', field: 'durationSec' })
    expect(inferenceshErrorInfo({ title: 'Unauthorized', status: 401 })).toEqual({ message: 'Unauthorized' })
    expect(
      inferenceshErrorInfo({ success: false, error: { code: 'bad', message: 'negative_prompt is too long' } }),
    ).toEqual({
      message: 'negative_prompt is too long',
      field: 'negativePrompt',
    })
    expect(inferenceshErrorInfo('Bad Gateway')).toEqual({})
  })
})
