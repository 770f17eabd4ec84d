// What a hand-off pack holds and where everything sits, from the same derivation the preview and the MP4 read
// (describeMix's placed takes, layoutSegments' drawn lanes). PURE: no I/O; the hand-off runner renders the
// sound files and writes the timelines this describes.
//
// Every sound file is frame-aligned: it starts on the frame at or before its sound's true start and ends on the
// frame at or after its end, padded with silence. So every format, even those that count whole frames (xmeml,
// MLT), places it exactly, and the sound inside keeps its sub-frame timing.
import { join } from 'node:path'
import type { Asset } from '../../../shared/domain/asset'
import { AppError } from '../../../shared/domain/errors'
import { handoffFolderName, safeFileName } from '../../../shared/domain/fileNames'
import { describeMix, type MixDescription, type PlacedTake } from '../../../shared/domain/mix'
import { clipEndSec, layoutSegments } from '../../../shared/domain/placement'
import type { Clip, Project } from '../../../shared/domain/project'
import { clamp, FLOAT_EPS, roundSec, TIME_EPS } from '../../../shared/domain/time'
import { startFrames, timecodeText, timelineRate, type FrameRate } from '../../../shared/domain/timecode'
import { isSilent } from '../ffmpeg/args/exportAudioGraph'
import { evenFrame } from '../ffmpeg/args/exportVideoGraph'

export const HANDOFF_SAMPLE_RATE = 48000
/** The pack's list of what it wrote: a later pack into the same folder may replace these, and nothing else. */
export const MANIFEST_NAME = '.mmaudio-handoff.json'

/** A picture file the timeline shows. */
export interface PictureAsset {
  id: string
  path: string
  name: string
  /** The file's own rate (its frame grid). */
  fps: number
  width: number
  height: number
  durationSec: number
  /** The file's own sound, if it has any. */
  audio: { channels: number; sampleRate: number } | null
}

/** A clip of picture on the timeline, in whole frames of the timeline's rate. */
export interface PictureClip {
  asset: PictureAsset
  startFrame: number
  frames: number
  /** Where in the file the clip starts: exact seconds, and in frames of the timeline's rate. */
  inSec: number
  inFrame: number
}

/** A Broadcast WAV the pack holds, placed on the timeline from its first frame. */
export interface SoundFile {
  /** Path inside the pack ("Sound/L1 01 door.wav") and the absolute path. */
  relPath: string
  path: string
  /** A short human name (the prompt, the lane). */
  name: string
  startFrame: number
  frames: number
  /** Exact length in samples at 48 kHz. */
  samples: number
  /** bext TimeReference: samples since midnight at its first sample (the start timecode included). */
  timeReference: number
  /**
   * What it holds: one placed take (in the file's own time), or a stem of the whole timeline: generated sound
   * (these takes, in timeline time; one lane's or all) or the clips' own sound as the mix has it.
   */
  content:
    | { kind: 'take'; take: PlacedTake; lane: number }
    | { kind: 'generated'; takes: PlacedTake[]; lane: number | null }
    | { kind: 'original' }
}

/** A sound track of the timelines: the original sound, or a lane of generated sound (more than one track when files would touch). */
export interface SoundTrack {
  name: string
  kind: 'original' | 'lane'
  lane: number | null
  items: SoundFile[]
}

export interface HandoffPlan {
  /** The pack folder. */
  folder: string
  /** The base of the timelines' file names, from the project's name. */
  name: string
  projectName: string
  rate: FrameRate
  /** The timeline's first frame as frames since midnight, and as text. */
  startFrames: number
  startTimecode: string
  timelineFrames: number
  timelineSec: number
  /** The sequence's frame size (the first clip's, even). */
  width: number
  height: number
  assets: PictureAsset[]
  picture: PictureClip[]
  tracks: SoundTrack[]
  /** Every take file, in timeline order. */
  sounds: SoundFile[]
  stems: SoundFile[]
  /** The mix these were derived from (the runner renders from it). */
  mix: MixDescription
  /** The timelines' files, by format. */
  timelines: { fcpxml: string; xmeml: string; otio: string; mlt: string; readme: string }
}

/** The pack folder inside a chosen folder. */
export function packFolderIn(chosenFolder: string, projectName: string): string {
  return join(chosenFolder, handoffFolderName(projectName))
}

