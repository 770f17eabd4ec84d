// The focus box: the part of the picture MMAudio is shown. MMAudio's timing model (Synchformer) scales the short
// side of every frame to 224 px and keeps only the central square, so in 16:9 footage action near the left or
// right edge is invisible to it. A segment may name a box (fractions of the displayed, rotation-applied frame,
// 0–1); the upload is cropped to it before it is scaled, and the timing model then sees the box's central
// square. PURE.
import { z } from 'zod'
import { clamp } from './time'

/** The smallest box side, as a fraction of the frame side (smaller boxes would be mostly upscaling). */
export const MIN_FOCUS_FRACTION = 0.05

/** Slack for a box whose edges were rounded to FOCUS_STEP. */
const EDGE_EPS = 1e-6

/** Box edges are kept to 1/10 000 of the frame: finer than a pixel of any picture, stable in the cache key. */
const FOCUS_STEPS = 10_000

const fraction = z.number().min(0).max(1)

export const FocusBox = z
  .object({
    x: fraction,
    y: fraction,
    w: fraction.min(MIN_FOCUS_FRACTION),
    h: fraction.min(MIN_FOCUS_FRACTION),
  })
  .refine((b) => b.x + b.w <= 1 + EDGE_EPS && b.y + b.h <= 1 + EDGE_EPS, {
    message: 'The focus box must lie inside the frame.',
  })
export type FocusBox = z.infer<typeof FocusBox>

export interface FrameSize {
  width: number
  height: number
}

const step = (v: number): number => Math.round(v * FOCUS_STEPS) / FOCUS_STEPS

/**
 * The box spanned by two corners a person dragged between (fractions, in any order, clamped to the frame),
 * edges rounded to 1/10 000; null when it is narrower or lower than MIN_FOCUS_FRACTION (a click, not a box).
 */
export function focusFromCorners(a: { x: number; y: number }, b: { x: number; y: number }): FocusBox | null {
  const x0 = step(clamp(Math.min(a.x, b.x), 0, 1))
  const y0 = step(clamp(Math.min(a.y, b.y), 0, 1))
  const x1 = step(clamp(Math.max(a.x, b.x), 0, 1))
  const y1 = step(clamp(Math.max(a.y, b.y), 0, 1))
  const w = step(x1 - x0)
  const h = step(y1 - y0)
  if (w < MIN_FOCUS_FRACTION - EDGE_EPS || h < MIN_FOCUS_FRACTION - EDGE_EPS) return null
  return { x: x0, y: y0, w, h }
}

/** The whole frame as a box. */
export const WHOLE_FRAME: FocusBox = { x: 0, y: 0, w: 1, h: 1 }

/**
 * The square the timing model looks at, as fractions of the displayed frame: the central square of the box
 * (or of the whole frame when there is none), its side the box's shorter side in pixels.
 */
export function syncSquare(box: FocusBox | null, frame: FrameSize): FocusBox {
  const b = box ?? WHOLE_FRAME
  const sidePx = Math.min(b.w * frame.width, b.h * frame.height)
  const w = sidePx / frame.width
  const h = sidePx / frame.height
  return { x: b.x + (b.w - w) / 2, y: b.y + (b.h - h) / 2, w, h }
}

/** "the whole frame", or the box's size as percentages of the frame: "35 % × 80 %". */
export function focusText(box: FocusBox | null): string {
  if (!box) return 'the whole frame'
  return `${Math.round(box.w * 100)} % × ${Math.round(box.h * 100)} %`
}
