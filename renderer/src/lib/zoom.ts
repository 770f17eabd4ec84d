// Zoom maths: pixels per second bounds, steps, and the scroll offset that keeps an anchor time still.
import { clamp } from '../../../shared/domain/time'

export const MIN_PX_PER_SEC = 2
export const MAX_PX_PER_SEC = 600
/** One +/- press or one wheel notch multiplies or divides the zoom by this. */
export const ZOOM_STEP = 1.25

export const clampZoom = (pxPerSec: number): number => clamp(pxPerSec, MIN_PX_PER_SEC, MAX_PX_PER_SEC)

export function zoomedBy(pxPerSec: number, steps: number): number {
  return clampZoom(pxPerSec * ZOOM_STEP ** steps)
}

/**
 * The scrollLeft after a zoom that keeps `anchorSec` at the same place on screen: where it was drawn before
 * (anchorSec·prev − prevScrollLeft) is where it is drawn after. Never negative.
 */
export function scrollLeftForZoom(anchorSec: number, prevPxPerSec: number, prevScrollLeft: number, nextPxPerSec: number): number {
  const onScreenPx = anchorSec * prevPxPerSec - prevScrollLeft
  return Math.max(0, anchorSec * nextPxPerSec - onScreenPx)
}

/** The zoom at which `durationSec` fills `viewportPx` (with a little room at the end). */
export function zoomToFit(durationSec: number, viewportPx: number): number {
  if (durationSec <= 0 || viewportPx <= 0) return clampZoom(40)
  return clampZoom((viewportPx * 0.95) / durationSec)
}
