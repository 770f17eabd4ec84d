import { describe, expect, it } from 'vitest'
import { evenFrame, videoGraph, videoPieces } from '../../../../../electron/media/ffmpeg/args/exportVideoGraph'

describe('videoPieces', () => {
  it('counts whole frames: black before, between and after clips, so the total is the timeline', () => {
    const pieces = videoPieces(
      [
        { inputIndex: 0, startSec: 0.5, durationSec: 2 },
        { inputIndex: 1, startSec: 3.01, durationSec: 1 },
      ],
      5,
      30,
    )
    expect(pieces).toEqual([
      { kind: 'gap', frames: 15 },
      { kind: 'clip', inputIndex: 0, frames: 60 },
      { kind: 'gap', frames: 15 },
      { kind: 'clip', inputIndex: 1, frames: 30 },
      { kind: 'gap', frames: 30 },
    ])
    expect(pieces.reduce((n, p) => n + p.frames, 0)).toBe(150)
  })

  it('tolerates a one-frame rounding overlap, not a real one', () => {
    const touching = videoPieces([{ inputIndex: 0, startSec: 0, durationSec: 1.03 }, { inputIndex: 1, startSec: 1, durationSec: 1 }], 2, 30)
    expect(touching.reduce((n, p) => n + p.frames, 0)).toBe(60)
    expect(() => videoPieces([{ inputIndex: 0, startSec: 0, durationSec: 2 }, { inputIndex: 1, startSec: 1, durationSec: 1 }], 2, 30)).toThrow(/overlap/)
  })
})

describe('the picture graph', () => {
  it('pads odd sizes to even ones (yuv420p)', () => {
    expect(evenFrame(641, 359, 30)).toEqual({ width: 642, height: 360, fps: 30 })
  })

  it('one piece still goes through concat, labelled as asked', () => {
    const chains = videoGraph([{ kind: 'gap', frames: 3 }], { width: 2, height: 2, fps: 25 }, 'out')
    expect(chains).toEqual(['color=c=black:s=2x2:r=25:d=0.16,trim=end_frame=3,setsar=1,format=yuv420p[v0]', '[v0]concat=n=1:v=1:a=0[out]'])
  })
})
