import { describe, expect, it } from 'vitest'
import { createShotReportParser, findFlashes } from '../../../../electron/media/ffmpeg/shotReport'

/** Frames of the known-cuts clip as ffmpeg 5.1 printed them (metadata=print), around a cut, the black and the flash. */
const RECORDED = `frame:74   pts:37888   pts_time:2.96
lavfi.scd.mafd=0.008
lavfi.scd.score=0.008
lavfi.signalstats.YMIN=19
lavfi.signalstats.YAVG=125.431
frame:75   pts:38400   pts_time:3
lavfi.scd.mafd=28.110
lavfi.scd.score=28.110
lavfi.signalstats.YAVG=96.1807
frame:76   pts:38912   pts_time:3.04
lavfi.scd.score=0.878
lavfi.signalstats.YAVG=96.2017
frame:225  pts:115200  pts_time:9
lavfi.scd.score=3.183
lavfi.black_start=9
lavfi.signalstats.YAVG=16
frame:237  pts:121344  pts_time:9.48
lavfi.scd.score=0.022
lavfi.black_end=9.48
lavfi.signalstats.YAVG=32.9456
frame:274  pts:140288  pts_time:10.96
lavfi.scd.score=0.098
lavfi.signalstats.YAVG=125.242
frame:275  pts:140800  pts_time:11
lavfi.scd.score=35.393
lavfi.signalstats.YAVG=217.929
frame:276  pts:141312  pts_time:11.04
lavfi.scd.score=0.120
lavfi.signalstats.YAVG=217.929
frame:277  pts:141824  pts_time:11.08
lavfi.scd.score=36.099
lavfi.signalstats.YAVG=125.21
frame:278  pts:142336  pts_time:11.12
lavfi.scd.score=0.838
lavfi.signalstats.YAVG=125.251`

function parse(text: string, durationSec = 16) {
  const parser = createShotReportParser()
  const times = text.split('\n').map((l) => parser.line(l))
  return { analysis: parser.finish(durationSec), times: times.filter((t) => t !== null) }
}

describe('reading the shot scan', () => {
  it('keeps sudden changes (scdet ≥ 3) with their time, the black stretches, and sets a flash aside', () => {
    const { analysis, times } = parse(RECORDED)
    expect(times).toEqual([2.96, 3, 3.04, 9, 9.48, 10.96, 11, 11.04, 11.08, 11.12])
    expect(analysis).toEqual({
      durationSec: 16,
      // 11.0 (the white frames come) and 11.08 (they go) are the flash, not changes of shot
      changes: [
        { timeSec: 3, score: 28.11 },
        { timeSec: 9, score: 3.183 },
      ],
      blacks: [{ startSec: 9, endSec: 9.48 }],
      flashes: [{ startSec: 11, endSec: 11.08 }],
    })
  })

  it('a bright change that stays is a cut, not a flash', () => {
    const lines = [
      ...['frame:0 pts:0 pts_time:0', 'lavfi.scd.score=0', 'lavfi.signalstats.YAVG=60'],
      ...['frame:1 pts:1 pts_time:0.04', 'lavfi.scd.score=40', 'lavfi.signalstats.YAVG=200'],
      ...['frame:2 pts:2 pts_time:0.08', 'lavfi.scd.score=0.5', 'lavfi.signalstats.YAVG=199'],
    ]
    const { analysis } = parse(lines.join('\n'), 1)
    expect(analysis.changes).toEqual([{ timeSec: 0.04, score: 40 }])
    expect(analysis.flashes).toEqual([])
  })

  it('black still open when the file ends closes at its end', () => {
    const { analysis } = parse(['frame:0 pts:0 pts_time:4.5', 'lavfi.black_start=4.5'].join('\n'), 5)
    expect(analysis.blacks).toEqual([{ startSec: 4.5, endSec: 5 }])
  })

  it('lines it does not know, and lines before any frame, are ignored', () => {
    const { analysis } = parse(['lavfi.scd.score=99', 'garbage', 'frame:0 pts:0 pts_time:x', ''].join('\n'), 2)
    expect(analysis).toEqual({ durationSec: 2, changes: [], blacks: [], flashes: [] })
  })
})

describe('flashes: the picture brightens and comes back within half a second', () => {
  const at25 = (n: number) => Array.from({ length: n }, (_, i) => i / 25)
  it('a flash that fades over three frames is one flash, from its first bright frame to the frame it is back', () => {
    expect(findFlashes(at25(8), [100, 101, 230, 180, 140, 102, 100, 101])).toEqual([{ startSec: 0.08, endSec: 0.2 }])
  })
  it('brightening that lasts longer than half a second is not a flash', () => {
    const lumas = [100, 100, ...Array<number>(14).fill(220), 100, 100]
    expect(findFlashes(at25(lumas.length), lumas)).toEqual([])
  })
  it('a small rise is not a flash', () => {
    expect(findFlashes(at25(4), [100, 115, 100, 100])).toEqual([])
  })
})
