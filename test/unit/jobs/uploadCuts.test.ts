import { describe, expect, it } from 'vitest'
import { type CutSpec, cutKey, MAX_SHARED_CUTS, sharedDecode } from '../../../electron/jobs/uploadCuts'

const spec = (inSec: number, outSec: number, over: Partial<Pick<CutSpec, 'sourcePath' | 'crop'>> = {}): CutSpec => ({
  sourcePath: '/clip.mp4',
  inSec,
  outSec,
  ...over,
})

describe('cutKey (pure)', () => {
  it('is the same for the same source version and range, and differs for anything that changes the picture', () => {
    const base = cutKey(spec(2, 10), 'h1')
    expect(cutKey(spec(2, 10), 'h1')).toBe(base)
    expect(cutKey(spec(2 + 1e-9, 10), 'h1')).toBe(base) // float noise below a microsecond
    const others = [
      cutKey(spec(2, 10), 'h2'),
      cutKey(spec(2.04, 10), 'h1'),
      cutKey(spec(2, 10.5), 'h1'),
      cutKey(spec(2, 10, { crop: { x: 0.1, y: 0, w: 0.5, h: 1 } }), 'h1'),
    ]
    expect(new Set([base, ...others]).size).toBe(5)
  })
})

describe('sharedDecode (pure)', () => {
  it('gathers the cuts of the head’s source and focus box that overlap what it gathered (c through b)', () => {
    const a = spec(0, 8)
    const b = spec(6, 14)
    const c = spec(12, 20)
    const other = spec(1, 9, { sourcePath: '/other.mp4' })
    const cropped = spec(2, 9, { crop: { x: 0, y: 0, w: 0.5, h: 0.5 } })
    const apart = spec(30, 38)
    expect(sharedDecode([a, other, c, cropped, apart, b])).toEqual([a, b, c])
  })

  it('touching is not overlapping: separate cuts keep results flowing; the group stays bounded', () => {
    expect(sharedDecode([spec(0, 4), spec(4, 8)])).toEqual([spec(0, 4)])
    const many = Array.from({ length: 8 }, (_, i) => spec(i * 2, i * 2 + 8))
    expect(sharedDecode(many)).toHaveLength(MAX_SHARED_CUTS)
    expect(sharedDecode([spec(0, 30), spec(20, 50)])).toEqual([spec(0, 30)]) // a 50 s decode is too long
    expect(sharedDecode([])).toEqual([])
  })
})
