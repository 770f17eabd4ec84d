// What ffmpeg's loudness filters report on stderr, read into numbers: loudnorm's JSON block (export pass 1)
// and ebur128's summary (the check of the written file). PURE parsers.
import { AppError } from '../../../shared/domain/errors'

/** loudnorm's JSON report (the `input_*` side is what it measured, `output_*` what it wrote). */
export interface LoudnormReport {
  inputI: number
  inputTp: number
  inputLra: number
  inputThresh: number
  outputI: number
  outputTp: number
  targetOffset: number
  normalizationType: string
}

/** Whether pass 1 heard anything loudnorm can work with (a silent mix measures -inf). */
export function isMeasurable(m: LoudnormReport): boolean {
  return [m.inputI, m.inputTp, m.inputLra, m.inputThresh, m.targetOffset].every(Number.isFinite)
}

function num(v: unknown): number {
  if (typeof v === 'number') return v
  if (typeof v !== 'string') return NaN
  const s = v.trim().toLowerCase()
  if (s === 'inf' || s === '+inf') return Infinity
  if (s === '-inf') return -Infinity
  return s === '' ? NaN : Number(s)
}

/** The last loudnorm JSON block in ffmpeg's stderr. "-inf" becomes -Infinity. */
export function parseLoudnormReport(stderr: string): LoudnormReport {
  const start = stderr.lastIndexOf('"input_i"')
  const open = start < 0 ? -1 : stderr.lastIndexOf('{', start)
  const close = open < 0 ? -1 : stderr.indexOf('}', start)
  if (open < 0 || close < 0) throw new AppError('FFMPEG', 'ffmpeg did not report the loudness it measured.')
  let raw: Record<string, unknown>
  try {
    raw = JSON.parse(stderr.slice(open, close + 1)) as Record<string, unknown>
  } catch (cause) {
    throw new AppError('FFMPEG', 'ffmpeg reported loudness in a form we cannot read.', { cause })
  }
  return {
    inputI: num(raw.input_i),
    inputTp: num(raw.input_tp),
    inputLra: num(raw.input_lra),
    inputThresh: num(raw.input_thresh),
    outputI: num(raw.output_i),
    outputTp: num(raw.output_tp),
    targetOffset: num(raw.target_offset),
    normalizationType: String(raw.normalization_type ?? ''),
  }
}

export interface LoudnessMeasurement {
  integratedLufs: number
  truePeakDbtp: number
  lra: number
}

/** ebur128's floor: what it reports for silence (nothing passes its absolute gate). */
const EBUR128_FLOOR_LUFS = -70

/** The last ebur128 summary in ffmpeg's stderr; silence (-inf, or the −70 LUFS floor) becomes -Infinity. */
export function parseEbur128Summary(stderr: string): LoudnessMeasurement {
  const at = stderr.lastIndexOf('Summary:')
  const summary = at < 0 ? '' : stderr.slice(at)
  const read = (re: RegExp): number => {
    const m = re.exec(summary)?.[1]
    return m === undefined ? NaN : num(m)
  }
  const integrated = read(/I:\s+(\S+) LUFS/)
  const measured = {
    integratedLufs: integrated <= EBUR128_FLOOR_LUFS ? -Infinity : integrated,
    truePeakDbtp: read(/Peak:\s+(\S+) dBFS/),
    lra: read(/LRA:\s+(\S+) LU/),
  }
  if (Number.isNaN(measured.integratedLufs)) throw new AppError('FFMPEG', 'ffmpeg did not report the loudness it measured.')
  return measured
}
