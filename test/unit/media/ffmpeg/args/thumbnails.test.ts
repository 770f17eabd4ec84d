import { describe, expect, it } from 'vitest'
import {
  keyframeListArgs,
  keyframePickArgs,
  thumbnailSpriteArgs,
} from '../../../../../electron/media/ffmpeg/args/thumbnails'

describe('thumbnail sprite arguments', () => {
  it('thumbnail sprite from picked keyframes: their own timestamps, N slots over the duration from 0, one JPEG', () => {
    expect(
      thumbnailSpriteArgs({
        inputPath: '/cache/keys.nut',
        outputPath: '/cache/s.jpg',
        frameCount: 20,
        startSec: 0,
        durationSec: 120.5,
        frameWidth: 160,
        frameHeight: 90,
        decode: 'picked',
      }),
    ).toEqual([
      '-v',
      'error',
      '-copyts',
      '-i',
      '/cache/keys.nut',
      '-map',
      '0:V:0',
      '-an',
      '-sn',
      '-dn',
      '-vf',
      'fps=fps=20/120.5:start_time=0,scale=160:90,tpad=stop_mode=clone:stop=20,tile=20x1',
      '-frames:v',
      '1',
      '-update',
      '1',
      '-q:v',
      '5',
      '-f',
      'image2',
      '-y',
      '/cache/s.jpg',
    ])
  })

  it('thumbnail sprite: a part of a strip starts at its first slot', () => {
    const args = thumbnailSpriteArgs({
      inputPath: '/k.nut',
      outputPath: '/o.jpg',
      frameCount: 7,
      startSec: 50,
      durationSec: 35,
      frameWidth: 160,
      frameHeight: 90,
      decode: 'picked',
    })
    expect(args[args.indexOf('-vf') + 1]).toBe(
      'fps=fps=7/35:start_time=50,scale=160:90,tpad=stop_mode=clone:stop=7,tile=7x1',
    )
  })

  it('thumbnail sprite: a full decode reads the file as it is', () => {
    const args = thumbnailSpriteArgs({
      inputPath: '/in.mp4',
      outputPath: '/o.jpg',
      frameCount: 3,
      startSec: 0,
      durationSec: 3,
      frameWidth: 50,
      frameHeight: 90,
      decode: 'all',
    })
    expect(args.slice(0, 4)).toEqual(['-v', 'error', '-i', '/in.mp4'])
  })

  it('keyframes: listed without decoding, then the picked ones copied out by their place in the list', () => {
    expect(keyframeListArgs('/in.mp4')).toEqual([
      '-v',
      'error',
      '-copyts',
      '-discard',
      'nokey',
      '-i',
      '/in.mp4',
      '-map',
      '0:V:0',
      '-c',
      'copy',
      '-f',
      'framecrc',
      '-',
    ])
    const pick = keyframePickArgs('/in.mp4', '/k.nut', [0, 5, 11])
    expect(pick[pick.indexOf('-bsf:v') + 1]).toBe('noise=drop=not((not(n-0)+not(n-5)+not(n-11)))')
    expect(pick.slice(0, 11)).toEqual(keyframeListArgs('/in.mp4').slice(0, 11))
    // A part of a long file: both read the same span (so the places in the list are the same packets).
    const span = { fromSec: 45, durationSec: 45 }
    const seek = ['-noaccurate_seek', '-ss', '45', '-t', '45', '-i', '/in.mp4']
    expect(keyframeListArgs('/in.mp4', span).join(' ')).toContain(seek.join(' '))
    expect(keyframePickArgs('/in.mp4', '/k.nut', [0, 3], span).join(' ')).toContain(seek.join(' '))
    // A long list is summed in groups: ffmpeg's parser takes about 90 terms in one sum.
    const long = keyframePickArgs(
      '/in.mp4',
      '/k.nut',
      Array.from({ length: 120 }, (_, i) => i * 5),
    )
    expect(long[long.indexOf('-bsf:v') + 1]!.match(/\)\+\(/g)).toHaveLength(2)
    expect(pick.slice(-4)).toEqual(['-f', 'nut', '-y', '/k.nut'])
  })
})
