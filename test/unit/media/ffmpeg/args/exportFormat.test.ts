import { describe, expect, it } from 'vitest'
import { ffFps, ffNum } from '../../../../../electron/media/ffmpeg/args/exportFormat'

describe('frame rates and numbers as filter text', () => {
  it('writes NTSC rates as exact fractions and plain numbers without noise', () => {
    expect(ffFps(30000 / 1001)).toBe('30000/1001')
    expect(ffFps(24000 / 1001)).toBe('24000/1001')
    expect(ffFps(25)).toBe('25')
    expect(ffNum(-0.0000001)).toBe('0')
    expect(ffNum(Math.SQRT1_2)).toBe('0.707107')
  })
})
