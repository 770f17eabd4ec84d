import { describe, expect, it } from 'vitest'
import { createPeakAccumulator, decodePeaks, encodePeaks } from '../../../electron/media/waveform'

const s16 = (...values: number[]): Buffer => {
  const b = Buffer.alloc(values.length * 2)
  values.forEach((v, i) => b.writeInt16LE(v, i * 2))
  return b
}

describe('peak accumulator', () => {
  it('gives the max absolute value per bucket, 0..1, with a last partial bucket', () => {
    const acc = createPeakAccumulator(3)
    acc.push(s16(100, -32767, 5, 0, 16384, -100, 7))
    expect(acc.finish()).toEqual([1, 16384 / 32767, 7 / 32767])
  })

  it('handles a sample split across chunks and clamps -32768 to 1', () => {
    const bytes = s16(1000, -32768, 2000, 3000)
    const acc = createPeakAccumulator(2)
    acc.push(bytes.subarray(0, 3))
    acc.push(bytes.subarray(3, 5))
    acc.push(bytes.subarray(5))
    expect(acc.finish()).toEqual([1, 3000 / 32767])
  })

  it('silence gives zeros, no input gives no peaks', () => {
    const acc = createPeakAccumulator(4)
    acc.push(Buffer.alloc(16))
    expect(acc.finish()).toEqual([0, 0])
    expect(createPeakAccumulator(4).finish()).toEqual([])
  })
})

describe('peak cache encoding', () => {
  it('round-trips within 1/65535', () => {
    const peaks = [0, 0.5, 1, 0.123456]
    decodePeaks(encodePeaks(peaks)).forEach((p, i) => expect(p).toBeCloseTo(peaks[i] ?? -1, 4))
  })
})
