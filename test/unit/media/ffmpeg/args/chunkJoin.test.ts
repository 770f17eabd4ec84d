import { describe, expect, it } from 'vitest'
import { chunkJoinArgs } from '../../../../../electron/media/ffmpeg/args/chunkJoin'

describe('chunk join arguments', () => {
  it('chunk join: trims each chunk, chains equal-power crossfades, exact total length', () => {
    expect(
      chunkJoinArgs({
        parts: [
          { path: '/c0.wav', keepStartSample: 0, keepEndSample: 360000 },
          { path: '/c1.wav', keepStartSample: 24000, keepEndSample: 360000 },
          { path: '/c2.wav', keepStartSample: 24000, keepEndSample: 384000 },
        ],
        crossfadeSamples: 48000,
        totalSamples: 960000,
        outputPath: '/j.wav',
      }),
    ).toEqual([
      '-v',
      'info',
      '-hide_banner',
      '-i',
      '/c0.wav',
      '-i',
      '/c1.wav',
      '-i',
      '/c2.wav',
      '-filter_complex',
      '[0:a:0]aresample=48000,asetpts=N/SR/TB,apad,atrim=start_sample=0:end_sample=360000,asetpts=N/SR/TB[k0];' +
        '[1:a:0]aresample=48000,asetpts=N/SR/TB,apad,atrim=start_sample=24000:end_sample=360000,asetpts=N/SR/TB[k1];' +
        '[2:a:0]aresample=48000,asetpts=N/SR/TB,apad,atrim=start_sample=24000:end_sample=384000,asetpts=N/SR/TB[k2];' +
        '[k0][k1]acrossfade=ns=48000:c1=qsin:c2=qsin[x1];' +
        '[x1][k2]acrossfade=ns=48000:c1=qsin:c2=qsin[x2];' +
        '[x2]apad=whole_len=960000,atrim=end_sample=960000,ebur128=framelog=verbose[out]',
      '-map',
      '[out]',
      '-map_metadata',
      '-1',
      '-ar',
      '48000',
      '-c:a',
      'pcm_f32le',
      '-f',
      'wav',
      '-y',
      '/j.wav',
    ])
  })

  it('chunk join: a single chunk is only trimmed and sized', () => {
    const args = chunkJoinArgs({
      parts: [{ path: '/c0.wav', keepStartSample: 0, keepEndSample: 240000 }],
      crossfadeSamples: 48000,
      totalSamples: 240000,
      outputPath: '/j.wav',
    })
    const graph = args[args.indexOf('-filter_complex') + 1]
    expect(graph).not.toContain('acrossfade')
    expect(graph).toContain('[k0]apad=whole_len=240000,atrim=end_sample=240000,ebur128=framelog=verbose[out]')
  })
})
