import { describe, expect, it } from 'vitest'
import { bestBatchSec } from '../../../bench/batchBound'

describe('the best time for a batch whose requests are ready at different times', () => {
  it('all ready at once: whole rounds of the provider', () => {
    expect(bestBatchSec(Array(36).fill(0), 10, 2)).toBe(8)
    expect(bestBatchSec(Array(10).fill(0), 10, 2)).toBe(2)
  })

  it('the last request cannot end before it is ready plus one provider round', () => {
    expect(bestBatchSec([0, 0, 5], 10, 2)).toBe(7)
  })

  it('requests arriving faster than the slots free up queue behind them', () => {
    // 6 ready at 1 and 6 at 2 on 10 slots: 2 wait for the first six to end at 3, and end at 5.
    expect(bestBatchSec([...Array(6).fill(1), ...Array(6).fill(2)], 10, 2)).toBe(5)
  })

  it('twelve cuts landing in pairs, three requests each, on 10 slots of 2 s: later than cuts + one round', () => {
    const cutsLand = [1, 2, 3, 4, 5, 6].flatMap((k) => [k * 1.26, k * 1.26])
    const ready = cutsLand.flatMap((t) => [t, t, t])
    const best = bestBatchSec(ready, 10, 2)
    expect(best).toBeGreaterThan(6 * 1.26 + 2)
    expect(best).toBeCloseTo(10.3, 1)
  })
})
