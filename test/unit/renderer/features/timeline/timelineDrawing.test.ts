import { describe, expect, it } from 'vitest'
import { chunkMarks } from '../../../../../renderer/src/features/timeline/chunkMarks'
import { HEADER_PX, intersects, visibleWindow } from '../../../../../renderer/src/features/timeline/layout'
import { rulerTicks } from '../../../../../renderer/src/features/timeline/rulerTicks'
import { displayHeight, peakColumns } from '../../../../../renderer/src/features/timeline/waveformColumns'

describe('chunk boundaries of a long segment', () => {
  it('a segment within the window has no boundaries', () => {
    expect(chunkMarks(8, 8)).toEqual({ chunkCount: 1, overlaps: [], seamsSec: [] })
    expect(chunkMarks(3, 8).overlaps).toEqual([])
  })

  it('20 s with an 8 s window: three windows [0,8] [6,14] [12,20], overlaps 6–8 and 12–14, seams at 7 and 13', () => {
    const m = chunkMarks(20, 8)
    expect(m.chunkCount).toBe(3)
    expect(m.overlaps).toEqual([
      { startSec: 6, endSec: 8 },
      { startSec: 12, endSec: 14 },
    ])
    expect(m.seamsSec).toEqual([7, 13])
  })

  it('follows the segment’s own window: 12 s at 10 s is two chunks overlapping 2–10', () => {
    const m = chunkMarks(12, 10)
    expect(m.chunkCount).toBe(2)
    expect(m.overlaps).toEqual([{ startSec: 2, endSec: 10 }])
    expect(m.seamsSec).toEqual([6])
  })
})

describe('waveform columns', () => {
  const peaks = [0, 0.1, 0.9, 0.2, 0, 0, 0.5, 0] // 4 per second → 2 s

  it('one column per bucket at matching zoom', () => {
    expect(Array.from(peakColumns(peaks, 4, 0, 0.25, 8))).toEqual(peaks.map((p) => Math.fround(p)))
  })

  it('zoomed out, a column keeps the loudest bucket it covers (a transient never vanishes)', () => {
    expect(Array.from(peakColumns(peaks, 4, 0, 1, 2))).toEqual([Math.fround(0.9), Math.fround(0.5)])
  })

  it('is silent before the start of peaks that cover only part of the file (the part on screen, first)', () => {
    expect(Array.from(peakColumns(peaks, 4, -0.5, 0.25, 4))).toEqual([0, 0, 0, 0.10000000149011612])
  })

  it('starts at the clip’s in point and is silent past the end of the file', () => {
    expect(Array.from(peakColumns(peaks, 4, 1.5, 0.25, 4))).toEqual([Math.fround(0.5), 0, 0, 0])
  })

  it('draws on a dB scale: full scale fills, −24 dB is half, silence is nothing', () => {
    expect(displayHeight(1)).toBe(1)
    expect(displayHeight(10 ** (-24 / 20))).toBeCloseTo(0.5, 9)
    expect(displayHeight(0)).toBe(0)
    expect(displayHeight(1e-6)).toBe(0)
  })
})

describe('virtualisation window', () => {
  it('covers the visible part plus overscan, rounded out to the quantum', () => {
    const w = visibleWindow(1000, 1000 + HEADER_PX, 100) // body shows 10 s..20 s
    expect(w.fromSec).toBeLessThanOrEqual(10 - 4)
    expect(w.toSec).toBeGreaterThanOrEqual(20 + 4)
    expect((w.fromSec * 100) % 512).toBe(0)
    expect(visibleWindow(1010, 1000 + HEADER_PX, 100)).toEqual(w) // small scrolls do not change it
  })

  it('an item is drawn only if it touches the window', () => {
    const w = { fromSec: 10, toSec: 20 }
    expect(intersects(5, 10, w)).toBe(false)
    expect(intersects(5, 10.01, w)).toBe(true)
    expect(intersects(20, 30, w)).toBe(false)
  })

  it('ruler ticks are made only for the window', () => {
    expect(rulerTicks(30, 40, 20)).toEqual([20, 22, 24, 26, 28, 30])
  })
})
