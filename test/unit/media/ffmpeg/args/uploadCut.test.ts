import { describe, expect, it } from 'vitest'
import { focusCropFilter } from '../../../../../electron/media/ffmpeg/args/focusCrop'
import { uploadCutArgs, uploadCutPartsArgs } from '../../../../../electron/media/ffmpeg/args/uploadCut'

const PICTURE = "fps=25,scale='if(gt(iw,ih),-2,384)':'if(gt(iw,ih),384,-2)':flags=area"
const output = (path: string, sec: string) => [
  '-an',
  '-sn',
  '-dn',
  '-map_metadata',
  '-1',
  '-c:v',
  'libx264',
  '-threads',
  '1',
  '-preset',
  'veryfast',
  '-crf',
  '30',
  '-pix_fmt',
  'yuv420p',
  '-t',
  sec,
  '-movflags',
  '+faststart',
  '-f',
  'mp4',
  '-y',
  path,
]

describe('upload cut arguments', () => {
  it('upload cut: accurate input seek, 25 fps, 384 short side (area), no audio, CRF 30, faststart', () => {
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
      '-vf',
      `${PICTURE},format=yuv420p`,
      ...output('/up.mp4', '8'),
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
    expect(args[args.indexOf('-vf') + 1]).toBe(`${PICTURE},tpad=stop_mode=clone:stop_duration=0.6,format=yuv420p`)
    expect(args[args.lastIndexOf('-t') + 1]).toBe('1')
  })

  it('upload cut: a focus box is cropped before scaling, so its own short side becomes 384 px', () => {
    const box = { x: 0.25, y: 0.1, w: 0.5, h: 0.8 }
    const args = uploadCutArgs({
      inputPath: '/in.mp4',
      outputPath: '/up.mp4',
      inSec: 0,
      sourceDurationSec: 2,
      outputDurationSec: 2,
      crop: box,
    })
    expect(args[args.indexOf('-vf') + 1]).toBe(`${focusCropFilter(box)},${PICTURE},format=yuv420p`)
  })

  it('overlapping cuts: one decode of their union, split and trimmed to each one’s frames, one output each', () => {
    const args = uploadCutPartsArgs({
      inputPath: '/in.mp4',
      inSec: 2,
      sourceDurationSec: 14,
      parts: [
        { outputPath: '/a.mp4', offsetFrames: 0, durationSec: 8 },
        { outputPath: '/b.mp4', offsetFrames: 150, durationSec: 7.99 },
      ],
    })
    expect(args).toEqual([
      '-v',
      'error',
      '-ss',
      '2',
      '-t',
      '14',
      '-i',
      '/in.mp4',
      '-filter_complex',
      `[0:V:0]${PICTURE},format=yuv420p,split=2[p0][p1];` +
        '[p0]trim=start_frame=0:end_frame=200,setpts=PTS-STARTPTS[v0];' +
        '[p1]trim=start_frame=150:end_frame=350,setpts=PTS-STARTPTS[v1]',
      '-map',
      '[v0]',
      ...output('/a.mp4', '8'),
      '-map',
      '[v1]',
      ...output('/b.mp4', '7.99'),
    ])
  })
})
