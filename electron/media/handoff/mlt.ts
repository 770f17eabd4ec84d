// MLT XML (.mlt): what Shotcut opens and the MLT engine under Shotcut and Kdenlive renders. A black background
// track, the picture over it (its own sound hidden), each sound track summed into the first by a `mix` transition. Positions are whole frames
// of the profile's rate: a playlist is blanks and entries (in/out inclusive). Sound files are named relative to
// the .mlt (MLT resolves them against the file's folder), picture files where they are. PURE: returns the text.
import { rateLabel } from '../../../shared/domain/timecode'
import type { HandoffPlan, SoundFile } from './plan'
import { el, xmlDocument, type XmlElement } from './xml'

const property = (name: string, value: string | number): XmlElement => el('property', { name }, String(value))

function gcd(a: number, b: number): number {
  return b === 0 ? a : gcd(b, a % b)
}

interface Placed {
  producer: string
  startFrame: number
  inFrame: number
  frames: number
}

/** Blanks and entries for items in timeline order that never overlap. */
function playlist(id: string, items: readonly Placed[]): XmlElement {
  const children: XmlElement[] = []
  let cursor = 0
  for (const item of items) {
    if (item.startFrame > cursor) children.push(el('blank', { length: item.startFrame - cursor }))
    children.push(el('entry', { producer: item.producer, in: item.inFrame, out: item.inFrame + item.frames - 1 }))
    cursor = item.startFrame + item.frames
  }
  return el('playlist', { id }, children)
}

export function mltXml(plan: HandoffPlan): string {
  const { rate, width, height } = plan
  const g = gcd(width, height)
  const profile = el('profile', {
    description: `${width}x${height} ${rateLabel(rate)} fps`,
    width,
    height,
    progressive: 1,
    sample_aspect_num: 1,
    sample_aspect_den: 1,
    display_aspect_num: width / g,
    display_aspect_den: height / g,
    frame_rate_num: rate.num,
    frame_rate_den: rate.den,
    colorspace: 709,
  })

  const fps = rate.num / rate.den
  const producers: XmlElement[] = plan.assets.map((a, i) =>
    el('producer', { id: `picture${i}`, in: 0, out: Math.max(0, Math.ceil(a.durationSec * fps) - 1) }, [
      property('resource', a.path),
      property('mlt_service', 'avformat'),
    ]),
  )
  const pictureId = new Map(plan.assets.map((a, i) => [a.id, `picture${i}`]))
  const soundId = new Map<SoundFile, string>()
  for (const file of plan.tracks.flatMap((t) => t.items)) {
    const id = `sound${soundId.size}`
    soundId.set(file, id)
    producers.push(
      el('producer', { id, in: 0, out: file.frames - 1 }, [
        property('resource', file.relPath),
        property('mlt_service', 'avformat'),
      ]),
    )
  }

  // A black background under the picture, as Shotcut's projects have: a blank of the picture track shows black.
  producers.unshift(
    el('producer', { id: 'black', in: 0, out: plan.timelineFrames - 1 }, [
      property('length', plan.timelineFrames),
      property('resource', 'black'),
      property('mlt_service', 'color'),
    ]),
  )
  const playlists = [
    el('playlist', { id: 'background' }, [el('entry', { producer: 'black', in: 0, out: plan.timelineFrames - 1 })]),
    playlist(
      'picture',
      plan.picture.map((p) => ({
        producer: pictureId.get(p.asset.id)!,
        startFrame: p.startFrame,
        inFrame: p.inFrame,
        frames: p.frames,
      })),
    ),
    ...plan.tracks.map((t, i) =>
      playlist(
        `audio${i}`,
        t.items.map((f) => ({ producer: soundId.get(f)!, startFrame: f.startFrame, inFrame: 0, frames: f.frames })),
      ),
    ),
  ]
  const tractor = el('tractor', { id: 'timeline', title: plan.projectName }, [
    el('track', { producer: 'background', hide: 'audio' }),
    el('track', { producer: 'picture', hide: 'audio' }),
    ...plan.tracks.map((_, i) => el('track', { producer: `audio${i}`, hide: 'video' })),
    ...plan.tracks.map((_, i) =>
      el('transition', { id: `mix${i + 1}` }, [
        property('mlt_service', 'mix'),
        property('a_track', 0),
        property('b_track', i + 2),
        property('always_active', 1),
        property('sum', 1),
      ]),
    ),
  ])
  return xmlDocument(
    el('mlt', { LC_NUMERIC: 'C', version: '7.0.0', title: plan.projectName, producer: 'timeline' }, [
      profile,
      ...producers,
      ...playlists,
      tractor,
    ]),
  )
}
