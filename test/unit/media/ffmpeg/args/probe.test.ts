import { describe, expect, it } from 'vitest'
import { probeArgs } from '../../../../../electron/media/ffmpeg/args/probe'

describe('ffprobe arguments', () => {
  it('probe: JSON format and streams, path passed as one argument', () => {
    expect(probeArgs('/v/my clip 日本語 ü.mp4')).toEqual([
      '-v', 'error', '-print_format', 'json', '-show_format', '-show_streams', '/v/my clip 日本語 ü.mp4',
    ])
  })
})
