import { describe, expect, it } from 'vitest'
import { planChunks } from '../../../shared/domain/chunks'
import { estimateCost, formatCost } from '../../../electron/jobs/cost'

const caps = (price: number | undefined, integerDuration = false) => ({
  ...(price === undefined ? {} : { priceUsdPerSec: price }),
  params: { negativePrompt: true, seed: null, steps: null, cfg: null, maskAwayClip: false, integerDuration },
  durationSec: { min: 1, max: 30 },
})

describe('cost estimate', () => {
  it('is takes × chunks × window × price (one 8 s take at fal’s $0.001/s is $0.008)', () => {
    expect(estimateCost(planChunks(8), 1, caps(0.001))).toEqual({ calls: 1, chunks: 1, billedSec: 8, usd: 0.008 })
    // 20 s at W=8, C=1 → three 8 s windows; 3 takes → 9 calls, 72 s.
    expect(estimateCost(planChunks(20), 3, caps(0.001))).toEqual({ calls: 9, chunks: 3, billedSec: 72, usd: 0.072 })
  })

  it('bills a short segment for its own length, rounded up where the provider takes whole seconds', () => {
    expect(estimateCost(planChunks(3.2), 2, caps(0.002)).billedSec).toBe(6.4)
    expect(estimateCost(planChunks(3.2), 2, caps(0.002, true))).toEqual({
      calls: 2,
      chunks: 1,
      billedSec: 8,
      usd: 0.016,
    })
  })

  it('a segment shorter than the provider’s shortest request is billed for that request, as it is sent', () => {
    expect(estimateCost(planChunks(0.3), 1, caps(0.001))).toEqual({ calls: 1, chunks: 1, billedSec: 1, usd: 0.001 })
  })

  it('billed seconds are said to the millisecond, without float noise', () => {
    expect(estimateCost(planChunks(0.1 + 0.2 + 1), 3, caps(0.001)).billedSec).toBe(3.9)
  })

  it('says null, not zero, where a provider publishes no price', () => {
    const e = estimateCost(planChunks(10), 2, caps(undefined))
    expect(e.usd).toBeNull()
    expect(formatCost(e)).toMatch(/price not published/)
    expect(formatCost(estimateCost(planChunks(8), 1, caps(0.001)))).toBe('$0.008 for 8.0 s of audio')
  })
})
