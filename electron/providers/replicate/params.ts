// Replicate `zsxkib/mmaudio`: the version it runs, what it can do, and how our request maps to its input.
import { toNativeParams, type NativeParams } from '../paramRange'
import type { ProviderRequest, ProviderCapabilities } from '../types'

export const REPLICATE_MODEL = 'zsxkib/mmaudio'

/**
 * The newest version id in the reference (has the `image` input, matches cog-mmaudio HEAD). A community
 * model is only reachable by version id, so it is a setting: see createReplicateProvider({ version }).
 */
export const DEFAULT_REPLICATE_VERSION = '0e759d66310ead26e0880bd9111db74ef7bccb3081b49653da706bc5a8db87f0'

export function isReplicateVersionId(v: string): boolean {
  return /^[0-9a-f]{64}$/.test(v)
}

/**
 * From cog-mmaudio predict.py: optional `video` (so text-to-audio too), negative prompt (their default
 * "music": always sent), seed ≥ -1 (we send 0–65535), num_steps, cfg_strength ≥ 1, duration ≥ 1; no
 * mask_away_clip. Upper bounds are not documented: ours are a guard [inferred]. No published price or
 * concurrency limit; 4 is a cautious default [inferred].
 */
export const REPLICATE_CAPABILITIES: ProviderCapabilities = {
  videoToAudio: true,
  textToAudio: true,
  params: {
    negativePrompt: true,
    seed: { min: 0, max: 65535 },
    steps: { min: 1, max: 100 },
    cfg: { min: 1, max: 20 },
    maskAwayClip: false,
    integerDuration: false,
  },
  durationSec: { min: 1, max: 30 },
  defaultConcurrency: 4,
}

/** The `input` of POST /v1/predictions for zsxkib/mmaudio. */
export type ReplicateInput = NativeParams & {
  /** The uploaded file's urls.get; absent for text-to-audio (the output is then FLAC, not MP4). */
  video?: string
}

export function toReplicateInput(req: ProviderRequest, videoUrl?: string): ReplicateInput {
  return { ...toNativeParams(req, REPLICATE_CAPABILITIES), ...(videoUrl === undefined ? {} : { video: videoUrl }) }
}

/** The model's input names → our ProviderRequest field names, for errors that name a field. */
export const REPLICATE_FIELDS: Readonly<Record<string, string>> = {
  video: 'videoPath',
  prompt: 'prompt',
  negative_prompt: 'negativePrompt',
  duration: 'durationSec',
  num_steps: 'steps',
  cfg_strength: 'cfg',
  seed: 'seed',
}
