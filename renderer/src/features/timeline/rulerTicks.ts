import { FLOAT_EPS } from '../../../../shared/domain/time'
/** Ruler tick spacing: the smallest "nice" step that keeps labels at least `minLabelPx` apart. */
const STEPS_SEC = [0.04, 0.1, 0.2, 0.5, 1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 1800, 3600]

export function rulerStepSec(pxPerSec: number, minLabelPx = 80): number {
  return STEPS_SEC.find((s) => s * pxPerSec >= minLabelPx) ?? STEPS_SEC[STEPS_SEC.length - 1]!
}

/** Labelled ticks from `fromSec` to `toSec` (only the visible part of a long timeline is drawn). */
export function rulerTicks(toSec: number, pxPerSec: number, fromSec = 0, minLabelPx?: number): number[] {
  const step = rulerStepSec(pxPerSec, minLabelPx)
  const ticks: number[] = []
  for (let i = Math.max(0, Math.ceil(fromSec / step - FLOAT_EPS)); i * step <= toSec + FLOAT_EPS; i++) {
    ticks.push(Math.round(i * step * 1000) / 1000)
  }
  return ticks
}
