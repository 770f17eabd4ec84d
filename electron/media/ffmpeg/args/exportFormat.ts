// Numbers that are not times, as ffmpeg filter text. Times go through ../time (ffSec).

/** A plain decimal with at most `digits` decimals and no trailing zeros ("-14", "0.707107", "-1.5"). */
export function ffNum(value: number, digits = 6): string {
  if (!Number.isFinite(value)) throw new RangeError(`not a finite number: ${value}`)
  const fixed = value.toFixed(digits)
  const trimmed = fixed.includes('.') ? fixed.replace(/0+$/, '').replace(/\.$/, '') : fixed
  return trimmed === '-0' ? '0' : trimmed
}

/** A frame rate as ffmpeg text: NTSC rates as exact fractions ("30000/1001"), others as decimals. */
export function ffFps(fps: number): string {
  const ntsc = (fps * 1001) / 1000
  if (Math.abs(ntsc - Math.round(ntsc)) < 1e-3 && Math.abs(fps - Math.round(fps)) > 1e-3) {
    return `${Math.round(ntsc) * 1000}/1001`
  }
  return ffNum(fps, 3)
}
