import { describe, expect, it } from 'vitest'
import { takeAudioArgs } from '../../../../../electron/media/ffmpeg/args/takeAudio'

describe('take audio arguments', () => {
  it('normalise result: first audio stream, 48 kHz, padded then cut to an exact sample count, metered on the way', () => {
    expect(takeAudioArgs({ inputPath: '/r.mp4', outputPath: '/t.wav', sampleCount: 384000 })).toEqual([
      '-v',
      'info',
      '-hide_banner',
      '-i',
      '/r.mp4',
      '-map',
      '0:a:0',
      '-vn',
      '-sn',
      '-dn',
      '-map_metadata',
      '-1',
      '-af',
      'aresample=48000,apad=whole_len=384000,atrim=end_sample=384000,ebur128=framelog=verbose',
      '-ar',
      '48000',
      '-c:a',
      'pcm_f32le',
      '-f',
      'wav',
      '-y',
      '/t.wav',
    ])
  })
})
