import { describe, expect, it } from 'vitest'
import { AppError } from '../../../shared/domain/errors'
import type { MediaInfo } from '../../../shared/domain/media'
import { looksLikeIsoMedia, probeFailureFor, rejectionFor, sizeProblemFor, truncationFor } from '../../../electron/media/importAsset'

const mp4Head = Buffer.from('\0\0\0\x20ftypisom', 'latin1')
const junkHead = Buffer.from('8f3a1c0e99b2d4f1', 'latin1')

const video = {
  codec: 'h264', width: 640, height: 360, rotation: 0 as const, displayWidth: 640, displayHeight: 360, fps: 30, vfr: false,
}
const info = (over: Partial<MediaInfo>): MediaInfo => ({
  durationSec: 5, formatName: 'mov,mp4,m4a,3gp,3g2,mj2', sizeBytes: 1000, video, audio: null, ...over,
})

describe('rejectionFor: what a probed file means for import', () => {
  it('accepts a video with or without sound', () => {
    expect(rejectionFor('a.mp4', info({}))).toBeNull()
  })
  it('an audio-only file has no picture', () => {
    const e = rejectionFor('song.m4a', info({ video: null, audio: { codec: 'aac', sampleRate: 44100, channels: 2 } }))
    expect(e?.code).toBe('NOT_A_VIDEO')
    expect(e?.message).toMatch(/"song.m4a" has no picture/)
  })
  it('random bytes that a text-art demuxer accepts are not a video', () => {
    const e = rejectionFor('x.bin', info({ formatName: 'bin', durationSec: 0, video: { ...video, codec: 'bintext' } }))
    expect(e?.message).toMatch(/not a video file MMAudio Studio can read/)
  })
  it('a still image is not a video', () => {
    expect(rejectionFor('p.png', info({ formatName: 'png_pipe', durationSec: 0 }))?.message).toMatch(/still image/)
    expect(rejectionFor('p.jpg', info({ formatName: 'image2', durationSec: 0.04 }))?.message).toMatch(/still image/)
  })
  it('a video without a length is damaged', () => {
    expect(rejectionFor('v.mp4', info({ durationSec: 0 }))?.message).toMatch(/damaged or incomplete/)
  })
})

describe('probeFailureFor: ffprobe refused the file', () => {
  const noMoov = new AppError('FFMPEG', 'ffprobe failed: [mov,mp4 @ 0x1] moov atom not found\ncut.mp4: Invalid data found when processing input')
  it('a missing moov atom in a file that starts like an MP4 is a damaged or incomplete file', () => {
    const e = probeFailureFor('cut.mp4', noMoov, mp4Head)
    expect(e.code).toBe('NOT_A_VIDEO')
    expect(e.message).toMatch(/"cut.mp4" is damaged or incomplete \(moov atom not found\)/)
  })
  it('junk named .mp4 (the mov demuxer also says "moov atom not found") is not a video file', () => {
    expect(probeFailureFor('junk.mp4', noMoov, junkHead).message).toMatch(/not a video file MMAudio Studio can read/)
  })
  it('anything else ffprobe cannot read is not a video file', () => {
    const e = probeFailureFor('notes.txt', new AppError('FFMPEG', 'ffprobe failed: notes.txt: Invalid data found when processing input'), junkHead)
    expect(e.message).toBe('"notes.txt" is not a video file MMAudio Studio can read. Choose an MP4, MOV, MKV or WebM video.')
  })
  it('keeps errors that are not about the file (cancel, missing ffprobe) as they are', () => {
    const cancelled = new AppError('CANCELLED', 'Cancelled.')
    expect(probeFailureFor('a.mp4', cancelled, mp4Head)).toBe(cancelled)
  })
  it('recognises MP4/MOV box headers', () => {
    expect(looksLikeIsoMedia(mp4Head)).toBe(true)
    expect(looksLikeIsoMedia(junkHead)).toBe(false)
    expect(looksLikeIsoMedia(new Uint8Array(3))).toBe(false)
  })
})

describe('sizeProblemFor: pictures the model or the encoder cannot take', () => {
  it('refuses a sliver (4097×17) and a picture wider than H.264 allows, keeps usual shapes', () => {
    expect(sizeProblemFor('s.mp4', { ...video, width: 4097, height: 17, displayWidth: 4097, displayHeight: 17 })?.message).toMatch(
      /^"s\.mp4" is 4097×17 pixels: too narrow a picture for MMAudio, which needs one at most 42 times wider than tall/,
    )
    expect(sizeProblemFor('big.mov', { ...video, width: 20000, height: 10000, displayWidth: 20000, displayHeight: 10000 })?.message).toMatch(
      /larger than the 16384 pixels a side/,
    )
    for (const [w, h] of [[1920, 1080], [1080, 1920], [16384, 384], [2, 2], [3840, 1080]]) {
      expect(sizeProblemFor('ok.mp4', { ...video, displayWidth: w!, displayHeight: h! })).toBeNull()
    }
  })
})

describe('truncationFor: a picture that stops before its declared end', () => {
  it('is whole within a second (or 3 %), else truncated with where it stops', () => {
    expect(truncationFor('a.mp4', 8, 7.96)).toBeNull()
    expect(truncationFor('a.mp4', 8, 7.1)).toBeNull()
    expect(truncationFor('long.mp4', 3600, 3500)).toBeNull()
    expect(truncationFor('a.mp4', 8, 4)?.message).toMatch(/^"a\.mp4" looks truncated: it says it lasts 8\.00 s but has picture only up to 4\.00 s/)
    expect(truncationFor('a.mp4', 8, null)?.message).toMatch(/has no picture near its end/)
  })
})