/** Samples per frame at 48 kHz (1601.6 at 29.97). */
const samplesPerFrame = (rate: FrameRate): number => (HANDOFF_SAMPLE_RATE * rate.den) / rate.num
/** The first sample of a frame (rounded where a frame is not a whole number of samples). */
export const sampleAtFrame = (frame: number, rate: FrameRate): number => Math.round(frame * samplesPerFrame(rate))
/** Samples that hold `frames` whole frames (never short of them). */
const samplesForFrames = (frames: number, rate: FrameRate): number =>
  Math.ceil(frames * samplesPerFrame(rate) - FLOAT_EPS)

/** Frame boundaries around a time range: the frame at or before its start, the frame at or after its end. */
function framesAround(startSec: number, endSec: number, rate: FrameRate): { startFrame: number; frames: number } {
  const fps = rate.num / rate.den
  const startFrame = Math.max(0, Math.floor((startSec + TIME_EPS) * fps))
  const endFrame = Math.max(startFrame + 1, Math.ceil((endSec - TIME_EPS) * fps))
  return { startFrame, frames: endFrame - startFrame }
}

/** The words of a prompt as a short file name. */
function promptSlug(prompt: string): string {
  const words = prompt
    .replace(/[^\p{L}\p{N}\s-]+/gu, ' ')
    .trim()
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 6)
  return safeFileName(words.join(' '), 'sound', 40)
}

function pictureClips(
  clips: readonly Clip[],
  assets: ReadonlyMap<string, PictureAsset>,
  rate: FrameRate,
): PictureClip[] {
  const fps = rate.num / rate.den
  // Times to the microsecond first, so one cut computed two ways (a clip's end, the next one's start) is one frame.
  const frameAt = (sec: number): number => Math.round(roundSec(sec) * fps)
  const out: PictureClip[] = []
  let cursor = 0
  for (const clip of [...clips].sort((a, b) => a.startSec - b.startSec)) {
    const asset = assets.get(clip.assetId)
    if (!asset) throw new AppError('BAD_INPUT', `Clip ${clip.id} refers to a missing asset.`)
    const start = frameAt(clip.startSec)
    const end = frameAt(clipEndSec(clip))
    if (start < cursor - 1)
      throw new AppError('BAD_INPUT', 'Two clips overlap on the timeline; move one before handing off.')
    const from = Math.max(start, cursor)
    // The source shown at the frame it starts on; never past the file's end: every format's in point plus length
    // stays within the media (a clip of one frame keeps that frame).
    // The media's length as the formats state it: whole frames of its own rate (FCPXML rounds to them).
    const mediaSec = Math.min(asset.durationSec, Math.round(asset.durationSec * asset.fps) / asset.fps)
    const mediaFrames = Math.floor(mediaSec * fps + 1e-6)
    let inSec = clamp(clip.inSec + from / fps - clip.startSec, 0, mediaSec)
    let inFrame = Math.round(roundSec(inSec) * fps)
    let frames = Math.min(
      Math.max(end, from + 1) - from,
      mediaFrames - inFrame,
      Math.floor((mediaSec - inSec) * fps + 1e-6),
    )
    if (frames < 1) {
      frames = 1
      inFrame = Math.max(0, mediaFrames - 1)
      inSec = inFrame / fps
    }
    out.push({ asset, startFrame: from, frames, inSec, inFrame })
    cursor = from + frames
  }
  return out
}

/** Lane tracks: each drawn lane's files, spread over as many tracks as it takes for no two to touch. */
function laneTracks(files: readonly SoundFile[]): SoundTrack[] {
  const byLane = new Map<number, SoundFile[]>()
  for (const f of files) {
    if (f.content.kind !== 'take') continue
    const list = byLane.get(f.content.lane)
    if (list) list.push(f)
    else byLane.set(f.content.lane, [f])
  }
  const tracks: SoundTrack[] = []
  for (const lane of [...byLane.keys()].sort((a, b) => a - b)) {
    const own: SoundTrack[] = []
    for (const file of byLane.get(lane)!.sort((a, b) => a.startFrame - b.startFrame)) {
      let track = own.find((t) => {
        const last = t.items[t.items.length - 1]!
        return last.startFrame + last.frames <= file.startFrame
      })
      if (!track) {
        track = {
          name: own.length === 0 ? `Lane ${lane + 1}` : `Lane ${lane + 1} (${own.length + 1})`,
          kind: 'lane',
          lane,
          items: [],
        }
        own.push(track)
      }
      track.items.push(file)
    }
    tracks.push(...own)
  }
  return tracks
}

