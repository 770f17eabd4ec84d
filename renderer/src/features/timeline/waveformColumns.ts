// Waveform drawing maths: one height per pixel column from the peaks main computed (max |sample| per bucket).

/**
 * The peak of each of `columns` pixel columns, the first starting at `fromSec` of the peaks and each covering
 * `secPerColumn`. A column takes the max of every bucket it touches, so short transients never vanish when
 * zoomed out. Before the start or past the end of the peaks a column is 0.
 */
export function peakColumns(
  peaks: ArrayLike<number>,
  peaksPerSec: number,
  fromSec: number,
  secPerColumn: number,
  columns: number,
): Float32Array {
  const out = new Float32Array(Math.max(0, Math.floor(columns)))
  for (let x = 0; x < out.length; x++) {
    const t0 = fromSec + x * secPerColumn
    if (t0 + secPerColumn <= 0) continue
    const first = Math.max(0, Math.floor(t0 * peaksPerSec))
    const last = Math.min(peaks.length - 1, Math.max(first, Math.ceil((t0 + secPerColumn) * peaksPerSec) - 1))
    let max = 0
    for (let i = first; i <= last; i++) {
      const v = peaks[i]!
      if (v > max) max = v
    }
    out[x] = max
  }
  return out
}

/** Shown range of the waveform: peaks below this many dB are drawn as silence. */
export const WAVE_FLOOR_DB = -48

/**
 * Height (0..1) drawn for a peak (0..1): a dB scale, as in most editors, so quiet sound stays readable:
 * 0 dBFS → 1, −24 dB → 0.5, the floor and below → 0.
 */
export function displayHeight(peak: number): number {
  if (!(peak > 0)) return 0
  const db = 20 * Math.log10(Math.min(1, peak))
  return Math.max(0, 1 - db / WAVE_FLOOR_DB)
}
