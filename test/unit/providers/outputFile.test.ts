import { describe, expect, it } from 'vitest'
import { mediaExtension, outputFileName, outputMime } from '../../../electron/providers/outputFile'

describe('provider output files', () => {
  it('finds the first known media extension among URLs and names', () => {
    expect(mediaExtension('https://v3.fal.media/files/a/output.MP4?sig=1')).toBe('.mp4')
    expect(mediaExtension('https://cdn/x/blob', 'take.flac')).toBe('.flac')
    expect(mediaExtension('https://cdn/x/data.json', null, undefined)).toBe('')
  })

  it('keeps a specific served type, and reads the extension when the type is generic or missing', () => {
    expect(outputMime('audio/wav', '.mp4')).toBe('audio/wav')
    expect(outputMime('application/octet-stream', '.mp4')).toBe('video/mp4')
    expect(outputMime('', '.flac')).toBe('audio/flac')
    expect(outputMime('application/octet-stream', '', 'video/mp4')).toBe('video/mp4')
    expect(outputMime('binary/octet-stream', '')).toBe('application/octet-stream')
    expect(outputMime('', '', 'video/mp4')).toBe('video/mp4')
  })

  it('names a file safely from any request id', () => {
    expect(outputFileName('fal', '80e7-32af/..\\x', '.mp4')).toBe('fal-80e7-32af____x.mp4')
  })
})
