// Random sequences of real editor gestures: sound must stay with its picture through any sequence of edits.
//
// Each case is a small project (clips of one or two files, segments made from their pictures, text beds, each
// with a take) driven through editorReducer by a few random gestures: move, trim, split, delete, ripple delete,
// place, undo, redo and, in some modes, segment edits. After every step the clips, the segments as drawn, the
// mix as heard and the history are checked: where each segment and take shows or sounds is compared with where
// its picture shows, worked out here from the clips alone. Seeded and deterministic: a failure names its mode,
// case and seed, and the shortest action sequence found that still fails.
import { isDeepStrictEqual } from 'node:util'
import { assert, describe, it } from 'vitest'
import { frameSec } from '../../../../renderer/src/state/clipEdits'
import {
  createEditorState,
  editorReducer,
  type EditorAction,
  type EditorState,
} from '../../../../renderer/src/state/editor'
import { emptyProject } from '../../../../renderer/src/state/project'
import { describeMix, type PlacedTake } from '../../../../shared/domain/mix'
import {
  clipEndSec,
  clipLengthSec,
  layoutSegments,
  segmentLengthSec,
  segmentPieces,
  timelineEndSec,
} from '../../../../shared/domain/placement'
import { DEFAULT_TAKE_MIX, type Clip, type Project, type Segment } from '../../../../shared/domain/project'
import { FLOAT_EPS, roundSec, TIME_EPS } from '../../../../shared/domain/time'
import { asset, attached, clip, segment, take } from '../fixtures'

/** Slack for a time rounded twice (an edit's result, then a piece's ends). */
const EPS = 2 * TIME_EPS
/** Slack for "the same source time" after a few sums of rounded times. */
const NEAR = 10 * TIME_EPS

interface Mode {
  name: string
  /** Case k is built from seed + k. */
  seed: number
  cases: number
  /** Drops exactly on cuts or a hair off them, splits a frame from a clip's edge. */
  edgy: boolean
  /** Takes nudged, faded, shorter or longer than their segment; loop beds. */
  varied: boolean
  /** Segments moved, resized, added, attached and detached between the clip edits. */
  segmentEdits: boolean
}

const MODES: Mode[] = [
  { name: 'clip edits', seed: 1_000_000, cases: 600, edgy: false, varied: false, segmentEdits: false },
  { name: 'edgy clip edits', seed: 2_000_000, cases: 600, edgy: true, varied: false, segmentEdits: false },
  { name: 'varied takes', seed: 3_000_000, cases: 600, edgy: false, varied: true, segmentEdits: false },
  { name: 'segment edits', seed: 4_000_000, cases: 600, edgy: false, varied: false, segmentEdits: true },
  { name: 'all at once', seed: 5_000_000, cases: 600, edgy: true, varied: true, segmentEdits: true },
]

// ---------- random numbers ----------

type Rng = () => number

