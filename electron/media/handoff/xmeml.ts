// Final Cut Pro 7 XML (xmeml version 5), which Premiere Pro and DaVinci Resolve import: one sequence, the picture
// on a video track, each sound track on an audio track. start/end are timeline frames, in/out source frames (out
// and end exclusive), all at the timeline's rate; a file is described fully once, then referred to by id. The
// rate must be whole frames per second (or an NTSC rate): xmeml has no other. PURE: returns the text.
import { pathToFileURL } from 'node:url'
import { AppError } from '../../../shared/domain/errors'
import { isNtsc, rateLabel, timecodeText, type FrameRate } from '../../../shared/domain/timecode'
import { HANDOFF_SAMPLE_RATE, type HandoffPlan } from './plan'
import { el, text, xmlDocument, type XmlElement } from './xml'

/** `<rate>`: whole frames per second, with NTSC TRUE for the 1000/1001 rates. */
export function xmemlRate(rate: FrameRate): XmlElement {
  const whole = rate.den === 1 || isNtsc(rate)
  if (!whole || (isNtsc(rate) && rate.num % 1000 !== 0)) {
    throw new AppError(
      'BAD_INPUT',
      `Premiere XML counts whole frames per second, so it cannot describe a ${rateLabel(rate)} fps timeline. Choose a standard frame rate in Timeline settings.`,
    )
  }
  const timebase = isNtsc(rate) ? rate.num / 1000 : rate.num
  return el('rate', {}, [text('timebase', timebase), text('ntsc', isNtsc(rate) ? 'TRUE' : 'FALSE')])
}

/** The URL form Premiere writes: file://localhost/… */
export function pathUrl(path: string): string {
  return `file://localhost${pathToFileURL(path).pathname}`
}

function timecode(frames: number, rate: FrameRate): XmlElement {
  return el('timecode', {}, [
    xmemlRate(rate),
    text('string', timecodeText(frames, rate)),
    text('frame', frames),
    text('displayformat', 'NDF'),
  ])
}

export function xmeml(plan: HandoffPlan): string {
  const { rate } = plan
  const fps = rate.num / rate.den
  const files = new Map<string, string>()
  let clipitems = 0
  /** A file's element: in full the first time, by id after. */
  const fileElement = (path: string, describe: () => XmlElement[]): XmlElement => {
    const known = files.get(path)
    if (known) return el('file', { id: known })
    const id = `file-${files.size + 1}`
    files.set(path, id)
    return el('file', { id }, describe())
  }
  const clipitem = (
    name: string,
    fileFrames: number,
    at: { start: number; frames: number; in: number },
    file: XmlElement,
    extra: XmlElement[] = [],
  ) =>
    el('clipitem', { id: `clipitem-${++clipitems}` }, [
      text('name', name),
      text('enabled', 'TRUE'),
      text('duration', fileFrames),
      xmemlRate(rate),
      text('start', at.start),
      text('end', at.start + at.frames),
      text('in', at.in),
      text('out', at.in + at.frames),
      file,
      ...extra,
    ])

  const picture = plan.picture.map((clip) => {
    const a = clip.asset
    const fileFrames = Math.round(a.durationSec * fps)
    const file = fileElement(a.path, () => [
      text('name', a.name),
      text('pathurl', pathUrl(a.path)),
      xmemlRate(rate),
      text('duration', fileFrames),
      timecode(0, rate),
      el('media', {}, [
        el('video', {}, [
          el('samplecharacteristics', {}, [xmemlRate(rate), text('width', a.width), text('height', a.height)]),
        ]),
        ...(a.audio
          ? [
              el('audio', {}, [
                el('samplecharacteristics', {}, [text('depth', 16), text('samplerate', a.audio.sampleRate)]),
                text('channelcount', a.audio.channels),
              ]),
            ]
          : []),
      ]),
    ])
    return clipitem(a.name, fileFrames, { start: clip.startFrame, frames: clip.frames, in: clip.inFrame }, file)
  })

  const audioTracks = plan.tracks.map((track) =>
    el('track', {}, [
      ...track.items.map((f) => {
        const file = fileElement(f.path, () => [
          text('name', f.relPath.split('/').pop()!),
          text('pathurl', pathUrl(f.path)),
          xmemlRate(rate),
          text('duration', f.frames),
          timecode(plan.startFrames + f.startFrame, rate),
          el('media', {}, [
            el('audio', {}, [
              el('samplecharacteristics', {}, [text('depth', 24), text('samplerate', HANDOFF_SAMPLE_RATE)]),
              text('channelcount', 2),
            ]),
          ]),
        ])
        const source = el('sourcetrack', {}, [text('mediatype', 'audio'), text('trackindex', 1)])
        return clipitem(f.name, f.frames, { start: f.startFrame, frames: f.frames, in: 0 }, file, [source])
      }),
      text('enabled', 'TRUE'),
    ]),
  )

  const sequence = el('sequence', { id: 'sequence-1' }, [
    text('name', plan.projectName),
    text('duration', plan.timelineFrames),
    xmemlRate(rate),
    timecode(plan.startFrames, rate),
    el('media', {}, [
      el('video', {}, [
        el('format', {}, [
          el('samplecharacteristics', {}, [
            xmemlRate(rate),
            text('width', plan.width),
            text('height', plan.height),
            text('anamorphic', 'FALSE'),
            text('pixelaspectratio', 'square'),
            text('fielddominance', 'none'),
          ]),
        ]),
        el('track', {}, [...picture, text('enabled', 'TRUE')]),
      ]),
      el('audio', {}, [
        text('numOutputChannels', 2),
        el('format', {}, [
          el('samplecharacteristics', {}, [text('depth', 24), text('samplerate', HANDOFF_SAMPLE_RATE)]),
        ]),
        ...audioTracks,
      ]),
    ]),
  ])
  return xmlDocument(el('xmeml', { version: 5 }, [sequence]), '<!DOCTYPE xmeml>')
}
