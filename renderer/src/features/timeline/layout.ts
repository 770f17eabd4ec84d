// Timeline geometry: row sizes and which part of the timeline is worth drawing (virtualisation).

export const HEADER_PX = 112
export const RULER_PX = 26
export const VIDEO_TRACK_PX = 58
export const WAVE_TRACK_PX = 44
export const SOUND_LANE_PX = 38
/** Drawn beyond each side of the viewport so a scroll does not reveal blanks before the next render. */
export const OVERSCAN_PX = 400
/** The visible window is rounded out to multiples of this, so scrolling re-renders only now and then. */
export const WINDOW_QUANTUM_PX = 512

export interface TimeWindow {
  fromSec: number
  toSec: number
}

/**
 * The time range to render for a scroll position: the viewport's body part (right of the sticky track headers)
 * plus overscan, rounded out to WINDOW_QUANTUM_PX. An unknown viewport width (0, as in tests) draws a wide window.
 */
export function visibleWindow(scrollLeftPx: number, viewportWidthPx: number, pxPerSec: number): TimeWindow {
  const bodyPx = viewportWidthPx > 0 ? Math.max(0, viewportWidthPx - HEADER_PX) : 4096
  const fromPx = Math.floor(Math.max(0, scrollLeftPx - OVERSCAN_PX) / WINDOW_QUANTUM_PX) * WINDOW_QUANTUM_PX
  const toPx = Math.ceil((scrollLeftPx + bodyPx + OVERSCAN_PX) / WINDOW_QUANTUM_PX) * WINDOW_QUANTUM_PX
  return { fromSec: fromPx / pxPerSec, toSec: toPx / pxPerSec }
}

/** Narrower than this, a block shows no thumbnails or waveform: a few pixels of picture say nothing. */
export const DETAIL_MIN_PX = 24
/**
 * Wider than this, a block's label sticks to the left edge when the block is scrolled partly out of view. Only wide
 * blocks get it: every sticky element costs the compositor, and a narrow block's label could not move anyway.
 */
export const STICKY_LABEL_MIN_PX = 160

export const intersects = (startSec: number, endSec: number, w: TimeWindow): boolean =>
  startSec < w.toSec && endSec > w.fromSec

export const sameWindow = (a: TimeWindow, b: TimeWindow): boolean => a.fromSec === b.fromSec && a.toSec === b.toSec
