// What a segment asks main to generate from: the picture under it (video mode) or only its length (text mode).
// PURE. A segment must lie over one clip: MMAudio hears one continuous shot, and a request carries one source
// range, so a segment across a cut or over a gap is refused with a sentence saying how to fix it (split the
// segment at the cut, or generate from text). Generating each part separately would put a seam in the sound
// exactly where the picture cuts, and half-paid parts when one side fails.
import type { GenerationRequest } from '../../../../shared/domain/generation'
import type { GenerationParams, Project, Segment } from '../../../../shared/domain/project'
import { clipEndSec } from '../../state/clipEdits'
import { formatTimecode, roundSec } from '../../lib/timecode'

const EPS = 1e-6

export type SourceResult =
  | { ok: true; source: { path: string; inSec: number; outSec: number } }
  | { ok: false; message: string }

export function segmentSource(project: Project, segment: Pick<Segment, 'startSec' | 'endSec'>): SourceResult {
  const under = project.clips
    .filter((c) => c.startSec < segment.endSec - EPS && clipEndSec(c) > segment.startSec + EPS)
    .sort((a, b) => a.startSec - b.startSec)
  const clip = under[0]
  if (!clip) {
    return { ok: false, message: 'There is no picture under this segment. Move it over a clip, or generate from text only.' }
  }
  const name = (assetId: string) => project.assets.find((a) => a.id === assetId)?.name ?? 'a clip'
  if (under.length > 1) {
    return {
      ok: false,
      message: `This segment spans a cut (${name(clip.assetId)} → ${name(under[1]!.assetId)} at ${formatTimecode(clipEndSec(clip), 2)}). Split it at the cut so each part follows one shot, or generate from text only.`,
    }
  }
  if (segment.startSec < clip.startSec - EPS || segment.endSec > clipEndSec(clip) + EPS) {
    return { ok: false, message: 'Part of this segment has no picture under it. Trim it to the clip, or generate from text only.' }
  }
  const asset = project.assets.find((a) => a.id === clip.assetId)
  if (!asset) return { ok: false, message: 'The clip under this segment has lost its media file. Import it again.' }
  const inSec = roundSec(clip.inSec + (segment.startSec - clip.startSec))
  const outSec = roundSec(clip.inSec + (segment.endSec - clip.startSec))
  return { ok: true, source: { path: asset.path, inSec, outSec } }
}

export type RequestResult = { ok: true; request: GenerationRequest } | { ok: false; message: string }

/** The request for a segment: video mode from the clip under it, or text mode with the segment's length. */
export function generationRequest(
  project: Project,
  segment: Segment,
  params: GenerationParams,
  textOnly: boolean,
): RequestResult {
  if (textOnly) {
    if (!params.prompt.trim()) return { ok: false, message: 'Text-only generation needs a prompt: describe the sound.' }
    return { ok: true, request: { segmentId: segment.id, durationSec: roundSec(segment.endSec - segment.startSec), params } }
  }
  const src = segmentSource(project, segment)
  return src.ok ? { ok: true, request: { segmentId: segment.id, source: src.source, params } } : src
}
