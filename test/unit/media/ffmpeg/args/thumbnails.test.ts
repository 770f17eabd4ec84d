import { describe, expect, it } from 'vitest'
import { thumbnailSpriteArgs } from '../../../../../electron/media/ffmpeg/args/thumbnails'

describe('thumbnail sprite arguments', () => {
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
})
