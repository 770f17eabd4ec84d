/** Ruler tick spacing: the smallest "nice" step that keeps labels at least `minLabelPx` apart. */
const STEPS_SEC = [0.1, 0.2, 0.5, 1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 1800, 3600]

export function rulerStepSec(pxPerSec: number, minLabelPx = 80): number {
  return STEPS_SEC.find((s) => s * pxPerSec >= minLabelPx) ?? STEPS_SEC[STEPS_SEC.length - 1]!
}

export function rulerTicks(durationSec: number, pxPerSec: number): number[] {
  const step = rulerStepSec(pxPerSec)
  const ticks: number[] = []
  for (let i = 0; i * step <= durationSec + 1e-9; i++) ticks.push(Math.round(i * step * 1000) / 1000)
  return ticks
}
