// The one mix description that the preview (Web Audio) and the export (ffmpeg) both play. PURE: no Node, no DOM.
//
// Conventions both sides follow:
// - Gains are in dB; `SILENCE_DB` (−Infinity) is silence, so dbToGain(SILENCE_DB) === 0.
// - A take's own fades are linear in amplitude (ffmpeg afade `tri`, Web Audio linear ramps); a loop's seams
//   crossfade with equal power (afade `qsin`: sin of a quarter turn; Web Audio samples the same curve).
// - Envelope ramps between breakpoints are linear in amplitude, not in dB, for the same reason.
// - A mono take is centred with an equal-power pan: each side at −3 dB (what ffmpeg's upmix does).
import { loopPlan } from './loop'
import { segmentLengthSec, sourcePieces, timelineEndSec, type Piece } from './placement'
import type { Clip, OriginalAudio, Project, Segment, Take } from './project'
import { TIME_EPS } from './time'

export const SILENCE_DB = -Infinity

/** How long a take fades where an edit cuts it (a trimmed clip edge, a cut, an end of the timeline): no click. */
export const EDGE_FADE_SEC = 0.005

export type FadeCurve = 'linear' | 'equalPower'

/** A fade of a take, in take time (the file's own time). */
export interface Fade {
  startSec: number
  durationSec: number
  direction: 'in' | 'out'
  curve: FadeCurve
}

/** A fade's gain at a take time: 0 or 1 outside it, the curve inside. */
export function fadeGainAt(fade: Fade, timeSec: number): number {
  const x = Math.min(1, Math.max(0, (timeSec - fade.startSec) / fade.durationSec))
  const up = fade.direction === 'in' ? x : 1 - x
  return fade.curve === 'linear' ? up : Math.sin((up * Math.PI) / 2)
}

/**
 * One piece of a take as it sounds on the timeline. A take sounds where its segment is (slid by its nudge); a
 * segment made from a picture sounds through each clip that shows that picture, so one take can be several
 * pieces (a split clip moved apart, a clip used twice) or none (its clip deleted); a loop is one piece or more
 * per repeat.
 */
