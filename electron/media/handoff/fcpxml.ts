// FCPXML 1.10 for Final Cut Pro (and DaVinci Resolve). Times are rational seconds ("1001/30000s"). The picture is
// the primary storyline (asset-clips for clips, gaps between them, picture only); each sound file is an asset-clip
// connected below the storyline item it starts over, one lane per sound track, with a role per lane. A connected
// clip's offset is in its parent's own time, which begins at the parent's `start` (source time for an
// asset-clip), not at 0; the storyline's own times begin at the sequence's tcStart. PURE: returns the text.
import { pathToFileURL } from 'node:url'
import { rateOfFps, type FrameRate } from '../../../shared/domain/timecode'
import { HANDOFF_SAMPLE_RATE, type HandoffPlan, type PictureAsset, type SoundTrack } from './plan'
import { el, xmlDocument, type XmlElement } from './xml'

/** An exact time: num/den seconds. */
export interface Rational {
  num: number
  den: number
}

function gcd(a: number, b: number): number {
  return b === 0 ? Math.abs(a) : gcd(b, a % b)
}

export function rational(num: number, den: number): Rational {
  if (!Number.isInteger(num) || !Number.isInteger(den) || den <= 0) throw new RangeError(`not a time: ${num}/${den}`)
  const g = gcd(num, den) || 1
  return { num: num / g, den: den / g }
}

export const addTime = (a: Rational, b: Rational): Rational => rational(a.num * b.den + b.num * a.den, a.den * b.den)
export const subTime = (a: Rational, b: Rational): Rational => rational(a.num * b.den - b.num * a.den, a.den * b.den)

/** FCPXML's time text: "0s", "5s", "1001/30000s". */
export function fcpTime(t: Rational): string {
  if (t.num === 0) return '0s'
  return t.den === 1 ? `${t.num}s` : `${t.num}/${t.den}s`
}

/** `frames` frames of a rate, as a time. */
export const framesTime = (frames: number, rate: FrameRate): Rational => rational(frames * rate.den, rate.num)

/** A role for a sound track: the clips' own sound is dialogue, each generated lane (all its tracks) an effects subrole. */
export function audioRole(track: SoundTrack): string {
  return track.kind === 'original' || track.lane === null
    ? 'dialogue.Original sound'
    : `effects.MMAudio Lane ${track.lane + 1}`
}

interface SpineItem {
  element: XmlElement
  startFrame: number
  frames: number
  /** The parent's own time at its first frame (its `start`). */
  localStart: Rational
}

