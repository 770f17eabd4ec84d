import { describe, expect, it } from 'vitest'
import {
  isMeasurable,
  loudnormApplyFilter,
  parseEbur128Summary,
  parseLoudnormReport,
} from '../../../electron/media/ffmpeg/args/exportLoudness'

// Captured from ffmpeg 5.1 (stderr tails).
const LOUDNORM_STDERR = `size=N/A time=00:00:05.00 bitrate=N/A speed=82.7x
video:0kB audio:1875kB subtitle:0kB other streams:0kB global headers:0kB muxing overhead: unknown
[Parsed_loudnorm_0 @ 0x56308d9e6ec0] 
{
	"input_i" : "-21.75",
	"input_tp" : "-18.06",
	"input_lra" : "0.00",
	"input_thresh" : "-31.75",
	"output_i" : "-14.03",
	"output_tp" : "-10.27",
	"output_lra" : "0.00",
	"output_thresh" : "-24.03",
	"normalization_type" : "dynamic",
	"target_offset" : "0.03"
}
`
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

describe('loudnorm two-pass', () => {
  it('reads the measured values from the JSON report', () => {
    const r = parseLoudnormReport(LOUDNORM_STDERR)
    expect(r).toEqual({ inputI: -21.75, inputTp: -18.06, inputLra: 0, inputThresh: -31.75, outputI: -14.03, outputTp: -10.27, targetOffset: 0.03, normalizationType: 'dynamic' })
    expect(loudnormApplyFilter({ integratedLufs: -16, truePeakDbtp: -1, lra: 11 }, r)).toBe(
      'loudnorm=I=-16:TP=-1:LRA=11:measured_I=-21.75:measured_TP=-18.06:measured_LRA=0:measured_thresh=-31.75:offset=0.03:linear=true:print_format=json',
    )
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
