import { describe, expect, it } from 'vitest'
import { evenFrame, videoGraph, videoPieces } from '../../../electron/media/ffmpeg/args/exportVideoGraph'
import { ffFps, ffNum } from '../../../electron/media/ffmpeg/args/exportFormat'
import { envelopeExpression, envelopeFilters } from '../../../electron/media/ffmpeg/args/exportAudioGraph'
import { SILENCE_DB } from '../../../shared/domain/mix'

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

describe('frame and number text', () => {
  it('pads odd sizes to even ones (yuv420p)', () => {
    expect(evenFrame(641, 359, 30)).toEqual({ width: 642, height: 360, fps: 30 })
  })

  it('writes NTSC rates as exact fractions and plain numbers without noise', () => {
    expect(ffFps(30000 / 1001)).toBe('30000/1001')
    expect(ffFps(24000 / 1001)).toBe('24000/1001')
    expect(ffFps(25)).toBe('25')
    expect(ffNum(-0.0000001)).toBe('0')
    expect(ffNum(0.7071067811)).toBe('0.707107')
  })

  it('one piece still goes through concat, labelled as asked', () => {
    const chains = videoGraph([{ kind: 'gap', frames: 3 }], { width: 2, height: 2, fps: 25 }, 'out')
    expect(chains).toEqual(['color=c=black:s=2x2:r=25:d=0.16,trim=end_frame=3,setsar=1,format=yuv420p[v0]', '[v0]concat=n=1:v=1:a=0[out]'])
  })
})

describe('envelope filters', () => {
  it('flat envelopes are a plain gain, or nothing at 0 dB, or silence', () => {
    expect(envelopeFilters([{ timeSec: 0, gainDb: 0 }])).toEqual([])
    expect(envelopeFilters([{ timeSec: 0, gainDb: -12 }])).toEqual(['volume=-12dB'])
    expect(envelopeFilters([{ timeSec: 0, gainDb: SILENCE_DB }])).toEqual(['volume=0'])
  })

  it('a ramp to silence and back is a flat sum of linear pieces (no nesting limit for long timelines)', () => {
    const expr = envelopeExpression([
      { timeSec: 0, gainDb: 0 },
      { timeSec: 1, gainDb: SILENCE_DB },
      { timeSec: 2, gainDb: SILENCE_DB },
      { timeSec: 2.5, gainDb: 0 },
    ])
    expect(expr).toBe('gte(t,0)*lt(t,1)*(1*(1-t)+0*(t-0))/1+gte(t,2)*lt(t,2.5)*(0*(2.5-t)+1*(t-2))/0.5+gte(t,2.5)*1')
    expect(expr).not.toMatch(/if\(/)
  })
})
