// What a segment asks main to generate from: the picture it belongs to (video mode) or only its length (text
// mode). PURE. A segment made from a picture asks for its own range of its file wherever its clips are now, so
// the request after any clip edit is the one it was before (and the cache answers it). A segment in timeline
// time must lie over one clip: MMAudio hears one continuous shot, and a request carries one source range, so a
// segment across a cut or over a gap is refused with a sentence saying how to fix it (split it at the cut, or
// generate from text). Generating each part separately would put a seam in the sound exactly where the picture
// cuts, and half-paid parts when one side fails. Cuts found inside the range go with the request, so the chunk
// seams of a long range keep off them.
import type { GenerationRequest } from '../../../../shared/domain/generation'
import { clipEndSec, clipLengthSec, segmentLengthSec } from '../../../../shared/domain/placement'
import type { GenerationParams, Project, Segment } from '../../../../shared/domain/project'
import { cutsWithin } from '../../../../shared/domain/shots'
import { roundSec, TIME_EPS } from '../../../../shared/domain/time'
import { formatTimecode } from '../../lib/timecode'

type Source = NonNullable<GenerationRequest['source']>

export type SourceResult =
  /** `attaches`: the segment is in timeline time over one clip; generating from that picture attaches it there. */
  { ok: true; source: Source; attaches?: true } | { ok: false; message: string }

/** An asset's picture cuts (seconds of its file); none where it has not been scanned. */
export type CutsOf = (assetId: string) => readonly number[]
const NO_CUTS: CutsOf = () => []

/** The source range, with the cuts inside it when there are any (a request without cuts stays as it was). */
function sourceOf(path: string, assetId: string, inSec: number, outSec: number, cutsOf: CutsOf): Source {
  const cutsSec = cutsWithin(cutsOf(assetId), inSec, outSec)
  return cutsSec.length > 0 ? { path, inSec, outSec, cutsSec } : { path, inSec, outSec }
}

export function segmentSource(project: Project, segment: Pick<Segment, 'anchor'>, cutsOf = NO_CUTS): SourceResult {
  const a = segment.anchor
  const name = (assetId: string) => project.assets.find((x) => x.id === assetId)?.name ?? 'a clip'
  if (a.kind === 'source') {
    const asset = project.assets.find((x) => x.id === a.assetId)
    if (!asset)
      return { ok: false, message: 'The file this segment was made from is no longer in the project. Import it again.' }
    return { ok: true, source: sourceOf(asset.path, asset.id, a.inSec, a.outSec, cutsOf) }
  }
  const under = project.clips
    .filter((c) => c.startSec < a.endSec - TIME_EPS && clipEndSec(c) > a.startSec + TIME_EPS)
    .sort((x, y) => x.startSec - y.startSec)
  const clip = under[0]
  if (!clip) {
    return {
      ok: false,
      message: 'There is no picture under this segment. Move it over a clip, or generate from text only.',
    }
  }
  if (under.length > 1) {
    return {
      ok: false,
      message: `This segment spans a cut (${name(clip.assetId)} → ${name(under[1]!.assetId)} at ${formatTimecode(clipEndSec(clip), 2)}). Split it at the cut so each part follows one shot, or generate from text only.`,
    }
  }
  if (a.startSec < clip.startSec - TIME_EPS || a.endSec > clip.startSec + clipLengthSec(clip) + TIME_EPS) {
    return {
      ok: false,
      message: 'Part of this segment has no picture under it. Trim it to the clip, or generate from text only.',
    }
  }
  const asset = project.assets.find((x) => x.id === clip.assetId)
  if (!asset) return { ok: false, message: 'The clip under this segment has lost its media file. Import it again.' }
  const inSec = roundSec(clip.inSec + (a.startSec - clip.startSec))
  const outSec = roundSec(clip.inSec + (a.endSec - clip.startSec))
  return { ok: true, source: sourceOf(asset.path, asset.id, inSec, outSec, cutsOf), attaches: true }
}

export type RequestResult = { ok: true; request: GenerationRequest; attaches?: true } | { ok: false; message: string }

/** The request for a segment: video mode from the picture it belongs to, or text mode with its length. */
export function generationRequest(
  project: Project,
  segment: Segment,
  params: GenerationParams,
  textOnly: boolean,
  cutsOf = NO_CUTS,
): RequestResult {
  if (textOnly) {
    if (!params.prompt.trim()) return { ok: false, message: 'Text-only generation needs a prompt: describe the sound.' }
    // A loop is generated as one window and repeated over the segment (one call, whatever its length).
    const lengthSec = segmentLengthSec(segment)
    const durationSec = roundSec(params.loop ? Math.min(lengthSec, params.windowSec) : lengthSec)
    // No picture is sent, so no part of one is focused on.
    return { ok: true, request: { segmentId: segment.id, durationSec, params: { ...params, focus: null } } }
  }
  const src = segmentSource(project, segment, cutsOf)
  if (!src.ok) return src
  const request = { segmentId: segment.id, source: src.source, params }
  return src.attaches ? { ok: true, request, attaches: true } : { ok: true, request }
}
