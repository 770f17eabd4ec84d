import { describe, expect, it } from 'vitest'
import { snapBlock, snapPoint, snapThresholdSec } from '../../../../renderer/src/lib/snapping'
import { pxToSec, secToPx } from '../../../../renderer/src/lib/timecode'
import { clampZoom, scrollLeftForZoom, zoomedBy, zoomToFit } from '../../../../renderer/src/lib/zoom'

describe('snapping', () => {
  it('the threshold is a fixed number of screen pixels, so fewer seconds when zoomed in', () => {
    expect(snapThresholdSec(40)).toBeCloseTo(0.2, 9)
    expect(snapThresholdSec(400)).toBeCloseTo(0.02, 9)
  })

  it('snaps a point to the nearest target within the threshold, else leaves it', () => {
    expect(snapPoint(5.1, [0, 5, 6], 0.2)).toEqual({ sec: 5, snappedToSec: 5 })
    expect(snapPoint(5.55, [5, 6], 0.5)).toEqual({ sec: 6, snappedToSec: 6 })
    expect(snapPoint(5.3, [5, 6], 0.2)).toEqual({ sec: 5.3, snappedToSec: null })
    expect(snapPoint(5.5, [6, 5], 0.5).sec).toBe(5) // a tie goes to the earlier target
  })

  it('snaps a moving block by whichever edge is nearer a target', () => {
    // block of 4 s proposed at 2.08: its start is 0.08 from 2, its end (6.08) 0.12 from 6.2 → the start wins
    expect(snapBlock(2.08, 4, [2, 6.2], 0.2)).toMatchObject({ startSec: 2, snappedToSec: 2 })
    // end 6.05 is nearer 6 than start 2.05 is to anything
    expect(snapBlock(2.05, 4, [6], 0.2)).toMatchObject({ startSec: 2, snappedToSec: 6 })
    expect(snapBlock(3, 4, [0, 10], 0.2)).toMatchObject({ startSec: 3, snappedToSec: null })
  })
})

describe('px ↔ time and zoom', () => {
  it('px and seconds are inverse at any zoom', () => {
    for (const z of [2, 40, 333, 600]) expect(secToPx(pxToSec(1234.5, z), z)).toBeCloseTo(1234.5, 9)
  })

  it('zoom steps multiply and stay within bounds', () => {
    expect(zoomedBy(40, 1)).toBe(50)
    expect(zoomedBy(40, -1)).toBe(32)
    expect(zoomedBy(590, 3)).toBe(600)
    expect(clampZoom(0)).toBe(2)
  })

  it('zooming keeps the anchor time at the same place on screen', () => {
    // 10 s at 40 px/s is at 400 px; scrolled by 100 it is drawn at x=300. At 80 px/s it is at 800 → scroll 500.
    expect(scrollLeftForZoom(10, 40, 100, 80)).toBe(500)
    const after = scrollLeftForZoom(10, 40, 100, 80)
    expect(10 * 80 - after).toBe(10 * 40 - 100)
    expect(scrollLeftForZoom(1, 40, 0, 10)).toBe(0) // never negative
  })

  it('fit zoom shows the whole timeline in the viewport', () => {
    expect(zoomToFit(100, 1000) * 100).toBeLessThanOrEqual(1000)
    expect(zoomToFit(100, 1000) * 100).toBeGreaterThan(900)
    expect(zoomToFit(0, 1000)).toBe(40)
  })
})