/** mulberry32: a tiny seeded generator in [0, 1), so a case is rebuilt from its seed alone. */
function mulberry32(seed: number): Rng {
  let a = seed | 0
  return () => {
    a = (a + 0x6d2b79f5) | 0
    let t = Math.imul(a ^ (a >>> 15), 1 | a)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

const intIn = (r: Rng, lo: number, hi: number) => lo + Math.floor(r() * (hi - lo + 1))
const pick = <T>(r: Rng, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!
/** A time in [lo, hi]: on a 0.1 s grid most of the time, else anywhere (float noise in what it builds). */
const timeIn = (r: Rng, lo: number, hi: number) =>
  r() < 0.8 ? Math.round((lo + r() * (hi - lo)) * 10) / 10 : lo + r() * (hi - lo)

// ---------- projects ----------

/** Up to four clips of one or two files (touching or with gaps), picture-made segments and text beds. */
function genProject(r: Rng, mode: Mode): Project {
  const assets = [asset('a', pick(r, [4, 6, 8, 10, 12])), asset('b', pick(r, [3, 4, 6, 9]), 30)].slice(
    0,
    intIn(r, 1, 2),
  )
  const clips: Clip[] = []
  let at = r() < 0.7 ? 0 : timeIn(r, 0, 2)
  const clipCount = intIn(r, 1, 4)
  for (let i = 0; i < clipCount; i++) {
    const a = pick(r, assets)
    let inSec = timeIn(r, 0, a.durationSec - 0.5)
    let outSec = timeIn(r, inSec + 0.2, a.durationSec)
    if (r() < 0.3) {
      inSec = 0
      outSec = a.durationSec
    }
    if (outSec - inSec < 0.2) outSec = Math.min(a.durationSec, inSec + 0.5)
    inSec = roundSec(inSec)
    outSec = roundSec(outSec)
    if (outSec <= inSec) continue
    at = roundSec(at)
    clips.push(clip(`C${i}`, a.id, at, inSec, outSec))
    at = roundSec(at + (outSec - inSec)) + (r() < 0.6 ? 0 : timeIn(r, 0, 2))
  }
  const segments: Segment[] = []
  const attachedCount = intIn(r, 0, 4)
  for (let i = 0; i < attachedCount; i++) {
    const a = pick(r, assets)
    const inSec = timeIn(r, 0, a.durationSec - 0.5)
    const outSec = Math.min(a.durationSec, Math.max(inSec + 0.5, timeIn(r, inSec + 0.5, a.durationSec)))
    segments.push(withTake(r, mode, attached(`S${i}`, a.id, roundSec(inSec), roundSec(outSec), intIn(r, 0, 2))))
  }
  const bedCount = intIn(r, 0, 2)
  for (let i = 0; i < bedCount; i++) {
    const startSec = timeIn(r, 0, at + 2)
    const bed = segment(`T${i}`, roundSec(startSec), roundSec(startSec + timeIn(r, 0.5, 6)), intIn(r, 0, 3))
    segments.push(withTake(r, mode, bed, true))
  }
  return { ...emptyProject('p', 'now'), assets, clips, segments }
}

/** The segment with one active take: as long as the segment, or (varied) nudged, shorter, longer, looped. */
function withTake(r: Rng, mode: Mode, s: Segment, bed = false): Segment {
  const lengthSec = segmentLengthSec(s)
  const durationSec = roundSec(
    mode.varied && r() < 0.4 ? Math.max(0.3, lengthSec * pick(r, [0.5, 0.9, 1.3])) : lengthSec,
  )
  const nudgeMs = mode.varied && r() < 0.4 ? pick(r, [-250, -100, -10, 10, 120, 250]) : 0
  const mix = { ...DEFAULT_TAKE_MIX, nudgeMs, fadeInMs: pick(r, [0, 10, 500]), fadeOutMs: pick(r, [0, 10, 700]) }
  const tk = take(`k-${s.id}`, { durationSec, mix })
  const loop = mode.varied && bed && r() < 0.5
  return {
    ...s,
    params: bed ? { ...s.params, textOnly: true, loop } : s.params,
    takes: [tk],
    activeTakeId: tk.id,
  }
}

// ---------- steps ----------

type StepKind = 'move' | 'trimStart' | 'trimEnd' | 'split' | 'delete' | 'ripple' | 'place' | 'undo' | 'redo' | 'seg'

/** One gesture: the actions the UI dispatches for it, and what the checks need to know about it. */
interface Step {
  kind: StepKind
  actions: EditorAction[]
  /** The clip a clip edit is about. */
  clipId?: string
}

const UNDO: Step = { kind: 'undo', actions: [{ type: 'undo' }] }
const REDO: Step = { kind: 'redo', actions: [{ type: 'redo' }] }

/** A random gesture on the current project; `n` makes the ids of new things unique within the case. */
function genStep(r: Rng, state: EditorState, mode: Mode, n: number): Step {
  const p = state.history.present
  const endSec = timelineEndSec(p.clips)
  const clipId = p.clips.length > 0 ? pick(r, p.clips).id : undefined
  const roll = mode.segmentEdits ? r() * 1.25 : r()
  if (roll < 0.16 && clipId) return moveStep(r, p, mode, clipId, endSec)
  if (roll < 0.34 && clipId) {
    const edge = r() < 0.5 ? 'start' : 'end'
    const deltaSec = r() < 0.15 ? pick(r, [-100, 100]) : timeIn(r, -4, 4)
    const kind = edge === 'start' ? 'trimStart' : 'trimEnd'
    return { kind, clipId, actions: [{ type: 'clipTrimmed', clipId, edge, deltaSec }] }
  }
  if (roll < 0.5 && clipId) return splitStep(r, p, mode, clipId, endSec, `N${n}`)
  if (roll < 0.62 && clipId) {
    const ripple = r() < 0.5
    const actions: EditorAction[] = [
      { type: 'selected', selection: { kind: 'clip', id: clipId } },
      { type: 'selectionDeleted', ripple },
    ]
    return { kind: ripple ? 'ripple' : 'delete', clipId, actions }
  }
  if (roll < 0.68)
    return { kind: 'place', actions: [{ type: 'assetPlaced', assetId: pick(r, p.assets).id, clipId: `P${n}` }] }
  if (roll < 0.88) return UNDO
  if (roll < 1) return REDO
  return p.segments.length > 0 ? segmentStep(r, p, endSec, `A${n}`) : UNDO
}

/** A drop anywhere, or (often when edgy) on a cut, or a hair or a frame off one. */
function moveStep(r: Rng, p: Project, mode: Mode, clipId: string, endSec: number): Step {
  const cuts = p.clips.flatMap((c) => [c.startSec, clipEndSec(c)])
  let startSec = r() < (mode.edgy ? 0.7 : 0.3) ? pick(r, cuts) : timeIn(r, 0, endSec + 3)
  if (mode.edgy && r() < 0.3) startSec += pick(r, [-1e-9, 1e-9, -2e-6, 2e-6, 1 / 25, -1 / 30])
  return { kind: 'move', clipId, actions: [{ type: 'clipMoved', clipId, startSec }] }
}

/** The playhead put in the clip (or anywhere), or (edgy) on its edge or a frame from it, then S. */
function splitStep(r: Rng, p: Project, mode: Mode, clipId: string, endSec: number, newClipId: string): Step {
  const c = p.clips.find((x) => x.id === clipId)!
  const clipEnd = clipEndSec(c)
  let sec = r() < 0.8 ? c.startSec + timeIn(r, 0, clipEnd - c.startSec) : timeIn(r, 0, endSec)
  if (mode.edgy && r() < 0.4) {
    sec = pick(r, [c.startSec + 1 / 25, clipEnd - 1 / 25, c.startSec + 1 / 30, clipEnd - 1 / 30, c.startSec, clipEnd])
  }
  return {
    kind: 'split',
    actions: [
      { type: 'playheadMoved', sec },
      { type: 'splitAtPlayhead', newClipId },
    ],
  }
}

/** A segment's piece dragged or resized, a new segment marked, or a segment attached or detached. */
function segmentStep(r: Rng, p: Project, endSec: number, newSegmentId: string): Step {
  const s = pick(r, p.segments)
  const pieces = segmentPieces(p.clips, s)
  const pieceStartSec = pieces.length > 0 ? pick(r, pieces).startSec : 0
  const which = r()
  let action: EditorAction
  if (which < 0.35) {
    action = {
      type: 'segmentMoved',
      segmentId: s.id,
      pieceStartSec,
      startSec: timeIn(r, 0, endSec + 2),
      lane: intIn(r, 0, 3),
    }
  } else if (which < 0.7) {
    const edge = r() < 0.5 ? 'start' : 'end'
    action = { type: 'segmentResized', segmentId: s.id, pieceStartSec, edge, deltaSec: timeIn(r, -3, 3) }
  } else if (which < 0.85) {
    const startSec = timeIn(r, 0, endSec)
    action = {
      type: 'segmentAdded',
      segmentId: newSegmentId,
      startSec,
      endSec: startSec + timeIn(r, 0.3, 4),
      lane: intIn(r, 0, 2),
    }
  } else {
    action = { type: 'segmentAnchored', segmentId: s.id, attach: r() < 0.5 }
  }
  return { kind: 'seg', actions: [action] }
}

/** A project and the gestures to apply to it; targets are chosen on the project each gesture will meet. */
function genCase(seed: number, mode: Mode): { project: Project; steps: Step[] } {
  const r = mulberry32(seed)
  const project = genProject(r, mode)
  const stepCount = intIn(r, 1, 12)
  let state = createEditorState(project)
  const steps: Step[] = []
  for (let n = 1; n <= stepCount; n++) {
    const step = genStep(r, state, mode, n)
    steps.push(step)
    state = step.actions.reduce(editorReducer, state)
  }
  return { project, steps }
}

// ---------- invariants ----------

function violated(message: string): never {
  throw new Error(message)
}

const show = (x: unknown) => JSON.stringify(x)

/** Sorted, non-overlapping, unique, at least one frame, within their file, on the microsecond grid. */
function checkClips(p: Project): void {
  for (const [i, c] of p.clips.entries()) {
    const a = p.assets.find((x) => x.id === c.assetId)!
    if (c.inSec < -EPS || c.outSec > a.durationSec + EPS) violated(`clip ${c.id} outside its asset: ${show(c)}`)
    if (clipLengthSec(c) < frameSec(p, c) - NEAR) violated(`clip ${c.id} shorter than a frame: ${show(c)}`)
    if (c.startSec < -EPS) violated(`clip ${c.id} starts before 0: ${show(c)}`)
    if (Math.abs(c.startSec - roundSec(c.startSec)) > FLOAT_EPS)
      violated(`clip ${c.id} start not rounded: ${c.startSec}`)
    const prev = p.clips[i - 1]
    if (!prev) continue
    if (prev.startSec > c.startSec)
      violated(`clips not sorted: ${prev.id}@${prev.startSec} before ${c.id}@${c.startSec}`)
    if (clipEndSec(prev) > c.startSec + EPS)
      violated(`clips overlap: ${prev.id} ends ${clipEndSec(prev)} > ${c.id} starts ${c.startSec}`)
  }
  if (new Set(p.clips.map((c) => c.id)).size !== p.clips.length) violated('duplicate clip ids')
}

/** The source times of an asset that its clips show at timeline time `sec` (several when a clip is used twice). */
function pictureAt(p: Project, assetId: string, sec: number): number[] {
  return p.clips
    .filter((c) => c.assetId === assetId && c.startSec <= sec + EPS && sec < clipEndSec(c) + EPS)
    .map((c) => c.inSec + (sec - c.startSec))
}

/** Where on the timeline [fromSec, toSec) of an asset's time shows, straight from the clips. */
function pictureRanges(p: Project, assetId: string, fromSec: number, toSec: number): Array<[number, number]> {
  const ranges: Array<[number, number]> = []
  for (const c of p.clips) {
    if (c.assetId !== assetId) continue
    const lo = Math.max(fromSec, c.inSec)
    const hi = Math.min(toSec, c.outSec)
    if (hi - lo > TIME_EPS) ranges.push([c.startSec + lo - c.inSec, c.startSec + hi - c.inSec])
  }
  return ranges.sort((x, y) => x[0] - y[0])
}

/** Whether the ranges together cover [from, to), give or take NEAR. */
function covers(ranges: ReadonlyArray<readonly [number, number]>, from: number, to: number): boolean {
  let reached = from
  for (const [start, end] of [...ranges].sort((x, y) => x[0] - y[0])) {
    if (start > reached + NEAR) break
    reached = Math.max(reached, end)
  }
  return reached >= to - NEAR
}

/** Sound stays with its picture: a source segment's pieces show exactly where the clips show its range. */
function checkSegmentPieces(p: Project): void {
  for (const s of p.segments) {
    if (s.anchor.kind !== 'source') continue
    const a = s.anchor
    const pieces = segmentPieces(p.clips, s).sort((x, y) => x.startSec - y.startSec)
    for (const piece of pieces) {
      if (piece.endSec - piece.startSec <= 0) violated(`empty piece of ${s.id}`)
      for (const f of [0, 0.25, 0.5, 0.999]) {
        const sec = piece.startSec + f * (piece.endSec - piece.startSec)
        const want = a.inSec + piece.offsetSec + (sec - piece.startSec)
        const shown = pictureAt(p, a.assetId, sec)
        if (!shown.some((x) => Math.abs(x - want) < NEAR))
          violated(`piece of ${s.id} at ${sec} is source ${want} but the picture shows ${show(shown)}`)
        if (want < a.inSec - EPS || want > a.outSec + EPS) violated(`piece of ${s.id} outside its range at ${sec}`)
      }
    }
    for (const [i, piece] of pieces.entries()) {
      const prev = pieces[i - 1]
      if (!prev) continue
      if (piece.startSec < prev.endSec - EPS) violated(`pieces of ${s.id} overlap at ${piece.startSec}`)
      const continues =
        Math.abs(piece.startSec - prev.endSec) < TIME_EPS / 2 &&
        Math.abs(piece.offsetSec - (prev.offsetSec + prev.endSec - prev.startSec)) < TIME_EPS / 2
      if (continues) violated(`segment ${s.id}: pieces that continue each other not joined at ${prev.endSec}`)
    }
    const drawn = pieces.map((x) => [x.startSec, x.endSec] as const)
    for (const [lo, hi] of pictureRanges(p, a.assetId, a.inSec, a.outSec))
      if (!covers(drawn, lo, hi)) violated(`segment ${s.id}: its picture shows at [${lo}, ${hi}) but no piece does`)
  }
}

/** As drawn: nothing overlaps on a lane, and every segment is drawn as its pieces. */
function checkLanes(p: Project): void {
  const layout = layoutSegments(p)
  const lanes = new Map<number, typeof layout.pieces>()
  for (const piece of layout.pieces) lanes.set(piece.lane, [...(lanes.get(piece.lane) ?? []), piece])
  for (const [lane, pieces] of lanes) {
    const sorted = [...pieces].sort((x, y) => x.startSec - y.startSec)
    for (const [i, x] of sorted.entries()) {
      const prev = sorted[i - 1]
      if (prev && x.startSec < prev.endSec - NEAR)
        violated(`lane ${lane}: ${prev.segmentId} and ${x.segmentId} overlap`)
    }
  }
  for (const s of p.segments) {
    const want = segmentPieces(p.clips, s).map((x) => [x.startSec, x.endSec])
    const got = layout.pieces.filter((x) => x.segmentId === s.id).map((x) => [x.startSec, x.endSec])
    if (!isDeepStrictEqual(want.sort(), got.sort()))
      violated(`${s.id} drawn at ${show(got)}, its pieces are ${show(want)}`)
  }
}

/** As heard (ducking on, so the envelope is built too): every take plays where, and only where, it belongs. */
function checkMix(p: Project): void {
  const mix = describeMix({ ...p, original: { ...p.original, mode: 'duck' } })
  const endSec = timelineEndSec(p.clips)
  if (Math.abs(mix.timelineSec - endSec) > EPS) violated(`mix is ${mix.timelineSec} s, the timeline ${endSec} s`)
  for (const s of p.segments) {
    const placed = mix.takes.filter((x) => x.segmentId === s.id)
    if (s.anchor.kind === 'source' && !s.params.loop) checkTakeFollowsPicture(p, s, placed)
    else checkBed(s, placed, endSec)
  }
}

/** A picture-made take: each sample plays over the frame it was made for, never silent where that frame shows. */
function checkTakeFollowsPicture(p: Project, s: Segment, placed: readonly PlacedTake[]): void {
  const tk = s.takes.find((x) => x.id === s.activeTakeId)
  if (!tk || s.anchor.kind !== 'source') return
  const a = s.anchor
  const nudgeSec = tk.mix.nudgeMs / 1000
  const soundSec = Math.min(tk.durationSec, segmentLengthSec(s))
  const sorted = [...placed].sort((x, y) => x.startSec - y.startSec)
  for (const [i, pt] of sorted.entries()) {
    checkPlacedInFile(s, pt, tk.durationSec)
    for (const f of [0, 0.5, 0.999]) {
      const sec = pt.startSec + f * pt.durationSec
      const want = a.inSec + nudgeSec + pt.offsetSec + (sec - pt.startSec)
      const shown = pictureAt(p, a.assetId, sec)
      if (!shown.some((x) => Math.abs(x - want) < NEAR))
        violated(`mix: take of ${s.id} at ${sec} is source ${want}, the picture shows ${show(shown)}`)
    }
    checkEdgeFades(s, pt, soundSec)
    const prev = sorted[i - 1]
    if (!prev) continue
    const prevEnd = prev.startSec + prev.durationSec
    if (pt.startSec < prevEnd - EPS) violated(`mix: pieces of ${s.id} overlap at ${pt.startSec}`)
    if (
      Math.abs(pt.startSec - prevEnd) < TIME_EPS / 2 &&
      Math.abs(pt.offsetSec - (prev.offsetSec + prev.durationSec)) < TIME_EPS / 2
    )
      violated(`mix: ${s.id} continues at ${pt.startSec} but is cut into two voices`)
  }
  const heard = sorted.map((x) => [x.startSec, x.startSec + x.durationSec] as const)
  for (const [lo, hi] of pictureRanges(p, a.assetId, a.inSec + nudgeSec, a.inSec + nudgeSec + soundSec))
    if (!covers(heard, lo, hi)) violated(`mix: ${s.id} silent at [${lo}, ${hi}) where its picture shows`)
  // Un-nudged and covering its segment, the take is heard exactly where the segment is drawn.
  if (nudgeSec === 0 && tk.durationSec >= segmentLengthSec(s) - EPS) {
    const drawn = segmentPieces(p.clips, s).map((x) => [roundSec(x.startSec), roundSec(x.endSec)])
    const rounded = heard.map(([lo, hi]) => [roundSec(lo), roundSec(hi)])
    if (!isDeepStrictEqual(drawn, rounded))
      violated(`mix: ${s.id} heard at ${show(rounded)} but drawn at ${show(drawn)}`)
  }
}

/** A bed (or a loop): plays from its own file, within the timeline. */
function checkBed(s: Segment, placed: readonly PlacedTake[], endSec: number): void {
  const tk = s.takes.find((x) => x.id === s.activeTakeId)
  if (!tk) return
  for (const pt of placed) {
    checkPlacedInFile(s, pt, tk.durationSec)
    if (pt.startSec < -EPS || pt.startSec + pt.durationSec > Math.max(endSec, 0) + EPS)
      violated(`bed ${s.id} plays outside the timeline: ${pt.startSec} + ${pt.durationSec}`)
  }
  if (s.params.loop) return
  const sorted = [...placed].sort((x, y) => x.startSec - y.startSec)
  for (const [i, pt] of sorted.entries()) {
    checkEdgeFades(s, pt, Math.min(tk.durationSec, segmentLengthSec(s)))
    const prev = sorted[i - 1]
    if (prev && pt.startSec < prev.startSec + prev.durationSec - EPS) violated(`mix: pieces of ${s.id} overlap`)
  }
}

/** A short fade at a piece's edge exactly where an edit cuts the take, not where the sound begins or ends. */
function checkEdgeFades(s: Segment, pt: PlacedTake, soundSec: number): void {
  const cutIn = pt.offsetSec > TIME_EPS
  const cutOut = pt.offsetSec + pt.durationSec < soundSec - TIME_EPS
  if (cutIn !== pt.edgeInSec > 0 || cutOut !== pt.edgeOutSec > 0)
    violated(`mix: ${s.id} edge fades ${pt.edgeInSec}/${pt.edgeOutSec} but cut ${cutIn}/${cutOut}`)
}

function checkPlacedInFile(s: Segment, pt: PlacedTake, fileSec: number): void {
  if (pt.durationSec <= 0) violated(`placed take of ${s.id} has no length`)
  if (pt.offsetSec < -EPS || pt.offsetSec + pt.durationSec > fileSec + EPS)
    violated(`placed take of ${s.id} reads outside its file: ${pt.offsetSec} + ${pt.durationSec} of ${fileSec}`)
}

function checkProject(p: Project): void {
  checkClips(p)
  checkSegmentPieces(p)
  checkLanes(p)
  checkMix(p)
}

const timelineSegments = (p: Project) => p.segments.filter((s) => s.anchor.kind === 'timeline')
const sourceSegments = (p: Project) => p.segments.filter((s) => s.anchor.kind === 'source')

/** What each recorded gesture may and must change, before → after. */
function checkEdit(step: Step, before: Project, after: Project): void {
  if (isDeepStrictEqual(before, after)) violated('a history entry that changes nothing')
  if (step.kind === 'seg') return
  if (!isDeepStrictEqual(sourceSegments(before), sourceSegments(after)))
    violated('a clip edit changed a source segment')
  if (!isDeepStrictEqual(before.assets, after.assets)) violated('a clip edit changed the assets')
  const beforeById = new Map(before.clips.map((c) => [c.id, c]))
  const afterById = new Map(after.clips.map((c) => [c.id, c]))
  const bedsKept = () => {
    if (!isDeepStrictEqual(timelineSegments(before), timelineSegments(after))) violated(`${step.kind} changed a bed`)
  }
  switch (step.kind) {
    case 'move':
      bedsKept()
      if (afterById.size !== beforeById.size) violated('a move changed the clip count')
      for (const [id, c] of beforeById) {
        const d = afterById.get(id)
        if (!d || d.inSec !== c.inSec || d.outSec !== c.outSec) violated(`a move changed clip ${id}'s picture`)
        if (id !== step.clipId && d.startSec < c.startSec - EPS) violated(`a move pulled ${id} left`)
      }
      return
    case 'trimStart':
    case 'trimEnd': {
      bedsKept()
      for (const [id, c] of beforeById)
        if (id !== step.clipId && !isDeepStrictEqual(c, afterById.get(id)))
          violated(`a trim changed another clip ${id}`)
      const c0 = beforeById.get(step.clipId!)!
      const c1 = afterById.get(step.clipId!)!
      if (Math.abs(c0.startSec - c0.inSec - (c1.startSec - c1.inSec)) > EPS)
        violated(`a head trim slid the picture: ${show(c0)} → ${show(c1)}`)
      if (step.kind === 'trimEnd' && (c0.startSec !== c1.startSec || c0.inSec !== c1.inSec))
        violated('a tail trim moved the start or in point')
      return
    }
    case 'split': {
      bedsKept()
      const added = after.clips.filter((c) => !beforeById.has(c.id))
      if (added.length !== 1) violated(`a split added ${added.length} clips`)
      const right = added[0]!
      const left = after.clips.find((c) => beforeById.has(c.id) && !isDeepStrictEqual(c, beforeById.get(c.id)))
      if (!left) violated('a split changed no clip')
      const whole = beforeById.get(left.id)!
      if (left.outSec !== right.inSec || Math.abs(clipEndSec(left) - right.startSec) > EPS)
        violated('the halves of a split do not touch')
      if (left.startSec !== whole.startSec || left.inSec !== whole.inSec || right.outSec !== whole.outSec)
        violated('a split lost picture')
      return
    }
    case 'delete':
    case 'ripple':
      checkDelete(step.kind === 'ripple', beforeById.get(step.clipId!)!, before, after)
      return
    case 'place':
      bedsKept()
      return
  }
}

/** A delete removes the clip; a ripple delete also pulls what starts after it (clips and beds) left by its length. */
function checkDelete(ripple: boolean, gone: Clip, before: Project, after: Project): void {
  if (after.clips.some((c) => c.id === gone.id) || after.clips.length !== before.clips.length - 1)
    violated('a delete did not remove exactly its clip')
  const lengthSec = clipLengthSec(gone)
  const goneEnd = clipEndSec(gone)
  const shift = (startSec: number) => (ripple && startSec >= goneEnd - EPS ? lengthSec : 0)
  for (const c of after.clips) {
    const c0 = before.clips.find((x) => x.id === c.id)!
    if (Math.abs(c0.startSec - shift(c0.startSec) - c.startSec) > EPS || c.inSec !== c0.inSec || c.outSec !== c0.outSec)
      violated(`a ${ripple ? 'ripple ' : ''}delete moved clip ${c.id} wrongly: ${show(c0)} → ${show(c)}`)
  }
  const beds0 = timelineSegments(before)
  const beds1 = timelineSegments(after)
  for (const [i, bed] of beds0.entries()) {
    const x = bed.anchor
    const y = beds1[i]?.anchor
    if (x.kind !== 'timeline' || y?.kind !== 'timeline') violated(`bed ${bed.id} lost`)
    const d = shift(x.startSec)
    if (Math.abs(x.startSec - d - y.startSec) > EPS || Math.abs(x.endSec - d - y.endSec) > EPS)
      violated(`a ${ripple ? 'ripple ' : ''}delete moved bed ${bed.id} from ${show(x)} to ${show(y)} (shift ${d})`)
  }
}

// ---------- running, shrinking, reporting ----------

interface Failure {
  /** The step after which the check failed (0: the project as built). */
  afterStep: number
  message: string
}

/**
 * Applies the steps through the reducer, checking the project after each. Undo and redo are checked against a
 * model history: undo restores exactly the project before the last recorded edit, redo re-applies it.
 */
function runCase(project: Project, steps: readonly Step[]): Failure | null {
  let state = createEditorState(project)
  const past: Project[] = []
  const future: Project[] = []
  const apply = (step: Step) => {
    const before = state.history.present
    state = step.actions.reduce(editorReducer, state)
    const after = state.history.present
    if (step.kind === 'undo') {
      if (!isDeepStrictEqual(after, past.at(-1) ?? before)) violated('undo did not restore the previous project')
      if (past.length > 0) {
        past.pop()
        future.unshift(before)
      }
    } else if (step.kind === 'redo') {
      if (!isDeepStrictEqual(after, future[0] ?? before)) violated('redo did not re-apply the undone edit')
      if (future.length > 0) {
        future.shift()
        past.push(before)
      }
    } else if (after !== before) {
      if (state.history.past.length === 0) violated('an edit recorded no history')
      checkEdit(step, before, after)
      past.push(before)
      future.length = 0
    }
  }
  for (let i = 0; i <= steps.length; i++) {
    try {
      if (i > 0) apply(steps[i - 1]!)
      checkProject(state.history.present)
    } catch (e) {
      return { afterStep: i, message: e instanceof Error ? e.message : String(e) }
    }
  }
  return null
}

/** A failure's kind: its message without the numbers, so shrinking keeps the same failure. */
const failureKind = (f: Failure) => f.message.replace(/-?\d+(\.\d+)?(e-?\d+)?/g, '#').slice(0, 60)

/** Drops steps, segments and clips one at a time while the same kind of failure remains. */
function shrink(project: Project, steps: Step[], failure: Failure) {
  const kind = failureKind(failure)
  let best = { project, steps, failure }
  const stillFails = (p: Project, s: Step[]) => {
    const f = runCase(p, s)
    if (!f || failureKind(f) !== kind) return false
    best = { project: p, steps: s, failure: f }
    return true
  }
  let shrunk = true
  while (shrunk) {
    const { project: p, steps: s } = best
    shrunk =
      s.some((_, i) => stillFails(p, s.slice(0, i).concat(s.slice(i + 1)))) ||
      p.segments.some((x) => stillFails({ ...p, segments: p.segments.filter((y) => y !== x) }, s)) ||
      p.clips.some((x) => stillFails({ ...p, clips: p.clips.filter((y) => y !== x) }, s))
  }
  return best
}

/** The first failing case of a mode, shrunk and described so it can be rebuilt and read; null when all pass. */
function firstFailure(mode: Mode): string | null {
  for (let n = 0; n < mode.cases; n++) {
    const seed = mode.seed + n
    const { project, steps } = genCase(seed, mode)
    const failure = runCase(project, steps)
    if (!failure) continue
    const min = shrink(project, steps.slice(0, failure.afterStep), failure)
    const take0 = (s: Segment) => s.takes.find((x) => x.id === s.activeTakeId)
    return [
      `${mode.name}: case ${n}, seed ${seed} (genCase(${seed}, MODES[${MODES.indexOf(mode)}]) in this file rebuilds it)`,
      `after step ${min.failure.afterStep} of ${min.steps.length}: ${min.failure.message}`,
      `shrunk from ${steps.length} steps, ${project.clips.length} clips, ${project.segments.length} segments to:`,
      `  assets [id, sec, fps]: ${show(min.project.assets.map((a) => [a.id, a.durationSec, a.video.fps]))}`,
      `  clips [id, asset, start, in, out]: ${show(min.project.clips.map((c) => [c.id, c.assetId, c.startSec, c.inSec, c.outSec]))}`,
      ...min.project.segments.map(
        (s) =>
          `  segment ${s.id} on lane ${s.lane}: ${show(s.anchor)} loop ${s.params.loop} take ${show({ sec: take0(s)?.durationSec, nudgeMs: take0(s)?.mix.nudgeMs })}`,
      ),
      ...min.steps.map((s, i) => `  step ${i + 1}: ${s.actions.map(show).join(' then ')}`),
    ].join('\n')
  }
  return null
}

describe('random edit sequences through the editor keep sound with its picture', () => {
  for (const mode of MODES) {
    it(`${mode.name} (${mode.cases} cases)`, () => {
      const failure = firstFailure(mode)
      assert(failure === null, failure ?? undefined)
    })
  }
})