export function fcpxml(plan: HandoffPlan): string {
  const { rate } = plan
  const tcStart = framesTime(plan.startFrames, rate)
  const timeAt = (frame: number) => addTime(tcStart, framesTime(frame, rate))
  const ids = { next: 1, take: () => `r${ids.next++}` }

  // Resources: the sequence's format, each picture file's format and asset, each sound file's asset.
  const resources: XmlElement[] = []
  const formats = new Map<string, string>()
  /** One format per frame duration and size, shared by the sequence and the files that have it. */
  const formatId = (frameRate: FrameRate, width: number, height: number): string => {
    const frameDuration = fcpTime(framesTime(1, frameRate))
    const key = `${frameDuration} ${width}x${height}`
    const known = formats.get(key)
    if (known) return known
    const id = ids.take()
    formats.set(key, id)
    resources.push(el('format', { id, frameDuration, width, height }))
    return id
  }
  const sequenceFormat = formatId(rate, plan.width, plan.height)
  const pictureRefs = new Map<string, { id: string; rate: FrameRate }>()
  for (const asset of plan.assets) pictureRefs.set(asset.id, pictureResources(asset, ids.take, formatId, resources))
  const soundRefs = new Map<string, string>()
  for (const file of plan.tracks.flatMap((t) => t.items)) {
    const id = ids.take()
    soundRefs.set(file.path, id)
    resources.push(
      el(
        'asset',
        {
          id,
          name: file.name,
          start: '0s',
          duration: fcpTime(rational(file.samples, HANDOFF_SAMPLE_RATE)),
          hasAudio: 1,
          audioSources: 1,
          audioChannels: 2,
          audioRate: HANDOFF_SAMPLE_RATE,
        },
        [el('media-rep', { kind: 'original-media', src: pathToFileURL(file.path).href })],
      ),
    )
  }

  // The storyline: clips and the gaps between them, over the whole timeline.
  const spine: SpineItem[] = []
  const gap = (from: number, to: number) =>
    spine.push({
      element: el(
        'gap',
        {
          name: 'Gap',
          offset: fcpTime(timeAt(from)),
          start: fcpTime(timeAt(from)),
          duration: fcpTime(framesTime(to - from, rate)),
        },
        [],
      ),
      startFrame: from,
      frames: to - from,
      localStart: timeAt(from),
    })
  let cursor = 0
  for (const clip of plan.picture) {
    if (clip.startFrame > cursor) gap(cursor, clip.startFrame)
    const ref = pictureRefs.get(clip.asset.id)!
    // The asset frame shown at the clip's start (floor: start + duration stays within the media).
    const start = framesTime(Math.floor(clip.inSec * (ref.rate.num / ref.rate.den) + 1e-6), ref.rate)
    spine.push({
      element: el(
        'asset-clip',
        {
          ref: ref.id,
          offset: fcpTime(timeAt(clip.startFrame)),
          name: clip.asset.name,
          start: fcpTime(start),
          duration: fcpTime(framesTime(clip.frames, rate)),
          srcEnable: 'video',
        },
        [],
      ),
      startFrame: clip.startFrame,
      frames: clip.frames,
      localStart: start,
    })
    cursor = clip.startFrame + clip.frames
  }
  if (plan.timelineFrames > cursor) gap(cursor, plan.timelineFrames)

  // Sound: connected below the item it starts over, a lane per track (lane −1 next to the picture).
  plan.tracks.forEach((track, t) => {
    for (const file of track.items) {
      const parent = spine.find((s) => file.startFrame < s.startFrame + s.frames) ?? spine[spine.length - 1]!
      const offset = addTime(
        parent.localStart,
        subTime(framesTime(file.startFrame, rate), framesTime(parent.startFrame, rate)),
      )
      const children = parent.element.children as XmlElement[]
      children.push(
        el('asset-clip', {
          ref: soundRefs.get(file.path)!,
          lane: -(t + 1),
          offset: fcpTime(offset),
          name: file.name,
          start: '0s',
          duration: fcpTime(framesTime(file.frames, rate)),
          audioRole: audioRole(track),
        }),
      )
    }
  })

  const sequence = el(
    'sequence',
    {
      format: sequenceFormat,
      duration: fcpTime(framesTime(plan.timelineFrames, rate)),
      tcStart: fcpTime(tcStart),
      tcFormat: 'NDF',
      audioLayout: 'stereo',
      audioRate: '48k',
    },
    [
      el(
        'spine',
        {},
        spine.map((s) => s.element),
      ),
    ],
  )
  return xmlDocument(
    el('fcpxml', { version: '1.10' }, [
      el('resources', {}, resources),
      el('library', {}, [
        el('event', { name: `${plan.projectName} (MMAudio Studio)` }, [
          el('project', { name: plan.projectName }, [sequence]),
        ]),
      ]),
    ]),
    '<!DOCTYPE fcpxml>',
  )
}

/** A picture file's format and asset; returns the asset's id and the file's own rate. */
function pictureResources(
  asset: PictureAsset,
  nextId: () => string,
  formatOf: (rate: FrameRate, width: number, height: number) => string,
  resources: XmlElement[],
): { id: string; rate: FrameRate } {
  const rate = rateOfFps(asset.fps)
  const format = formatOf(rate, asset.width, asset.height)
  const id = nextId()
  resources.push(
    el(
      'asset',
      {
        id,
        name: asset.name,
        start: '0s',
        duration: fcpTime(framesTime(Math.round(asset.durationSec * (rate.num / rate.den)), rate)),
        hasVideo: 1,
        format,
        videoSources: 1,
        hasAudio: asset.audio ? 1 : 0,
        audioSources: asset.audio ? 1 : undefined,
        audioChannels: asset.audio?.channels,
        audioRate: asset.audio?.sampleRate,
      },
      [el('media-rep', { kind: 'original-media', src: pathToFileURL(asset.path).href })],
    ),
  )
  return { id, rate }
}
