// The one mix description that the preview (Web Audio) and the export (ffmpeg) both play. PURE: no Node, no DOM.
//
// Conventions both sides follow:
// - Gains are in dB; `SILENCE_DB` (−Infinity) is silence, so dbToGain(SILENCE_DB) === 0.
// - Take fades are linear in amplitude (ffmpeg afade's default `tri`, Web Audio linearRampToValueAtTime).
// - Envelope ramps between breakpoints are linear in amplitude, not in dB, for the same reason.
// - A mono take is centred with an equal-power pan: each side at −3 dB (what ffmpeg's upmix does).
import { segmentLengthSec, sourcePieces, timelineEndSec, type Piece } from './placement'
import type { Clip, OriginalAudio, Project, Segment, Take } from './project'
import { TIME_EPS } from './time'

export const SILENCE_DB = -Infinity

/** How long a take fades where an edit cuts it (a trimmed clip edge, a cut, an end of the timeline): no click. */
export const EDGE_FADE_SEC = 0.005

/**
 * One piece of a take as it sounds on the timeline. A take sounds where its segment is (slid by its nudge); a
 * segment made from a picture sounds through each clip that shows that picture, so one take can be several
 * pieces (a split clip moved apart, a clip used twice) or none (its clip deleted).
 */
export interface PlacedTake {
  segmentId: string
  takeId: string
  /** Which piece of the take this is (0 for the first), so a take cut in two stays two voices. */
  pieceIndex: number
  path: string
  /** Timeline time of the first sample that plays. */
  startSec: number
  /** Where in the take's file that sample is: take time (0 = the segment's start). */
  offsetSec: number
  /** How long it plays. */
  durationSec: number
  gainDb: number
  /** The take's length as its segment uses it; its own fades sit at its ends, in take time. */
  takeSec: number
  /** The take's own fades: in over take time [0, fadeInSec), out over [takeSec − fadeOutSec, takeSec). */
  fadeInSec: number
  fadeOutSec: number
  /** Fades at the piece's own start and end where an edit cuts the take there (0 where the take itself begins/ends). */
  edgeInSec: number
  edgeOutSec: number
}

/** A breakpoint of a gain envelope; between breakpoints the gain ramps linearly (in amplitude). */
export interface GainPoint {
  timeSec: number
  gainDb: number
}

export interface MixDescription {
  /** End of the last clip. */
  timelineSec: number
  /** The takes that sound, in timeline order. */
  takes: PlacedTake[]
  /** The gain of the clips' own audio over the timeline: at least one point, the first at 0 s. */
  original: { mode: OriginalAudio['mode']; envelope: GainPoint[] }
}

export function dbToGain(db: number): number {
  return db === SILENCE_DB ? 0 : 10 ** (db / 20)
}

export function gainToDb(gain: number): number {
  return gain <= 0 ? SILENCE_DB : 20 * Math.log10(gain)
}

function activeTake(segment: Segment): Take | undefined {
  return segment.takes.find((t) => t.id === segment.activeTakeId)
}

/**
 * Where take time [0, lengthSec) sounds: the segment's range slid by the nudge, through the clips that show it
 * (a source segment) or as it is, within the timeline (a timeline segment). offsetSec is take time.
 */
export function takePieces(
  clips: readonly Clip[],
  segment: Pick<Segment, 'anchor'>,
  lengthSec: number,
  nudgeSec: number,
  endSec: number,
): Piece[] {
  const a = segment.anchor
  if (a.kind === 'source') return sourcePieces(clips, a.assetId, a.inSec + nudgeSec, a.inSec + nudgeSec + lengthSec)
  const fromSec = a.startSec + nudgeSec
  const lo = Math.max(0, fromSec)
  const hi = Math.min(endSec, fromSec + lengthSec)
  return hi - lo > TIME_EPS ? [{ startSec: lo, endSec: hi, offsetSec: lo - fromSec, clipIds: [] }] : []
}

/** Each segment's active take, placed piece by piece; muted takes never sound, and any solo silences the rest. */
export function soundingTakes(project: Pick<Project, 'clips' | 'segments'>): PlacedTake[] {
  const endSec = timelineEndSec(project.clips)
  const active = project.segments.flatMap((segment) => {
    const take = activeTake(segment)
    return take ? [{ segment, take }] : []
  })
  const anySolo = active.some(({ take }) => take.mix.solo && !take.mix.muted)
  const placed: PlacedTake[] = []
  for (const { segment, take } of active) {
    const { mix } = take
    if (mix.muted || (anySolo && !mix.solo)) continue
    const takeSec = Math.min(take.durationSec, segmentLengthSec(segment))
    const fades = fitFades(mix.fadeInMs / 1000, mix.fadeOutMs / 1000, takeSec)
    takePieces(project.clips, segment, takeSec, mix.nudgeMs / 1000, endSec).forEach((piece, pieceIndex) => {
      const durationSec = piece.endSec - piece.startSec
      const edges = fitFades(
        piece.offsetSec > TIME_EPS ? EDGE_FADE_SEC : 0,
        piece.offsetSec + durationSec < takeSec - TIME_EPS ? EDGE_FADE_SEC : 0,
        durationSec,
      )
      placed.push({
        segmentId: segment.id,
        takeId: take.id,
        pieceIndex,
        path: take.path,
        startSec: piece.startSec,
        offsetSec: piece.offsetSec,
        durationSec,
        gainDb: mix.gainDb,
        takeSec,
        fadeInSec: fades.inSec,
        fadeOutSec: fades.outSec,
        edgeInSec: edges.inSec,
        edgeOutSec: edges.outSec,
      })
    })
  }
  return placed.sort((a, b) => a.startSec - b.startSec)
}

