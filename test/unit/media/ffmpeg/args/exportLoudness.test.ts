import { describe, expect, it } from 'vitest'
import { loudnormApplyFilter } from '../../../../../electron/media/ffmpeg/args/exportLoudness'
import { parseLoudnormReport } from '../../../../../electron/media/ffmpeg/loudnessReport'
import { LOUDNORM_STDERR } from '../../../../fixtures/ffmpegReports'

describe('loudnorm two-pass', () => {
  it('feeds the measured values back with linear=true', () => {
    const r = parseLoudnormReport(LOUDNORM_STDERR)
    expect(loudnormApplyFilter({ integratedLufs: -16, truePeakDbtp: -1, lra: 11 }, r)).toBe(
      'loudnorm=I=-16:TP=-1:LRA=11:measured_I=-21.75:measured_TP=-18.06:measured_LRA=0:measured_thresh=-31.75:offset=0.03:linear=true:print_format=json',
    )
  })
})