export function planHandoff(project: Project, folder: string): HandoffPlan {
  const mix = describeMix(project)
  if (!(mix.timelineSec > 0))
    throw new AppError('BAD_INPUT', 'The timeline is empty: add a clip before handing it off.')
  const rate = timelineRate(project)
  const fps = rate.num / rate.den
  const tcFrames = startFrames(project)
  const timeReference = (frame: number) => sampleAtFrame(tcFrames + frame, rate)

  const assets = new Map<string, PictureAsset>(
    project.assets.map((a: Asset) => [
      a.id,
      {
        id: a.id,
        path: a.path,
        name: a.name,
        fps: a.video.fps,
        width: a.video.displayWidth,
        height: a.video.displayHeight,
        durationSec: a.durationSec,
        audio: a.audio && { channels: a.audio.channels, sampleRate: a.audio.sampleRate },
      },
    ]),
  )
  const picture = pictureClips(project.clips, assets, rate)
  if (picture.length === 0)
    throw new AppError('BAD_INPUT', 'The hand-off needs a picture: add a clip to the timeline before handing it off.')
  const timelineFrames = Math.max(Math.round(mix.timelineSec * fps), ...picture.map((p) => p.startFrame + p.frames))
  const first = picture[0]!.asset
  const frame = evenFrame(first.width, first.height, fps)

  // Each sounding piece of a take, on the lane its segment is drawn on.
  const drawnLane = new Map(layoutSegments(project).pieces.map((p) => [p.segmentId, p.lane]))
  const segments = new Map(project.segments.map((s) => [s.id, s]))
  const perLane = new Map<number, number>()
  const laneOf = (take: PlacedTake) => drawnLane.get(take.segmentId) ?? segments.get(take.segmentId)!.lane
  const sounds: SoundFile[] = mix.takes.map((take) => {
    const segment = segments.get(take.segmentId)!
    const lane = laneOf(take)
    const { startFrame, frames } = framesAround(take.startSec, take.startSec + take.durationSec, rate)
    const fileStartSec = sampleAtFrame(startFrame, rate) / HANDOFF_SAMPLE_RATE
    const n = (perLane.get(lane) ?? 0) + 1
    perLane.set(lane, n)
    const slug = promptSlug(segment.params.prompt)
    const relPath = `Sound/L${lane + 1} ${String(n).padStart(2, '0')} ${slug}.wav`
    return {
      relPath,
      path: join(folder, relPath),
      name: `Lane ${lane + 1} · ${slug}`,
      startFrame,
      frames,
      samples: samplesForFrames(frames, rate),
      timeReference: timeReference(startFrame),
      // The take as it sounds, placed in the file's own time: the silence before it is the way to its frame.
      content: { kind: 'take', take: { ...take, startSec: Math.max(0, take.startSec - fileStartSec) }, lane },
    }
  })

  const name = safeFileName(project.name, 'Untitled')
  const stem = (label: string, content: SoundFile['content']): SoundFile => {
    const relPath = `Stems/${name} - ${label}.wav`
    return {
      relPath,
      path: join(folder, relPath),
      name: label,
      startFrame: 0,
      frames: timelineFrames,
      samples: samplesForFrames(timelineFrames, rate),
      timeReference: timeReference(0),
      content,
    }
  }
  const lanes = [...new Set(mix.takes.map(laneOf))].sort((a, b) => a - b)
  const original = stem('Original', { kind: 'original' })
  const stems = [
    ...lanes.map((lane) =>
      stem(`Lane ${lane + 1}`, { kind: 'generated', takes: mix.takes.filter((t) => laneOf(t) === lane), lane }),
    ),
    stem('Generated', { kind: 'generated', takes: mix.takes, lane: null }),
    original,
  ]

  // The original sound as the mix has it (ducked, lowered) is a track of its own, picture clips carry picture only.
  const originalHeard =
    mix.original.mode !== 'mute' && picture.some((p) => p.asset.audio) && !isSilent(mix.original.envelope)
  const tracks: SoundTrack[] = [
    ...(originalHeard ? [{ name: 'Original', kind: 'original' as const, lane: null, items: [original] }] : []),
    ...laneTracks(sounds),
  ]

  return {
    folder,
    name,
    projectName: project.name,
    rate,
    startFrames: tcFrames,
    startTimecode: timecodeText(tcFrames, rate),
    timelineFrames,
    timelineSec: mix.timelineSec,
    width: frame.width,
    height: frame.height,
    assets: [...new Set(picture.map((p) => p.asset))],
    picture,
    tracks,
    sounds,
    stems,
    mix,
    timelines: {
      fcpxml: join(folder, `${name}.fcpxml`),
      xmeml: join(folder, `${name} (Premiere).xml`),
      otio: join(folder, `${name}.otio`),
      mlt: join(folder, `${name}.mlt`),
      readme: join(folder, 'README.txt'),
    },
  }
}
