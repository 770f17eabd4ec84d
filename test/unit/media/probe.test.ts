import { describe, expect, it } from 'vitest'
import { declaredPictureEnd, lastPacketEnd, parseProbeJson, parseRate } from '../../../electron/media/probe'

// Shapes as ffprobe -show_format -show_streams prints them (trimmed to the fields we read).
const h264 = (extra: Record<string, unknown> = {}): Record<string, unknown> => ({
  codec_type: 'video',
  codec_name: 'h264',
  width: 1920,
  height: 1080,
  r_frame_rate: '30000/1001',
  avg_frame_rate: '30000/1001',
  duration: '12.012000',
  disposition: { attached_pic: 0 },
  ...extra,
})
const aac = { codec_type: 'audio', codec_name: 'aac', sample_rate: '48000', channels: 2, duration: '12.000000' }
const format = { format_name: 'mov,mp4,m4a,3gp,3g2,mj2', duration: '12.012000', size: '5242880' }

describe('parseProbeJson', () => {
  it('reads a normal clip: duration, size, video and audio', () => {
    expect(parseProbeJson({ streams: [h264(), aac], format })).toEqual({
      durationSec: 12.012,
      formatName: 'mov,mp4,m4a,3gp,3g2,mj2',
      sizeBytes: 5242880,
      video: {
        codec: 'h264',
        width: 1920,
        height: 1080,
        rotation: 0,
        displayWidth: 1920,
        displayHeight: 1080,
        fps: 30000 / 1001,
        vfr: false,
      },
      audio: { codec: 'aac', sampleRate: 48000, channels: 2 },
    })
  })

  it('an iPhone portrait clip (display matrix rotation -90) is 90° clockwise and displayed tall', () => {
    const info = parseProbeJson({
      streams: [h264({ side_data_list: [{ side_data_type: 'Display Matrix', rotation: -90 }] })],
      format,
    })
    expect(info.video).toMatchObject({
      width: 1920,
      height: 1080,
      rotation: 90,
      displayWidth: 1080,
      displayHeight: 1920,
    })
  })

  it('display matrix +90 (counter-clockwise) is 270° clockwise; 180 keeps the size', () => {
    expect(parseProbeJson({ streams: [h264({ side_data_list: [{ rotation: 90 }] })], format }).video?.rotation).toBe(
      270,
    )
    const upsideDown = parseProbeJson({ streams: [h264({ side_data_list: [{ rotation: 180 }] })], format }).video
    expect(upsideDown).toMatchObject({ rotation: 180, displayWidth: 1920, displayHeight: 1080 })
  })

  it('falls back to the old clockwise rotate tag', () => {
    expect(parseProbeJson({ streams: [h264({ tags: { rotate: '90' } })], format }).video?.rotation).toBe(90)
  })

  it('flags variable frame rate when nominal and average rates disagree, not for a tiny mismatch', () => {
    const vfr = parseProbeJson({ streams: [h264({ r_frame_rate: '30/1', avg_frame_rate: '70/3' })], format }).video
    expect(vfr).toMatchObject({ vfr: true, fps: 70 / 3 })
    const nearly = parseProbeJson({
      streams: [h264({ r_frame_rate: '30/1', avg_frame_rate: '2997/100' })],
      format,
    }).video
    expect(nearly?.vfr).toBe(false)
    const unknownAverage = parseProbeJson({
      streams: [h264({ r_frame_rate: '25/1', avg_frame_rate: '0/0' })],
      format,
    }).video
    expect(unknownAverage).toMatchObject({ vfr: false, fps: 25 })
  })

  it('skips cover art: an MP3 with an attached picture has no video', () => {
    const cover = {
      codec_type: 'video',
      codec_name: 'mjpeg',
      width: 600,
      height: 600,
      disposition: { attached_pic: 1 },
    }
    const mp3 = { codec_type: 'audio', codec_name: 'mp3', sample_rate: '44100', channels: 2 }
    const info = parseProbeJson({ streams: [cover, mp3], format: { format_name: 'mp3', duration: '3.0' } })
    expect(info.video).toBeNull()
    expect(info.audio).toEqual({ codec: 'mp3', sampleRate: 44100, channels: 2 })
  })

  it('uses the stream duration when the container has none, and 0 when nothing is known', () => {
    expect(parseProbeJson({ streams: [h264()], format: { format_name: 'matroska,webm' } }).durationSec).toBe(12.012)
    expect(parseProbeJson({ streams: [h264({ duration: undefined })], format: {} }).durationSec).toBe(0)
  })

  it('takes the file size when ffprobe gives none', () => {
    expect(parseProbeJson({ streams: [], format: {} }, 77).sizeBytes).toBe(77)
  })
})

describe('parseRate', () => {
  it('parses fractions and refuses nonsense', () => {
    expect(parseRate('25/1')).toBe(25)
    expect(parseRate('30000/1001')).toBeCloseTo(29.97, 2)
    expect(parseRate('0/0')).toBeNull()
    expect(parseRate(undefined)).toBeNull()
    expect(parseRate('abc')).toBeNull()
  })
})

describe('the picture tail: declared end and where the data ends', () => {
  it('reads the picture stream’s own end, else the container’s, skipping cover art', () => {
    const art = {
      index: 0,
      codec_type: 'video',
      codec_name: 'mjpeg',
      width: 10,
      height: 10,
      disposition: { attached_pic: 1 },
    }
    expect(declaredPictureEnd({ streams: [art, { ...h264(), index: 1, start_time: '0.5' }], format })).toEqual({
      streamIndex: 1,
      endSec: 12.512,
    })
    expect(
      declaredPictureEnd({
        streams: [{ ...h264({ duration: undefined }), index: 0 }],
        format: { ...format, start_time: '0' },
      }),
    ).toEqual({ streamIndex: 0, endSec: 12.012 })
    expect(declaredPictureEnd({ streams: [aac], format })).toBeNull()
  })
  it('takes the latest packet end from ffprobe’s csv, ignoring blank and side-data lines', () => {
    expect(lastPacketEnd('3.960000,0.040000\n3.880000,0.040000\n\nside_data,\n')).toBeCloseTo(4, 6)
    expect(lastPacketEnd('')).toBeNull()
    expect(lastPacketEnd('\n\n')).toBeNull()
  })
})