/** Fades that together would outlast the sound are shortened in proportion. */
function fitFades(inSec: number, outSec: number, durationSec: number): { inSec: number; outSec: number } {
  const total = inSec + outSec
  if (total <= durationSec) return { inSec, outSec }
  const scale = durationSec / total
  return { inSec: inSec * scale, outSec: outSec * scale }
}

/** Sorted, merged [start, end) ranges: ranges closer than `joinSec` become one. */
export function mergeRanges(ranges: ReadonlyArray<readonly [number, number]>, joinSec = 0): Array<[number, number]> {
  const sorted = [...ranges].sort((a, b) => a[0] - b[0])
  const merged: Array<[number, number]> = []
  for (const [start, end] of sorted) {
    const last = merged[merged.length - 1]
    if (last && start - last[1] <= joinSec) last[1] = Math.max(last[1], end)
    else merged.push([start, end])
  }
  return merged
}

/**
 * The original audio's gain over [0, timelineSec]. Duck: the gain ramps down over duckFadeMs *before* each
 * sounding take so the dip is complete when it starts, holds, and ramps back up over duckFadeMs after it ends.
 * Takes whose ramps would touch are merged into one dip, so the original never bobs up between them.
 */
export function originalEnvelope(
  original: OriginalAudio,
  takes: readonly PlacedTake[],
  endSec: number,
): GainPoint[] {
  switch (original.mode) {
    case 'keep':
      return [{ timeSec: 0, gainDb: 0 }]
    case 'lower':
      return [{ timeSec: 0, gainDb: original.lowerDb }]
    case 'mute':
      return [{ timeSec: 0, gainDb: SILENCE_DB }]
    case 'duck':
      return duckEnvelope(original, takes, endSec)
  }
}

function duckEnvelope(original: OriginalAudio, takes: readonly PlacedTake[], endSec: number): GainPoint[] {
  const fadeSec = original.duckFadeMs / 1000
  const dips = mergeRanges(
    takes.map((t) => [t.startSec, t.startSec + t.durationSec] as const),
    2 * fadeSec,
  )
  const raw: GainPoint[] = []
  for (const [start, end] of dips) {
    raw.push(
      { timeSec: start - fadeSec, gainDb: 0 },
      { timeSec: start, gainDb: original.duckDb },
      { timeSec: end, gainDb: original.duckDb },
      { timeSec: end + fadeSec, gainDb: 0 },
    )
  }
  return clipEnvelope(raw, Math.max(0, endSec))
}

/** The envelope's value at a time, in dB, without the float noise of the dB → gain → dB round trip. */
function dbAtSec(points: readonly GainPoint[], timeSec: number): number {
  const db = gainToDb(gainAtSec(points, timeSec))
  return db === SILENCE_DB ? db : Math.round(db * 1e9) / 1e9
}

/** The envelope restricted to [0, endSec]: ramps cut at either edge keep their in-between value there. */
function clipEnvelope(points: readonly GainPoint[], endSec: number): GainPoint[] {
  const inside = points.filter((p) => p.timeSec > 0 && p.timeSec < endSec)
  const out: GainPoint[] = [{ timeSec: 0, gainDb: dbAtSec(points, 0) }, ...inside]
  const tailDb = dbAtSec(points, endSec)
  const last = out[out.length - 1]!
  if (endSec > 0 && points.some((p) => p.timeSec >= endSec) && tailDb !== last.gainDb) {
    out.push({ timeSec: endSec, gainDb: tailDb })
  }
  return dropRedundant(out)
}

/** Removes points that lie on the straight line of their neighbours' equal values (flat runs). */
function dropRedundant(points: GainPoint[]): GainPoint[] {
  return points.filter((p, i) => {
    const prev = points[i - 1]
    const next = points[i + 1]
    return !(prev && next && prev.gainDb === p.gainDb && next.gainDb === p.gainDb)
  })
}

/** The envelope's gain (amplitude) at a time: held before the first and after the last point. */
export function gainAtSec(envelope: readonly GainPoint[], timeSec: number): number {
  const first = envelope[0]
  if (!first) return 1
  if (timeSec <= first.timeSec) return dbToGain(first.gainDb)
  for (let i = 1; i < envelope.length; i++) {
    const b = envelope[i]!
    if (timeSec < b.timeSec) {
      const a = envelope[i - 1]!
      const ga = dbToGain(a.gainDb)
      return ga + ((dbToGain(b.gainDb) - ga) * (timeSec - a.timeSec)) / (b.timeSec - a.timeSec)
    }
  }
  return dbToGain(envelope[envelope.length - 1]!.gainDb)
}

/** The whole mix of a project. */
export function describeMix(project: Pick<Project, 'clips' | 'segments' | 'original'>): MixDescription {
  const endSec = timelineEndSec(project.clips)
  const takes = soundingTakes(project)
  const envelope = originalEnvelope(project.original, takes, endSec)
  return { timelineSec: endSec, takes, original: { mode: project.original.mode, envelope } }
}
