// Two-pass loudnorm: pass 1 measures (print_format=json), pass 2 applies the measured values with linear=true.
import { AppError } from '../../../../shared/domain/errors'
import { ffNum } from './exportFormat'

export interface LoudnessTarget {
  integratedLufs: number
  truePeakDbtp: number
  lra: number
}

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

function targetOptions(t: LoudnessTarget): string {
  return `I=${ffNum(t.integratedLufs)}:TP=${ffNum(t.truePeakDbtp)}:LRA=${ffNum(t.lra)}`
}

/** Pass 1 (and the check of a written file): measure only; the JSON report lands on stderr. */
export function loudnormMeasureFilter(target: LoudnessTarget): string {
  return `loudnorm=${targetOptions(target)}:print_format=json`
}

/** Whether pass 1 heard anything loudnorm can work with (a silent mix measures -inf). */
export function isMeasurable(m: LoudnormReport): boolean {
  return [m.inputI, m.inputTp, m.inputLra, m.inputThresh, m.targetOffset].every(Number.isFinite)
}

const clamp = (v: number, lo: number, hi: number): number => Math.min(hi, Math.max(lo, v))

/** Pass 2: the measured values fed back with linear=true (one gain for the whole programme when possible). */
export function loudnormApplyFilter(target: LoudnessTarget, m: LoudnormReport): string {
  return [
    `loudnorm=${targetOptions(target)}`,
    `measured_I=${ffNum(clamp(m.inputI, -99, 0), 2)}`,
    `measured_TP=${ffNum(clamp(m.inputTp, -99, 99), 2)}`,
    `measured_LRA=${ffNum(clamp(m.inputLra, 0, 99), 2)}`,
    `measured_thresh=${ffNum(clamp(m.inputThresh, -99, 0), 2)}`,
    `offset=${ffNum(clamp(m.targetOffset, -99, 99), 2)}`,
    'linear=true',
    'print_format=json',
  ].join(':')
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

/** Measures a finished file with the EBU R128 meter (true peak on); the summary lands on stderr. */
export const EBUR128_MEASURE_FILTER = 'ebur128=peak=true:framelog=verbose'

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
