import { describe, expect, it } from 'vitest'
import { chunkJoinArgs } from '../../../electron/media/ffmpeg/args/chunkJoin'
import { normaliseResultArgs } from '../../../electron/media/ffmpeg/args/normaliseResult'
import { probeArgs } from '../../../electron/media/ffmpeg/args/probe'
import { thumbnailSpriteArgs } from '../../../electron/media/ffmpeg/args/thumbnails'
import { uploadCutArgs } from '../../../electron/media/ffmpeg/args/uploadCut'
import { waveformPcmArgs } from '../../../electron/media/ffmpeg/args/waveform'

describe('ffmpeg argument builders', () => {
  it('probe: JSON format and streams, path passed as one argument', () => {
    expect(probeArgs('/v/my clip 日本語 ü.mp4')).toEqual([
      '-v', 'error', '-print_format', 'json', '-show_format', '-show_streams', '/v/my clip 日本語 ü.mp4',
    ])
  })

  it('thumbnail sprite: keyframes only, N frames over the duration, tiled into one JPEG', () => {
    expect(
      thumbnailSpriteArgs({
        inputPath: '/in.mp4', outputPath: '/cache/s.jpg', frameCount: 20, durationSec: 120.5,
        frameWidth: 160, frameHeight: 90, keyframesOnly: true,
      }),
    ).toEqual([
      '-v', 'error', '-skip_frame', 'nokey', '-i', '/in.mp4',
      '-map', '0:V:0', '-an', '-sn', '-dn',
      '-vf', 'fps=20/120.5,scale=160:90,tpad=stop_mode=clone:stop=20,tile=20x1',
      '-frames:v', '1', '-update', '1', '-q:v', '5', '-f', 'image2', '-y', '/cache/s.jpg',
    ])
  })

  it('thumbnail sprite: full decode has no -skip_frame', () => {
    const args = thumbnailSpriteArgs({
      inputPath: '/in.mp4', outputPath: '/o.jpg', frameCount: 3, durationSec: 3,
      frameWidth: 50, frameHeight: 90, keyframesOnly: false,
    })
    expect(args.slice(0, 4)).toEqual(['-v', 'error', '-i', '/in.mp4'])
    expect(args).not.toContain('-skip_frame')
  })

  it('waveform: first audio stream as mono s16le PCM on stdout', () => {
    expect(waveformPcmArgs('/in.mp4', 8000)).toEqual([
      '-v', 'error', '-i', '/in.mp4', '-map', '0:a:0', '-vn', '-sn', '-dn',
      '-ac', '1', '-ar', '8000', '-c:a', 'pcm_s16le', '-f', 's16le', 'pipe:1',
    ])
  })

  it('upload cut: accurate input seek, 25 fps, 384 short side, no audio, faststart', () => {
    expect(
      uploadCutArgs({ inputPath: '/in.mp4', outputPath: '/up.mp4', inSec: 12.5, sourceDurationSec: 8, outputDurationSec: 8 }),
    ).toEqual([
      '-v', 'error', '-ss', '12.5', '-t', '8', '-i', '/in.mp4',
      '-map', '0:V:0', '-an', '-sn', '-dn', '-map_metadata', '-1',
      '-vf', "fps=25,scale='if(gt(iw,ih),-2,384)':'if(gt(iw,ih),384,-2)':flags=bicubic,format=yuv420p",
      '-c:v', 'libx264', '-preset', 'veryfast', '-crf', '23', '-pix_fmt', 'yuv420p',
      '-t', '8', '-movflags', '+faststart', '-f', 'mp4', '-y', '/up.mp4',
    ])
  })

  it('upload cut: a 0.4 s segment holds its last frame for 0.6 s and writes 1 s', () => {
    const args = uploadCutArgs({ inputPath: '/in.mp4', outputPath: '/up.mp4', inSec: 3, sourceDurationSec: 0.4, outputDurationSec: 1 })
    expect(args.slice(2, 6)).toEqual(['-ss', '3', '-t', '0.4'])
    expect(args[args.indexOf('-vf') + 1]).toBe(
      "fps=25,scale='if(gt(iw,ih),-2,384)':'if(gt(iw,ih),384,-2)':flags=bicubic,tpad=stop_mode=clone:stop_duration=0.6,format=yuv420p",
    )
    expect(args[args.lastIndexOf('-t') + 1]).toBe('1')
  })

  it('normalise result: first audio stream, 48 kHz, padded then cut to an exact sample count', () => {
    expect(normaliseResultArgs({ inputPath: '/r.mp4', outputPath: '/t.wav', sampleCount: 384000 })).toEqual([
      '-v', 'error', '-i', '/r.mp4', '-map', '0:a:0', '-vn', '-sn', '-dn', '-map_metadata', '-1',
      '-af', 'aresample=48000,apad=whole_len=384000,atrim=end_sample=384000',
      '-ar', '48000', '-c:a', 'pcm_f32le', '-f', 'wav', '-y', '/t.wav',
    ])
  })

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
      '-v', 'error', '-i', '/c0.wav', '-i', '/c1.wav', '-i', '/c2.wav',
      '-filter_complex',
      '[0:a:0]aresample=48000,asetpts=N/SR/TB,apad,atrim=start_sample=0:end_sample=360000,asetpts=N/SR/TB[k0];' +
        '[1:a:0]aresample=48000,asetpts=N/SR/TB,apad,atrim=start_sample=24000:end_sample=360000,asetpts=N/SR/TB[k1];' +
        '[2:a:0]aresample=48000,asetpts=N/SR/TB,apad,atrim=start_sample=24000:end_sample=384000,asetpts=N/SR/TB[k2];' +
        '[k0][k1]acrossfade=ns=48000:c1=qsin:c2=qsin[x1];' +
        '[x1][k2]acrossfade=ns=48000:c1=qsin:c2=qsin[x2];' +
        '[x2]apad=whole_len=960000,atrim=end_sample=960000[out]',
      '-map', '[out]', '-map_metadata', '-1', '-ar', '48000', '-c:a', 'pcm_f32le', '-f', 'wav', '-y', '/j.wav',
    ])
  })

  it('chunk join: a single chunk is only trimmed and sized', () => {
    const args = chunkJoinArgs({
      parts: [{ path: '/c0.wav', keepStartSample: 0, keepEndSample: 240000 }],
      crossfadeSamples: 48000, totalSamples: 240000, outputPath: '/j.wav',
    })
    const graph = args[args.indexOf('-filter_complex') + 1]
    expect(graph).not.toContain('acrossfade')
    expect(graph).toContain('[k0]apad=whole_len=240000,atrim=end_sample=240000[out]')
  })
})
