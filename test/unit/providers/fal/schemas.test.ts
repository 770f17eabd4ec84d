import { describe, expect, it } from 'vitest'
import { FalResult, FalStatusResponse, falErrorInfo, resultFile } from '../../../../electron/providers/fal/schemas'

describe('fal response and error parsing', () => {
  it('reads the validation body: message with the field, field by our name', () => {
    const body = {
      detail: [
        { loc: ['body', 'num_steps'], msg: 'Input should be less than or equal to 50', type: 'less_than_equal' },
      ],
    }
    expect(falErrorInfo(body)).toEqual({
      message: 'num_steps: Input should be less than or equal to 50',
      field: 'steps',
    })
  })

  it('reads infrastructure bodies {detail, error_type}, a bare string detail, and {message}', () => {
    expect(falErrorInfo({ detail: 'Request timed out', error_type: 'request_timeout' })).toEqual({
      message: 'Request timed out',
    })
    expect(falErrorInfo({ detail: 'negative_prompt is too long' })).toEqual({
      message: 'negative_prompt is too long',
      field: 'negativePrompt',
    })
    expect(falErrorInfo({ message: 'Forbidden' })).toEqual({ message: 'Forbidden' })
    expect(falErrorInfo('<html>bad gateway</html>')).toEqual({})
  })

  it('knows only the three queue states (there is no FAILED)', () => {
    expect(FalStatusResponse.safeParse({ status: 'IN_QUEUE', queue_position: 3 }).success).toBe(true)
    expect(FalStatusResponse.safeParse({ status: 'FAILED' }).success).toBe(false)
  })

  it('takes the file from {video} (video-to-audio) or {audio} (text-to-audio)', () => {
    const file = {
      url: 'https://v3.fal.media/files/x/out.mp4',
      content_type: 'application/octet-stream',
      file_name: 'a.mp4',
      file_size: 10,
    }
    expect(resultFile(FalResult.parse({ video: file }))).toEqual(file)
    expect(resultFile(FalResult.parse({ audio: { url: 'https://v3.fal.media/files/y/out.flac' } }))).toEqual({
      url: 'https://v3.fal.media/files/y/out.flac',
    })
    expect(FalResult.safeParse({ images: [] }).success).toBe(false)
  })
})
