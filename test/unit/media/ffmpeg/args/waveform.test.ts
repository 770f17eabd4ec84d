import { describe, expect, it } from 'vitest'
import { waveformPcmArgs } from '../../../../../electron/media/ffmpeg/args/waveform'

describe('waveform arguments', () => {
  it('waveform: first audio stream as mono s16le PCM on stdout', () => {
    expect(waveformPcmArgs('/in.mp4', 8000)).toEqual([
      '-v', 'error', '-i', '/in.mp4', '-map', '0:a:0', '-vn', '-sn', '-dn',
      '-ac', '1', '-ar', '8000', '-c:a', 'pcm_s16le', '-f', 's16le', 'pipe:1',
    ])
  })
})
