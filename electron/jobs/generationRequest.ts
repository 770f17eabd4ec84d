// A generation request (the contract's GenerationRequest: one segment, a range of a source video or text only)
// as the generate service reads it: its checks, its chunk window, and its identity. Checks are pure; the
// identity reads the source's fast content hash (size, mtime, head and tail), not the whole file.
import { createHash } from 'node:crypto'
import { MAX_WINDOW_SEC, type ChunkPlan, type ChunkWindow } from '../../shared/domain/chunks'
import { AppError } from '../../shared/domain/errors'
import type { GenerationRequest } from '../../shared/domain/generation'
import { contentHash } from '../media/contentHash'
import { UPLOAD_FPS } from '../media/ffmpeg/args/uploadCut'
import { MAX_TIMELINE_SEC } from '../project/openChecks'
import type { AudioProvider, ProviderCapabilities } from '../providers/types'

/** PURE: the mode and length of a request, or a BAD_INPUT sentence; the provider must offer the mode. */
export function validateSegment(
  request: GenerationRequest,
  provider: Pick<AudioProvider, 'label' | 'capabilities'>,
): { mode: 'video' | 'text'; durationSec: number } {
  const mode = request.source ? 'video' : 'text'
  const durationSec = request.source ? request.source.outSec - request.source.inSec : (request.durationSec ?? NaN)
  if (!(Number.isFinite(durationSec) && durationSec > 0)) {
    throw new AppError(
      'BAD_INPUT',
      mode === 'video'
        ? 'The range to generate must end after it starts.'
        : 'Text-to-audio needs a positive duration in seconds.',
    )
  }
  if (request.source && request.source.inSec < 0)
    throw new AppError('BAD_INPUT', 'The range to generate cannot start before 0 s.')
  if (durationSec > MAX_TIMELINE_SEC || (request.source && request.source.outSec > MAX_TIMELINE_SEC)) {
    throw new AppError(
      'BAD_INPUT',
      `A segment must lie within the first ${MAX_TIMELINE_SEC / 3600} hours (this one reaches ${(request.source?.outSec ?? durationSec).toExponential(2)} s).`,
    )
  }
  if (mode === 'video' && !provider.capabilities.videoToAudio) {
    throw new AppError('BAD_INPUT', `${provider.label} only generates from text; pick another provider for video.`)
  }
  if (mode === 'text' && !provider.capabilities.textToAudio) {
    throw new AppError('BAD_INPUT', `${provider.label} does not generate from text alone; pick another provider.`)
  }
  if (!request.params.prompt.trim() && mode === 'text') throw new AppError('BAD_INPUT', 'Text-to-audio needs a prompt.')
  if (!(Number.isInteger(request.params.takes) && request.params.takes >= 1)) {
    throw new AppError('BAD_INPUT', 'The number of takes must be a whole number of 1 or more.')
  }
  return { mode, durationSec }
}

/** PURE: the picture's cuts inside the request's range, in seconds from its start (what the chunk plan keeps seams off). */
export function cutsInRange(request: Pick<GenerationRequest, 'source'>): number[] {
  const source = request.source
  if (!source?.cutsSec) return []
  return source.cutsSec.filter((t) => t > source.inSec && t < source.outSec).map((t) => t - source.inSec)
}

/** PURE: the window one call may ask for: the user's choice, never past 10 s or the provider's maximum. */
export function chunkWindowSec(windowSec: number, capabilities: Pick<ProviderCapabilities, 'durationSec'>): number {
  return Math.max(1, Math.min(windowSec, MAX_WINDOW_SEC, capabilities.durationSec.max))
}

/**
 * Identity of a request apart from its seeds: source identity and range (or the text), every parameter, the
 * provider and the chunk plan. The journal files entries under it, so a rerun finds a take's seed again.
 */
export async function segmentKey(request: GenerationRequest, mode: 'video' | 'text', plan: ChunkPlan): Promise<string> {
  const { seed: _seed, takes: _takes, ...params } = request.params
  const source = request.source
    ? { hash: await contentHash(request.source.path), inSec: request.source.inSec, outSec: request.source.outSec }
    : null
  const text = JSON.stringify([mode, source, params, plan.chunks.map((c) => [c.startSec, c.endSec])])
  return createHash('sha256').update(text).digest('hex')
}

/**
 * PURE: how far before a chunk's start its upload begins, so the upload's 25 fps frames fall on the 25 fps grid
 * of the source (k / 25 s) instead of between its frames. Without it a segment starting between frames shifts
 * every sound by up to one frame (40 ms); with it, a 25 fps source is sampled frame for frame. The extra lead
 * (< 40 ms) is generated and cut off again in the join. Text mode has no picture: no lead.
 */
export function chunkLeadSec(request: Pick<GenerationRequest, 'source'>, chunk: Pick<ChunkWindow, 'startSec'>): number {
  if (!request.source) return 0
  const startSec = request.source.inSec + chunk.startSec
  const lead = startSec - Math.floor(startSec * UPLOAD_FPS + 1e-6) / UPLOAD_FPS
  return lead < 1e-6 ? 0 : lead
}

/** PURE: the plan as the join sees it: each chunk's audio file starts `lead` earlier than its window. */
export function joinPlanFor(request: Pick<GenerationRequest, 'source'>, plan: ChunkPlan): ChunkPlan {
  return { ...plan, chunks: plan.chunks.map((c) => ({ ...c, startSec: c.startSec - chunkLeadSec(request, c) })) }
}
