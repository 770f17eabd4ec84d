// The iXML chunk of a hand-off sound file: the timecode rate (the timeline's) and the TimeReference again, as
// location-sound recorders write them, so an NLE that reads iXML rather than bext places the file the same.
// ffmpeg writes the bext chunk; this adds the iXML one after the audio. PURE: text and bytes.
import { HANDOFF_SAMPLE_RATE, type HandoffPlan, type SoundFile } from './plan'
import { el, text, xmlDocument } from './xml'

export function ixmlText(plan: Pick<HandoffPlan, 'rate' | 'projectName'>, file: SoundFile): string {
  const rate = `${plan.rate.num}/${plan.rate.den}`
  // 64-bit sample counts are written as two 32-bit halves.
  const hi = Math.floor(file.timeReference / 2 ** 32)
  const lo = file.timeReference - hi * 2 ** 32
  return xmlDocument(
    el('BWFXML', {}, [
      text('IXML_VERSION', '2.10'),
      text('PROJECT', plan.projectName),
      text('NOTE', file.name),
      el('SPEED', {}, [
        text('MASTER_SPEED', rate),
        text('CURRENT_SPEED', rate),
        text('TIMECODE_RATE', rate),
        text('TIMECODE_FLAG', 'NDF'),
        text('FILE_SAMPLE_RATE', HANDOFF_SAMPLE_RATE),
        text('AUDIO_BIT_DEPTH', 24),
        text('DIGITIZER_SAMPLE_RATE', HANDOFF_SAMPLE_RATE),
        text('TIMESTAMP_SAMPLES_SINCE_MIDNIGHT_HI', hi),
        text('TIMESTAMP_SAMPLES_SINCE_MIDNIGHT_LO', lo),
        text('TIMESTAMP_SAMPLE_RATE', HANDOFF_SAMPLE_RATE),
      ]),
      el('TRACK_LIST', {}, [
        text('TRACK_COUNT', 2),
        ...['L', 'R'].map((name, i) =>
          el('TRACK', {}, [text('CHANNEL_INDEX', i + 1), text('INTERLEAVE_INDEX', i + 1), text('NAME', name)]),
        ),
      ]),
    ]),
  )
}

/** A RIFF chunk: id, little-endian size, body, and the pad byte an odd size needs. */
export function riffChunk(id: string, body: Uint8Array): Uint8Array {
  if (!/^[\x20-\x7e]{4}$/.test(id)) throw new RangeError(`a chunk id is four printable characters: "${id}"`)
  const chunk = new Uint8Array(8 + body.length + (body.length % 2))
  const view = new DataView(chunk.buffer)
  for (let i = 0; i < 4; i++) chunk[i] = id.charCodeAt(i)
  view.setUint32(4, body.length, true)
  chunk.set(body, 8)
  return chunk
}

export const ixmlChunk = (xml: string): Uint8Array => riffChunk('iXML', new TextEncoder().encode(xml))

/**
 * Where a WAV file's total size is kept, from its first 28 bytes: RIFF keeps 32 bits at byte 4; RF64 (files past
 * 4 GB) keeps 64 bits in its ds64 chunk at byte 20.
 */
export function riffSizeField(head: Uint8Array): { offset: number; bytes: 4 | 8 } {
  const id = String.fromCharCode(...head.subarray(0, 4))
  const form = String.fromCharCode(...head.subarray(8, 12))
  if (form !== 'WAVE') throw new RangeError('not a WAVE file')
  if (id === 'RIFF') return { offset: 4, bytes: 4 }
  if (id === 'RF64' && String.fromCharCode(...head.subarray(12, 16)) === 'ds64') return { offset: 20, bytes: 8 }
  throw new RangeError(`not a RIFF or RF64 file: "${id}"`)
}
