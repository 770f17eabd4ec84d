/** 1:02.500 style for durations and the ruler; hours appear only when needed. */
export function formatTimecode(sec: number, fractionDigits = 1): string {
  const s = Math.max(0, sec)
  const h = Math.floor(s / 3600)
  const m = Math.floor((s % 3600) / 60)
  const rest = s - h * 3600 - m * 60
  const secText = rest.toFixed(fractionDigits).padStart(fractionDigits > 0 ? 3 + fractionDigits : 2, '0')
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${secText}` : `${m}:${secText}`
}

/** Pixels ↔ seconds at a zoom given in pixels per second. */
export const secToPx = (sec: number, pxPerSec: number): number => sec * pxPerSec
export const pxToSec = (px: number, pxPerSec: number): number => px / pxPerSec

