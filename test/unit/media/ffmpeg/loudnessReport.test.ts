import { describe, expect, it } from 'vitest'
import { isMeasurable, parseEbur128Summary, parseLoudnormReport } from '../../../../electron/media/ffmpeg/loudnessReport'
import { LOUDNORM_STDERR } from '../../../fixtures/ffmpegReports'

const SILENT_STDERR = LOUDNORM_STDERR.replace('"-21.75"', '"-inf"').replace('"-18.06"', '"-inf"').replace('"0.03"', '"inf"')

const EBUR128_STDERR = `[Parsed_ebur128_0 @ 0x55fb29a5b780] Summary:

  Integrated loudness:
    I:         -15.0 LUFS
    Threshold: -25.0 LUFS

  Loudness range:
    LRA:         0.1 LU
    Threshold: -35.0 LUFS
    LRA low:   -15.0 LUFS
    LRA high:  -14.9 LUFS

  True peak:
    Peak:       -4.5 dBFS
`

describe('loudnorm report', () => {
  it('reads the measured values from the JSON report', () => {
    const r = parseLoudnormReport(LOUDNORM_STDERR)
    expect(r).toEqual({ inputI: -21.75, inputTp: -18.06, inputLra: 0, inputThresh: -31.75, outputI: -14.03, outputTp: -10.27, targetOffset: 0.03, normalizationType: 'dynamic' })
  })

  it('knows a silent measurement cannot be applied', () => {
    expect(isMeasurable(parseLoudnormReport(LOUDNORM_STDERR))).toBe(true)
    const silent = parseLoudnormReport(SILENT_STDERR)
    expect(silent.inputI).toBe(-Infinity)
    expect(silent.targetOffset).toBe(Infinity)
    expect(isMeasurable(silent)).toBe(false)
  })

  it('a run without a report is an FFMPEG error, not a crash', () => {
    expect(() => parseLoudnormReport('Conversion failed!')).toThrow(expect.objectContaining({ code: 'FFMPEG' }))
  })
})

describe('ebur128 summary', () => {
  it('reads integrated loudness, true peak and range', () => {
    expect(parseEbur128Summary(EBUR128_STDERR)).toEqual({ integratedLufs: -15, truePeakDbtp: -4.5, lra: 0.1 })
  })

  it('silence (the −70 LUFS floor, -inf peak) reads as -Infinity', () => {
    const silent = EBUR128_STDERR.replace('I:         -15.0 LUFS', 'I:         -70.0 LUFS').replace('Peak:       -4.5 dBFS', 'Peak:       -inf dBFS')
    expect(parseEbur128Summary(silent)).toMatchObject({ integratedLufs: -Infinity, truePeakDbtp: -Infinity })
  })
})
