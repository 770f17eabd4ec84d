import { describe, expect, it } from 'vitest'
import { mp4Picture } from '../../../electron/media/mp4Header'

/** An ISO box: 32-bit size, type, content. */
const box = (type: string, ...content: Buffer[]): Buffer => {
  const body = Buffer.concat(content)
  const head = Buffer.alloc(8)
  head.writeUInt32BE(8 + body.length)
  head.write(type, 4, 'latin1')
  return Buffer.concat([head, body])
}
const u32 = (...values: number[]): Buffer => {
  const b = Buffer.alloc(4 * values.length)
  values.forEach((v, i) => {
    b.writeUInt32BE(v, 4 * i)
  })
  return b
}
/** mvhd version 0: flags, created, modified, timescale, duration, then the rest (not read). */
const mvhd = (timescale: number, duration: number) => box('mvhd', u32(0, 0, 0, timescale, duration), Buffer.alloc(80))
const hdlr = (kind: string) => box('hdlr', u32(0, 0), Buffer.from(kind, 'latin1'), Buffer.alloc(12))
/** stsz: flags, sample size (0 = per sample), sample count, then the sizes (left out: not read). */
const trak = (kind: string, samples: number) =>
  box(
    'trak',
    box('tkhd', Buffer.alloc(84)),
    box('mdia', hdlr(kind), box('minf', box('stbl', box('stsz', u32(0, 0, samples))))),
  )

describe('mp4Picture (pure)', () => {
  it('reads the movie length and the video frames from the index at the head of the file', () => {
    const file = Buffer.concat([
      box('ftyp', Buffer.from('isom')),
      box('moov', mvhd(1000, 8000), trak('soun', 375), trak('vide', 200)),
      box('mdat', Buffer.alloc(64)),
    ])
    expect(mp4Picture(file)).toEqual({ durationSec: 8, videoFrames: 200 })
  })

  it('a movie with no video frames says so; a head without its index, or not an MP4, is null', () => {
    expect(mp4Picture(Buffer.concat([box('ftyp'), box('moov', mvhd(1000, 0), trak('vide', 0))]))).toEqual({
      durationSec: 0,
      videoFrames: 0,
    })
    expect(mp4Picture(Buffer.concat([box('ftyp'), box('mdat', Buffer.alloc(16))]))).toBeNull()
    const cut = box('moov', mvhd(1000, 8000), trak('vide', 200))
    expect(mp4Picture(cut.subarray(0, cut.length - 10))).toBeNull()
    expect(mp4Picture(Buffer.from('<html>502 Bad Gateway</html>'))).toBeNull()
  })
})
