import { describe, expect, it } from 'vitest'
import { createProgressParser, etaSec, progressFraction } from '../../../../electron/media/ffmpeg/progress'

// Captured from ffmpeg 5.1: `-progress pipe:1 -nostats`, a 2 s testsrc2 + sine encode.
const CAPTURED = `frame=1
fps=0.00
stream_0_0_q=0.0
bitrate=N/A
total_size=48
out_time_us=0
out_time_ms=0
out_time=00:00:00.000000
dup_frames=0
drop_frames=0
speed=   0x
progress=continue
frame=50
fps=0.00
stream_0_0_q=-1.0
bitrate= 770.9kbits/s
total_size=194669
out_time_us=2020136
out_time_ms=2020136
out_time=00:00:02.020136
dup_frames=0
drop_frames=0
speed=19.6x
progress=end`

// ffmpeg 6+ prints N/A while the muxer has no timestamp yet, and speeds like 1.81e+03x.
const CAPTURED_NA = `out_time_us=N/A
out_time_ms=N/A
out_time=N/A
speed=N/A
progress=continue
out_time_us=1000000
speed=1.81e+03x
progress=continue`

function parseAll(text: string) {
  const parse = createProgressParser()
  return text.split('\n').map(parse).filter((p) => p !== null)
}

describe('ffmpeg -progress parser', () => {
  it('emits one snapshot per block with the output time, speed and the end marker', () => {
    expect(parseAll(CAPTURED)).toEqual([
      { outTimeSec: 0, speed: null, done: false },
      { outTimeSec: 2.020136, speed: 19.6, done: true },
    ])
  })

  it('keeps the last good time through N/A values and reads exponent speeds', () => {
    expect(parseAll(CAPTURED_NA)).toEqual([
      { outTimeSec: 0, speed: null, done: false },
      { outTimeSec: 1, speed: 1810, done: false },
    ])
  })

  it('turns a snapshot into a 0..1 fraction and an ETA from the speed', () => {
    expect(progressFraction({ outTimeSec: 3, speed: 2, done: false }, 12)).toBe(0.25)
    expect(progressFraction({ outTimeSec: 30, speed: 2, done: false }, 12)).toBe(1)
    expect(progressFraction({ outTimeSec: 3, speed: 2, done: false }, undefined)).toBeNull()
    expect(progressFraction({ outTimeSec: 0, speed: null, done: true }, 12)).toBe(1)
    expect(etaSec({ outTimeSec: 3, speed: 2, done: false }, 12)).toBe(4.5)
    expect(etaSec({ outTimeSec: 3, speed: null, done: false }, 12)).toBeNull()
  })
})
