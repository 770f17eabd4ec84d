import { describe, expect, it } from 'vitest'
import { ffSec } from '../../../../electron/media/ffmpeg/time'

describe('seconds as ffmpeg text', () => {
  it('writes microsecond precision without trailing zeros', () => {
    expect(ffSec(3.5)).toBe('3.5')
    expect(ffSec(8)).toBe('8')
    expect(ffSec(1 / 3)).toBe('0.333333')
    expect(ffSec(-0.2)).toBe('0')
    expect(() => ffSec(Number.NaN)).toThrow(RangeError)
  })
})
