// Two-pass loudnorm: pass 1 measures (print_format=json), pass 2 applies the measured values with linear=true;
// and the EBU R128 meter that checks the written file. Filter text only: their reports are read by
// ../loudnessReport.
import type { LoudnormReport } from '../loudnessReport'
import { ffNum } from './exportFormat'

export interface LoudnessTarget {
  integratedLufs: number
  truePeakDbtp: number
  lra: number
}

function targetOptions(t: LoudnessTarget): string {
  return `I=${ffNum(t.integratedLufs)}:TP=${ffNum(t.truePeakDbtp)}:LRA=${ffNum(t.lra)}`
}

/** Pass 1 (and the check of a written file): measure only; the JSON report lands on stderr. */
export function loudnormMeasureFilter(target: LoudnessTarget): string {
  return `loudnorm=${targetOptions(target)}:print_format=json`
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

/** Measures a finished file with the EBU R128 meter (true peak on); the summary lands on stderr. */
export const EBUR128_MEASURE_FILTER = 'ebur128=peak=true:framelog=verbose'
