import { describe, expect, it } from 'vitest'
import { rulerStepSec, rulerTicks } from '../../../../renderer/src/features/timeline/rulerTicks'
import { formatTimecode, pxToSec, secToPx } from '../../../../renderer/src/lib/timecode'

describe('time on screen', () => {
  it('formats timecode with hours only when needed', () => {
    expect(formatTimecode(0)).toBe('0:00.0')
    expect(formatTimecode(62.5)).toBe('1:02.5')
    expect(formatTimecode(3723.25, 2)).toBe('1:02:03.25')
    expect(formatTimecode(5, 0)).toBe('0:05')
  })

  it('px and seconds round-trip at any zoom', () => {
    for (const z of [2, 40, 333]) expect(pxToSec(secToPx(12.34, z), z)).toBeCloseTo(12.34, 9)
  })

  it('ruler labels stay at least 80 px apart and cover the whole length', () => {
    for (const z of [2, 10, 40, 150, 400]) expect(rulerStepSec(z) * z).toBeGreaterThanOrEqual(80)
    const ticks = rulerTicks(10, 40)
    expect(ticks[0]).toBe(0)
    expect(ticks.at(-1)).toBe(10)
  })
})
