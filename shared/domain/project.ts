import { z } from 'zod'
import { Asset } from './asset'
import { FilePath } from './filePath'
import { FocusBox } from './focus'
import { Id, ProviderId } from './ids'
import { TimelineSettings } from './timecode'

/** A piece of an asset placed on the video track. Times in seconds. */
export const Clip = z.object({
  id: Id,
  assetId: Id,
  /** Where the clip starts on the timeline. */
  startSec: z.number().nonnegative(),
  /** The used range of the asset: [inSec, outSec). */
  inSec: z.number().nonnegative(),
  outSec: z.number().positive(),
})
export type Clip = z.infer<typeof Clip>

/** Everything MMAudio is asked with, per segment. Seed null = a new random seed per take. */
export const GenerationParams = z.object({
  prompt: z.string().max(2000),
  negativePrompt: z.string().max(2000),
  seed: z.number().int().min(0).max(65535).nullable(),
  steps: z.number().int().min(1).max(100),
  cfg: z.number().min(0).max(20),
  windowSec: z.number().min(1).max(10),
  maskAwayClip: z.boolean(),
  takes: z.number().int().min(1).max(8),
  provider: ProviderId,
  /** Generate from the prompt alone (ambience beds, or when the picture keeps producing voices). */
  textOnly: z.boolean().default(false),
  /** A text-only bed generated as one window and repeated seamlessly over the whole segment. */
  loop: z.boolean().default(false),
  /** The part of the picture the model is shown (fractions of the displayed frame); null = the whole frame. */
  focus: FocusBox.nullable().default(null),
})
export type GenerationParams = z.infer<typeof GenerationParams>

export const DEFAULT_GENERATION: GenerationParams = {
  prompt: '',
  negativePrompt: 'music',
  seed: null,
  steps: 25,
  cfg: 4.5,
  windowSec: 8,
  maskAwayClip: false,
  takes: 3,
  provider: 'fal',
  textOnly: false,
  loop: false,
  focus: null,
}

/** The mix settings of one take; preview and export read the same numbers. */
export const TakeMix = z.object({
  gainDb: z.number().min(-60).max(24),
  fadeInMs: z.number().int().min(0).max(60_000),
  fadeOutMs: z.number().int().min(0).max(60_000),
  /** Slide against the picture, ±250 ms in 10 ms steps in the UI. */
  nudgeMs: z.number().int().min(-1000).max(1000),
  muted: z.boolean(),
  solo: z.boolean(),
})
export type TakeMix = z.infer<typeof TakeMix>

export const DEFAULT_TAKE_MIX: TakeMix = {
  gainDb: 0,
  fadeInMs: 10,
  fadeOutMs: 10,
  nudgeMs: 0,
  muted: false,
  solo: false,
}

/** One generated sound for a segment, normalised to 48 kHz and trimmed to the segment's length. */
export const Take = z.object({
  id: Id,
  provider: ProviderId,
  seed: z.number().int(),
  /** Absolute path of the normalised audio file (WAV 48 kHz). */
  path: FilePath,
  relativePath: z.string().optional(),
  durationSec: z.number().positive(),
  requestIds: z.array(z.string()),
  createdAt: z.string(),
  /** EBU R128 integrated loudness of the take's file, measured when it arrived; null when silent or unmeasured. */
  integratedLufs: z.number().nullable().optional(),
  /**
   * The gain Match loudness last gave this take when it was chosen. While the take's gain still equals it (or 0,
   * when it was never set), the gain counts as untouched and matching may set it again.
   */
  matchedGainDb: z.number().optional(),
  mix: TakeMix,
})
export type Take = z.infer<typeof Take>

/**
 * Where a segment is. Sound made from a picture belongs to that picture: a `source` segment is a range of its
 * asset's own time, and it sounds wherever clips show that range (moving, trimming, splitting or deleting clips
 * never touches it). A `timeline` segment is a range of timeline time: a text-only bed, or a range over a gap or
 * across a cut.
 */
export const SourceAnchor = z.object({
  kind: z.literal('source'),
  assetId: Id,
  inSec: z.number().nonnegative(),
  outSec: z.number().positive(),
})
export type SourceAnchor = z.infer<typeof SourceAnchor>

export const TimelineAnchor = z.object({
  kind: z.literal('timeline'),
  startSec: z.number().nonnegative(),
  endSec: z.number().positive(),
})
export type TimelineAnchor = z.infer<typeof TimelineAnchor>

export const SegmentAnchor = z.discriminatedUnion('kind', [SourceAnchor, TimelineAnchor])
export type SegmentAnchor = z.infer<typeof SegmentAnchor>

/** A range that gets generated sound, with its takes. Take time 0 is the segment's start. */
export const Segment = z.object({
  id: Id,
  anchor: SegmentAnchor,
  /** Sound lane index, 0 = the first generated lane. */
  lane: z.number().int().nonnegative(),
  params: GenerationParams,
  takes: z.array(Take),
  activeTakeId: Id.nullable(),
})
export type Segment = z.infer<typeof Segment>

export const ORIGINAL_AUDIO_MODES = ['keep', 'lower', 'duck', 'mute'] as const
export const OriginalAudio = z.object({
  mode: z.enum(ORIGINAL_AUDIO_MODES),
  /** Gain applied in 'lower' mode. */
  lowerDb: z.number().min(-60).max(0),
  /** How far the original dips under generated sound in 'duck' mode. */
  duckDb: z.number().min(-60).max(0),
  /** Ramp time into and out of a duck. */
  duckFadeMs: z.number().int().min(0).max(5000),
})
export type OriginalAudio = z.infer<typeof OriginalAudio>

export const DEFAULT_ORIGINAL_AUDIO: OriginalAudio = { mode: 'keep', lowerDb: -12, duckDb: -10, duckFadeMs: 300 }

/** The project file format. 2: segments are anchored (source or timeline); 1 kept them in timeline time. */
export const PROJECT_VERSION = 2

export const Project = z.object({
  version: z.literal(PROJECT_VERSION),
  id: Id,
  name: z.string(),
  assets: z.array(Asset),
  clips: z.array(Clip),
  segments: z.array(Segment),
  original: OriginalAudio,
  /** Start timecode and frame rate; absent in files written before they existed (then the defaults hold). */
  timeline: TimelineSettings.optional(),
  createdAt: z.string(),
  updatedAt: z.string(),
})
export type Project = z.infer<typeof Project>
