import { describe, expect, it } from 'vitest'
import { envelopeExpression, envelopeFilters } from '../../../../../electron/media/ffmpeg/args/exportAudioGraph'
import { SILENCE_DB } from '../../../../../shared/domain/mix'

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
