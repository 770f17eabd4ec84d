/** The one place seconds become ffmpeg text: up to microseconds, no trailing zeros ("3.5", "8", "0.333333"). */
export function ffSec(sec: number): string {
  if (!Number.isFinite(sec)) throw new RangeError(`not a finite time: ${sec}`)
  const fixed = Math.max(0, sec).toFixed(6)
  return fixed.includes('.') ? fixed.replace(/0+$/, '').replace(/\.$/, '') : fixed
}
