// OpenTimelineIO (.otio JSON) for Resolve 18.5+, Kdenlive 20.04+ and Premiere's OTIO import. An item's place
// on a track is the sum of the durations before it (gaps included): there are no absolute offsets. Times are
// RationalTime {value, rate} in frames of the timeline's rate; the start timecode is global_start_time. The zod
// schema says what we write (a test reads files back through it). PURE: returns the text.
import { pathToFileURL } from 'node:url'
import { z } from 'zod'
import type { FrameRate } from '../../../shared/domain/timecode'
import type { HandoffPlan } from './plan'

const Metadata = z.record(z.string(), z.unknown())
const RationalTime = z.object({
  OTIO_SCHEMA: z.literal('RationalTime.1'),
  rate: z.number().positive(),
  value: z.number(),
})
const TimeRange = z.object({ OTIO_SCHEMA: z.literal('TimeRange.1'), start_time: RationalTime, duration: RationalTime })
const ExternalReference = z.object({
  OTIO_SCHEMA: z.literal('ExternalReference.1'),
  name: z.string(),
  target_url: z.string(),
  available_range: TimeRange.nullable(),
  metadata: Metadata,
})
const itemFields = {
  name: z.string(),
  source_range: TimeRange,
  effects: z.array(z.unknown()),
  markers: z.array(z.unknown()),
  enabled: z.boolean(),
  metadata: Metadata,
}
export const OtioClip = z.object({
  OTIO_SCHEMA: z.literal('Clip.2'),
  ...itemFields,
  media_references: z.object({ DEFAULT_MEDIA: ExternalReference }),
  active_media_reference_key: z.literal('DEFAULT_MEDIA'),
})
export const OtioGap = z.object({ OTIO_SCHEMA: z.literal('Gap.1'), ...itemFields })
const compositionFields = {
  name: z.string(),
  source_range: TimeRange.nullable(),
  effects: z.array(z.unknown()),
  markers: z.array(z.unknown()),
  enabled: z.boolean(),
  metadata: Metadata,
}
export const OtioTrack = z.object({
  OTIO_SCHEMA: z.literal('Track.1'),
  ...compositionFields,
  kind: z.enum(['Video', 'Audio']),
  children: z.array(z.discriminatedUnion('OTIO_SCHEMA', [OtioClip, OtioGap])),
})
export const OtioTimeline = z.object({
  OTIO_SCHEMA: z.literal('Timeline.1'),
  name: z.string(),
  metadata: Metadata,
  global_start_time: RationalTime,
  tracks: z.object({ OTIO_SCHEMA: z.literal('Stack.1'), ...compositionFields, children: z.array(OtioTrack) }),
})
export type OtioTimeline = z.infer<typeof OtioTimeline>
type Item = z.infer<typeof OtioClip> | z.infer<typeof OtioGap>

const time = (value: number, rate: number) => ({ OTIO_SCHEMA: 'RationalTime.1' as const, rate, value })
const range = (start: number, duration: number, rate: number) => ({
  OTIO_SCHEMA: 'TimeRange.1' as const,
  start_time: time(start, rate),
  duration: time(duration, rate),
})
const empty = { effects: [], markers: [], enabled: true, metadata: {} }

interface Placed {
  name: string
  path: string
  startFrame: number
  inFrame: number
  frames: number
  fileFrames: number
}

/** A track's items: a gap before each item that does not follow the last one directly. */
function items(placed: readonly Placed[], fps: number): Item[] {
  const out: Item[] = []
  let cursor = 0
  for (const p of placed) {
    if (p.startFrame > cursor)
      out.push({ OTIO_SCHEMA: 'Gap.1', name: '', source_range: range(0, p.startFrame - cursor, fps), ...empty })
    out.push({
      OTIO_SCHEMA: 'Clip.2',
      name: p.name,
      source_range: range(p.inFrame, p.frames, fps),
      media_references: {
        DEFAULT_MEDIA: {
          OTIO_SCHEMA: 'ExternalReference.1',
          name: p.name,
          target_url: pathToFileURL(p.path).href,
          available_range: range(0, p.fileFrames, fps),
          metadata: {},
        },
      },
      active_media_reference_key: 'DEFAULT_MEDIA',
      ...empty,
    })
    cursor = p.startFrame + p.frames
  }
  return out
}

export function otioTimeline(plan: HandoffPlan): OtioTimeline {
  const fps = otioRate(plan.rate)
  const picture = items(
    plan.picture.map((c) => ({
      name: c.asset.name,
      path: c.asset.path,
      startFrame: c.startFrame,
      inFrame: c.inFrame,
      frames: c.frames,
      fileFrames: Math.round(c.asset.durationSec * fps),
    })),
    fps,
  )
  const sound = plan.tracks.map((t) => ({
    OTIO_SCHEMA: 'Track.1' as const,
    name: t.name,
    kind: 'Audio' as const,
    source_range: null,
    ...empty,
    children: items(
      t.items.map((f) => ({
        name: f.name,
        path: f.path,
        startFrame: f.startFrame,
        inFrame: 0,
        frames: f.frames,
        fileFrames: f.frames,
      })),
      fps,
    ),
  }))
  return {
    OTIO_SCHEMA: 'Timeline.1',
    name: plan.projectName,
    metadata: {},
    global_start_time: time(plan.startFrames, fps),
    tracks: {
      OTIO_SCHEMA: 'Stack.1',
      name: 'tracks',
      source_range: null,
      ...empty,
      children: [
        { OTIO_SCHEMA: 'Track.1', name: 'Picture', kind: 'Video', source_range: null, ...empty, children: picture },
        ...sound,
      ],
    },
  }
}

/** OTIO's rates are plain numbers (29.97002997… for 30000/1001). */
export const otioRate = (rate: FrameRate): number => rate.num / rate.den

export function otioJson(plan: HandoffPlan): string {
  return `${JSON.stringify(OtioTimeline.parse(otioTimeline(plan)), null, 2)}\n`
}
