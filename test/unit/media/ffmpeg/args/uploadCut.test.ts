import { describe, expect, it } from 'vitest'
import { uploadCutArgs } from '../../../../../electron/media/ffmpeg/args/uploadCut'

describe('upload cut arguments', () => {
  it('upload cut: accurate input seek, 25 fps, 384 short side, no audio, faststart', () => {
    expect(
      uploadCutArgs({
        inputPath: '/in.mp4',
        outputPath: '/up.mp4',
        inSec: 12.5,
        sourceDurationSec: 8,
        outputDurationSec: 8,
      }),
    ).toEqual([
      '-v',
      'error',
      '-ss',
      '12.5',
      '-t',
      '8',
      '-i',
      '/in.mp4',
      '-map',
      '0:V:0',
      '-an',
      '-sn',
      '-dn',
      '-map_metadata',
      '-1',
      '-vf',
      "fps=25,scale='if(gt(iw,ih),-2,384)':'if(gt(iw,ih),384,-2)':flags=bicubic,format=yuv420p",
      '-c:v',
      'libx264',
      '-threads',
      '1',
      '-preset',
      'veryfast',
      '-crf',
      '23',
      '-pix_fmt',
      'yuv420p',
      '-t',
      '8',
      '-movflags',
      '+faststart',
      '-f',
      'mp4',
      '-y',
      '/up.mp4',
    ])
  })

  it('upload cut: a 0.4 s segment holds its last frame for 0.6 s and writes 1 s', () => {
    const args = uploadCutArgs({
      inputPath: '/in.mp4',
      outputPath: '/up.mp4',
      inSec: 3,
      sourceDurationSec: 0.4,
      outputDurationSec: 1,
    })
    expect(args.slice(2, 6)).toEqual(['-ss', '3', '-t', '0.4'])
    expect(args[args.indexOf('-vf') + 1]).toBe(
      "fps=25,scale='if(gt(iw,ih),-2,384)':'if(gt(iw,ih),384,-2)':flags=bicubic,tpad=stop_mode=clone:stop_duration=0.6,format=yuv420p",
    )
    expect(args[args.lastIndexOf('-t') + 1]).toBe('1')
  })
})
