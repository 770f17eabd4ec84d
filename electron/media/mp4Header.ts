// What an MP4 we wrote ourselves (faststart: its index first) says about its picture, read from its first bytes
// without starting ffprobe: the movie's length and how many video frames it holds. Used to check an upload cut
// right after ffmpeg wrote it (one process fewer per cut).
import { open } from 'node:fs/promises'

export interface Mp4Picture {
  durationSec: number
  videoFrames: number
}

interface Box {
  type: string
  /** Where its content starts and ends in the buffer. */
  start: number
  end: number
}

function* boxes(buf: Buffer, from: number, to: number): Generator<Box> {
  let at = from
  while (at + 8 <= to) {
    let size = buf.readUInt32BE(at)
    const type = buf.toString('latin1', at + 4, at + 8)
    let header = 8
    if (size === 1) {
      if (at + 16 > to) return
      size = Number(buf.readBigUInt64BE(at + 8))
      header = 16
    } else if (size === 0) {
      size = to - at
    }
    if (size < header || at + size > to) return
    yield { type, start: at + header, end: at + size }
    at += size
  }
}

const child = (buf: Buffer, box: Box, type: string): Box | undefined =>
  [...boxes(buf, box.start, box.end)].find((b) => b.type === type)

/** PURE: the picture of an MP4 whose 'moov' lies whole in `head`; null when it does not (or is not an MP4). */
export function mp4Picture(head: Buffer): Mp4Picture | null {
  const moov = [...boxes(head, 0, head.length)].find((b) => b.type === 'moov')
  if (!moov) return null
  const mvhd = child(head, moov, 'mvhd')
  if (!mvhd || mvhd.end - mvhd.start < 20) return null
  const v1 = head[mvhd.start] === 1
  const timescale = head.readUInt32BE(mvhd.start + (v1 ? 20 : 12))
  const duration = v1 ? Number(head.readBigUInt64BE(mvhd.start + 24)) : head.readUInt32BE(mvhd.start + 16)
  if (!timescale) return null
  let videoFrames = 0
  for (const trak of boxes(head, moov.start, moov.end)) {
    if (trak.type !== 'trak') continue
    const mdia = child(head, trak, 'mdia')
    const hdlr = mdia && child(head, mdia, 'hdlr')
    if (!mdia || !hdlr || head.toString('latin1', hdlr.start + 8, hdlr.start + 12) !== 'vide') continue
    const minf = child(head, mdia, 'minf')
    const stbl = minf && child(head, minf, 'stbl')
    const stsz = stbl && child(head, stbl, 'stsz')
    if (stsz && stsz.end - stsz.start >= 12) videoFrames += head.readUInt32BE(stsz.start + 8)
  }
  return { durationSec: duration / timescale, videoFrames }
}

/** The picture of an MP4 file from its first 256 KiB; null when its index is not there. */
export async function readMp4Picture(path: string): Promise<Mp4Picture | null> {
  const file = await open(path, 'r')
  try {
    const { size } = await file.stat()
    const head = Buffer.alloc(Math.min(size, 256 * 1024))
    await file.read(head, 0, head.length, 0)
    return mp4Picture(head)
  } finally {
    await file.close()
  }
}
