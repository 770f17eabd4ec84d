import { describe, expect, it } from 'vitest'
import { cutsWithin, type ShotAnalysis, shotCuts, shotsIn } from '../../../shared/domain/shots'

const analysis = (a: Partial<ShotAnalysis>): ShotAnalysis => ({
  durationSec: 20,
  changes: [],
  blacks: [],
  flashes: [],
  ...a,
})

describe('shotCuts: which changes are cuts', () => {
  it('a change at or above the threshold is a cut; below it is not', () => {
    const a = analysis({
      changes: [
        { timeSec: 3, score: 28 },
        { timeSec: 7, score: 9.9 },
        { timeSec: 12, score: 10 },
      ],
    })
    expect(shotCuts(a)).toEqual([3, 12])
    expect(shotCuts(a, { threshold: 5 })).toEqual([3, 7, 12])
    expect(shotCuts(a, { threshold: 30 })).toEqual([])
  })

  it('a fade through black is one cut at the middle of its black, whatever the changes at its edges', () => {
    const a = analysis({
      changes: [
        { timeSec: 9, score: 15 },
        { timeSec: 9.44, score: 12 },
      ],
      blacks: [{ startSec: 9, endSec: 9.48 }],
    })
    expect(shotCuts(a)).toEqual([9.24])
  })

  it('black that opens or ends the file is a fade in or out, not a cut; long black is cut at both ends', () => {
    const a = analysis({
      blacks: [
        { startSec: 0, endSec: 1.2 },
        { startSec: 6, endSec: 10 },
        { startSec: 19, endSec: 20 },
      ],
    })
    expect(shotCuts(a)).toEqual([6, 10])
  })

  it('changes closer than the minimum shot length give one cut, the strongest', () => {
    const a = analysis({
      changes: [
        { timeSec: 5, score: 12 },
        { timeSec: 5.2, score: 40 },
        { timeSec: 5.44, score: 20 },
        { timeSec: 8, score: 30 },
      ],
    })
    expect(shotCuts(a)).toEqual([5.2, 8])
    expect(shotCuts(a, { minShotSec: 0.1 })).toEqual([5, 5.2, 5.44, 8])
  })

  it('no cut within a minimum shot of either end of the file', () => {
    const a = analysis({
      changes: [
        { timeSec: 0.2, score: 50 },
        { timeSec: 19.8, score: 50 },
      ],
    })
    expect(shotCuts(a)).toEqual([])
  })
})

describe('shotsIn: the shots of a range of the file', () => {
  it('splits the range at the cuts inside it', () => {
    expect(shotsIn([3, 6, 9.24, 13.4], 0, 16)).toEqual([
      { startSec: 0, endSec: 3 },
      { startSec: 3, endSec: 6 },
      { startSec: 6, endSec: 9.24 },
      { startSec: 9.24, endSec: 13.4 },
      { startSec: 13.4, endSec: 16 },
    ])
  })

  it('a trimmed range: cuts outside it are not used, and a sliver at an edge joins its neighbour', () => {
    expect(shotsIn([3, 6, 9.24, 13.4], 2.8, 13.6)).toEqual([
      { startSec: 2.8, endSec: 6 },
      { startSec: 6, endSec: 9.24 },
      { startSec: 9.24, endSec: 13.6 },
    ])
    expect(shotsIn([], 1, 4)).toEqual([{ startSec: 1, endSec: 4 }])
    expect(shotsIn([3], 4, 4)).toEqual([])
  })

  it('cutsWithin: a denser list from elsewhere never yields shots shorter than the margin', () => {
    expect(cutsWithin([5, 2, 2.1, 8], 0, 10, 0.5)).toEqual([2, 5, 8])
  })
})
