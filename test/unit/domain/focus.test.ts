// The focus box's geometry: a drag becomes a box inside the frame (or nothing, for a click), the square the
// timing model looks at is the box's central square in pixels of the displayed frame, and a box that leaves
// the frame is refused.
import { describe, expect, it } from 'vitest'
import { FocusBox, focusFromCorners, focusText, syncSquare } from '../../../shared/domain/focus'

const HD = { width: 1920, height: 1080 }

describe('the square the timing model sees', () => {
  it('with no box: the middle 56.25 % of a 16:9 frame, all of its height', () => {
    const s = syncSquare(null, HD)
    expect(s.x).toBeCloseTo(0.21875, 9)
    expect(s.w).toBeCloseTo(0.5625, 9)
    expect([s.y, s.h]).toEqual([0, 1])
    // a portrait phone frame: the middle of its height
    const p = syncSquare(null, { width: 1080, height: 1920 })
    expect([p.x, p.w]).toEqual([0, 1])
    expect(p.y).toBeCloseTo(0.21875, 9)
  })

  it('with a box: the central square of the box, its side the box’s shorter side in pixels', () => {
    // left quarter of a 1920×1080 frame: 480×1080 px → a 480 px square, centred vertically in the box
    const s = syncSquare({ x: 0, y: 0, w: 0.25, h: 1 }, HD)
    expect(s.x).toBe(0)
    expect(s.w).toBeCloseTo(0.25, 9)
    expect(s.h * HD.height).toBeCloseTo(480, 6)
    expect(s.y * HD.height).toBeCloseTo((1080 - 480) / 2, 6)
    // a wide box: 960×270 px → a 270 px square in its middle
    const w = syncSquare({ x: 0.5, y: 0.5, w: 0.5, h: 0.25 }, HD)
    expect(w.w * HD.width).toBeCloseTo(270, 6)
    expect(w.x * HD.width).toBeCloseTo(960 + (960 - 270) / 2, 6)
    expect([w.y, w.h]).toEqual([0.5, 0.25])
  })
})

describe('a drawn box', () => {
  it('is the rectangle between the two corners, in either order, clamped to the frame, edges to 1/10 000', () => {
    expect(focusFromCorners({ x: 0.6, y: 0.9 }, { x: 0.1, y: 0.2 })).toEqual({ x: 0.1, y: 0.2, w: 0.5, h: 0.7 })
    expect(focusFromCorners({ x: -0.3, y: 0.5 }, { x: 0.333333, y: 1.4 })).toEqual({ x: 0, y: 0.5, w: 0.3333, h: 0.5 })
  })

  it('narrower or lower than 5 % of the frame is a click, not a box', () => {
    expect(focusFromCorners({ x: 0.5, y: 0.5 }, { x: 0.5, y: 0.5 })).toBeNull()
    expect(focusFromCorners({ x: 0.1, y: 0.1 }, { x: 0.13, y: 0.9 })).toBeNull()
    expect(focusFromCorners({ x: 0.1, y: 0.1 }, { x: 0.15, y: 0.15 })).toEqual({ x: 0.1, y: 0.1, w: 0.05, h: 0.05 })
  })

  it('must lie inside the frame and be at least 5 % on each side', () => {
    expect(FocusBox.safeParse({ x: 0.7, y: 0, w: 0.3, h: 1 }).success).toBe(true)
    expect(FocusBox.safeParse({ x: 0.8, y: 0, w: 0.3, h: 1 }).success).toBe(false)
    expect(FocusBox.safeParse({ x: 0, y: 0.5, w: 1, h: 0.6 }).success).toBe(false)
    expect(FocusBox.safeParse({ x: 0, y: 0, w: 0.04, h: 1 }).success).toBe(false)
    expect(FocusBox.safeParse({ x: -0.1, y: 0, w: 0.5, h: 1 }).success).toBe(false)
  })

  it('is described by its size', () => {
    expect(focusText(null)).toBe('the whole frame')
    expect(focusText({ x: 0, y: 0, w: 0.3333, h: 1 })).toBe('33 % × 100 %')
  })
})