export interface PlacedTake {
  segmentId: string
  takeId: string
  /** Which piece of the take this is (0 for the first), so a take cut in two stays two voices. */
  pieceIndex: number
  path: string
  /** Timeline time of the first sample that plays. */
  startSec: number
  /** Where in the take's file that sample is: take time. */
  offsetSec: number
  /** How long it plays. */
  durationSec: number
  gainDb: number
  /**
   * Fades in take time, applied before the piece is cut from the file: the take's own at the ends of what its
   * segment uses, a loop's crossfades at its seams. Each starts at take time 0 or later.
   */
  fades: Fade[]
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
 * Where [fromSec, fromSec + lengthSec) of the segment's own time sounds, slid by the nudge: through the clips that
 * show it (a source segment) or as it is, within the timeline (a timeline segment). offsetSec is from fromSec.
 */
export function takePieces(
  clips: readonly Clip[],
  segment: Pick<Segment, 'anchor'>,
  lengthSec: number,
  nudgeSec: number,
  endSec: number,
  fromSec = 0,
): Piece[] {
  const a = segment.anchor
  const at = fromSec + nudgeSec
  if (a.kind === 'source') return sourcePieces(clips, a.assetId, a.inSec + at, a.inSec + at + lengthSec)
  const startSec = a.startSec + at
  const lo = Math.max(0, startSec)
  const hi = Math.min(endSec, startSec + lengthSec)
  return hi - lo > TIME_EPS ? [{ startSec: lo, endSec: hi, offsetSec: lo - startSec, clipIds: [] }] : []
}

/**
 * What of the take plays, in segment time: the take once (cut to the segment), or a loop's repeats over the whole
 * segment. Each with its fades in its own take time: the take's own fades (linear, the mix's fade in/out) at the
 * ends of the whole sound, and a loop's equal-power crossfades at its seams.
 */
function takeRepeats(segment: Segment, take: Take): Array<{ startSec: number; durationSec: number; fades: Fade[] }> {
  const lengthSec = segmentLengthSec(segment)
  const { mix } = take
  if (!segment.params.loop) {
    const soundSec = Math.min(take.durationSec, lengthSec)
    return [
      {
        startSec: 0,
        durationSec: soundSec,
        fades: ownFades(mix.fadeInMs / 1000, mix.fadeOutMs / 1000, soundSec, soundSec),
      },
    ]
  }
  const plan = loopPlan(lengthSec, take.durationSec)
  const last = plan.repeats.length - 1
  return plan.repeats.map((r, k) => {
    const seam = (direction: 'in' | 'out', startSec: number): Fade => ({
      startSec,
      durationSec: plan.crossfadeSec,
      direction,
      curve: 'equalPower',
    })
    const seams = [
      ...(r.fadeIn ? [seam('in', 0)] : []),
      ...(r.fadeOut ? [seam('out', take.durationSec - plan.crossfadeSec)] : []),
    ]
    // The loop's own fades live in its first and last repeat, clear of their seams.
    const room = r.durationSec - (r.fadeIn ? plan.crossfadeSec : 0) - (r.fadeOut ? plan.crossfadeSec : 0)
    const own = ownFades(
      k === 0 ? mix.fadeInMs / 1000 : 0,
      k === last ? mix.fadeOutMs / 1000 : 0,
      Math.max(0, room),
      r.durationSec,
    )
    return { startSec: r.startSec, durationSec: r.durationSec, fades: [...own, ...seams] }
  })
}

/** A fade in at take time 0 and one out ending at `endSec`, fitted together into `roomSec`. */
function ownFades(inSec: number, outSec: number, roomSec: number, endSec: number): Fade[] {
  const fit = fitFades(inSec, outSec, roomSec)
  return [
    ...(fit.inSec > 0
      ? [{ startSec: 0, durationSec: fit.inSec, direction: 'in' as const, curve: 'linear' as const }]
      : []),
    ...(fit.outSec > 0
      ? [
          {
            startSec: endSec - fit.outSec,
            durationSec: fit.outSec,
            direction: 'out' as const,
            curve: 'linear' as const,
          },
        ]
      : []),
  ]
}

/** Each segment's active take, placed piece by piece; muted takes never sound, and any solo silences the rest. */
export function soundingTakes(
  project: Pick<Project, 'clips' | 'segments'>,
  endSec = timelineEndSec(project.clips),
): PlacedTake[] {
  const active = project.segments.flatMap((segment) => {
    const take = activeTake(segment)
    return take ? [{ segment, take }] : []
  })
  const anySolo = active.some(({ take }) => take.mix.solo && !take.mix.muted)
  const placed: PlacedTake[] = []
  for (const { segment, take } of active) {
    const { mix } = take
    if (mix.muted || (anySolo && !mix.solo)) continue
    let pieceIndex = 0
    for (const repeat of takeRepeats(segment, take)) {
      for (const piece of takePieces(
        project.clips,
        segment,
        repeat.durationSec,
        mix.nudgeMs / 1000,
        endSec,
        repeat.startSec,
      )) {
        const durationSec = piece.endSec - piece.startSec
        const edges = fitFades(
          piece.offsetSec > TIME_EPS ? EDGE_FADE_SEC : 0,
          piece.offsetSec + durationSec < repeat.durationSec - TIME_EPS ? EDGE_FADE_SEC : 0,
          durationSec,
        )
        placed.push({
          segmentId: segment.id,
          takeId: take.id,
          pieceIndex: pieceIndex++,
          path: take.path,
          startSec: piece.startSec,
          offsetSec: piece.offsetSec,
          durationSec,
          gainDb: mix.gainDb,
          fades: repeat.fades,
          edgeInSec: edges.inSec,
          edgeOutSec: edges.outSec,
        })
      }
    }
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
export function originalEnvelope(original: OriginalAudio, takes: readonly PlacedTake[], endSec: number): GainPoint[] {
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
/**
 * The whole mix of a project, over its timeline: from 0 to the end of the last clip (or to `endSec`, for sound
 * without picture, such as the CLI's text beds).
 */
export function describeMix(
  project: Pick<Project, 'clips' | 'segments' | 'original'>,
  endSec = timelineEndSec(project.clips),
): MixDescription {
  const takes = soundingTakes(project, endSec)
  const envelope = originalEnvelope(project.original, takes, endSec)
  return { timelineSec: endSec, takes, original: { mode: project.original.mode, envelope } }
}
