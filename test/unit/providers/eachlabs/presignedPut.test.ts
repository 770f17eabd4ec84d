import { describe, expect, it } from 'vitest'
import { presignedPutHeaders } from '../../../../electron/providers/eachlabs/presignedPut'

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
