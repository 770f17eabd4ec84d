// Sound stays with its picture: what sounds where after each clip edit, as exact numbers. The edits are the
// editor's own (clipEdits); the mapping is the one the preview schedule and the export plan both read.
import { describe, expect, it } from 'vitest'
import { EDGE_FADE_SEC, soundingTakes, type PlacedTake } from '../../../shared/domain/mix'
import { anchorForRange, layoutSegments, sourcePieces } from '../../../shared/domain/placement'
import { DEFAULT_TAKE_MIX, type Project, type Segment, type TakeMix } from '../../../shared/domain/project'
import { deleteClip, moveClip, splitClip, trimClip } from '../../../renderer/src/state/clipEdits'
import { addSegment, anchorSegment, moveSegment, resizeSegment } from '../../../renderer/src/state/segmentEdits'
import { asset, attached, clip, segment, shownSegments, twoClipProject } from '../renderer/fixtures'

const withTake = (s: Segment, durationSec: number, mix: Partial<TakeMix> = {}): Segment => ({
  ...s,
  takes: [{ id: `${s.id}-t`, provider: 'fal', seed: 1, path: `/takes/${s.id}.wav`, durationSec, requestIds: [], createdAt: '', mix: { ...DEFAULT_TAKE_MIX, fadeInMs: 0, fadeOutMs: 0, ...mix } }],
  activeTakeId: `${s.id}-t`,
})

/** Door: a 2 s take made from b[1, 3), shown by clip B (b[0,4) at 6 s), so it sounds at 7–9 s. */
const door = (mix: Partial<TakeMix> = {}) => twoClipProject({ segments: [withTake(attached('door', 'b', 1, 3), 2, mix)] })

/** [startSec, offsetSec, durationSec, edgeInSec, edgeOutSec] of every sounding piece. */
const heard = (p: Pick<Project, 'clips' | 'segments'>) =>
  soundingTakes(p).map((t: PlacedTake) => [t.startSec, t.offsetSec, t.durationSec, t.edgeInSec, t.edgeOutSec].map((x) => Math.round(x * 1e6) / 1e6))

describe('sound made from a picture goes where its picture goes', () => {
  it('sounds where its clip shows its range', () => {
    expect(heard(door())).toEqual([[7, 0, 2, 0, 0]])
  })

  it('moving the clip moves the sound with it (a drag, and the push of a reorder)', () => {
    expect(heard(moveClip(door(), 'B', 8))).toEqual([[9, 0, 2, 0, 0]])
    // B dropped at the front: B goes to 0 and A is pushed after it
    expect(heard(moveClip(door(), 'B', 0))).toEqual([[1, 0, 2, 0, 0]])
  })

  it('a head trim silences the frames trimmed away and moves neither the rest of the picture nor its sound', () => {
    const trimmed = trimClip(door(), 'B', 'start', 1.5)
    expect(trimmed.clips.find((c) => c.id === 'B')).toMatchObject({ startSec: 7.5, inSec: 1.5 })
    expect(heard(trimmed)).toEqual([[7.5, 0.5, 1.5, EDGE_FADE_SEC, 0]])
    // the trim taken back (extending the clip again) brings the sound back
    expect(heard(trimClip(trimmed, 'B', 'start', -1.5))).toEqual([[7, 0, 2, 0, 0]])
  })

  it('a tail trim cuts the sound at the new end with a short fade', () => {
    expect(heard(trimClip(door(), 'B', 'end', -1.5))).toEqual([[7, 0, 1.5, 0, EDGE_FADE_SEC]])
    expect(heard(trimClip(door(), 'B', 'end', -3.5))).toEqual([]) // nothing of b[1,3) is left on the timeline
  })

  it('a split keeps one sound where the halves still touch, and two pieces once a half moves', () => {
    const split = splitClip(door(), 'B', 7.5, 'B2')
    expect(heard(split)).toEqual([[7, 0, 2, 0, 0]])
    expect(layoutSegments(split).pieces[0]!.clipIds).toEqual(['B', 'B2'])
    const apart = moveClip(split, 'B2', 12)
    expect(heard(apart)).toEqual([
      [7, 0, 0.5, 0, EDGE_FADE_SEC],
      [12, 0.5, 1.5, EDGE_FADE_SEC, 0],
    ])
  })

  it('deleting the clip silences its sound; a ripple delete before it slides it along', () => {
    expect(heard(deleteClip(door(), 'B'))).toEqual([])
    expect(layoutSegments(deleteClip(door(), 'B')).pieces).toEqual([])
    expect(heard(deleteClip(door(), 'A', true))).toEqual([[1, 0, 2, 0, 0]])
  })

  it('two clips of the same stretch of a file each play the sound of the picture they show', () => {
    const twice = { ...door(), clips: [...door().clips, clip('C', 'b', 10, 2, 4)] }
    expect(heard(twice)).toEqual([
      [7, 0, 2, 0, 0],
      [10, 1, 1, EDGE_FADE_SEC, 0],
    ])
  })

  it("the take's own fades and nudge stay with its picture when an edit cuts it", () => {
    const p = trimClip(door({ fadeInMs: 1000, fadeOutMs: 200, nudgeMs: 40 }), 'B', 'start', 1.5)
    const [piece] = soundingTakes(p)
    // nudged 40 ms later against b: take time 0 sounds with b at 1.04 s; b 1.5 s is at 7.5 s on the timeline
    expect(piece).toMatchObject({
      startSec: 7.5,
      fades: [
        { startSec: 0, durationSec: 1, direction: 'in', curve: 'linear' },
        { startSec: 1.8, durationSec: 0.2, direction: 'out', curve: 'linear' },
      ],
      edgeInSec: EDGE_FADE_SEC,
      edgeOutSec: 0,
    })
    expect(piece!.offsetSec).toBeCloseTo(0.46, 9)
    expect(piece!.durationSec).toBeCloseTo(1.54, 9)
  })
})

describe('sound in timeline time stays where it is', () => {
  const bed = () => twoClipProject({ segments: [withTake(segment('bed', 2, 8), 6)] })

  it('does not follow a clip that moves under it', () => {
    expect(heard(moveClip(bed(), 'B', 8))).toEqual([[2, 0, 6, 0, 0]])
  })

  it('slides left with a ripple delete of a clip before it, and is cut at the end of the timeline', () => {
    const late = twoClipProject({ segments: [withTake(segment('bed', 6.5, 9.5), 3)] })
    expect(heard(deleteClip(late, 'A', true))).toEqual([[0.5, 0, 3, 0, 0]])
    expect(heard(trimClip(late, 'B', 'end', -2))).toEqual([[6.5, 0, 1.5, 0, EDGE_FADE_SEC]])
  })
})

describe('marking, moving and anchoring segments', () => {
  it('a range over one clip is stored in its source; over a gap or across a cut, in timeline time', () => {
    const p = twoClipProject({ clips: [clip('A', 'a', 0, 2, 8), clip('B', 'b', 6, 0, 4)] })
    expect(anchorForRange(p.clips, { startSec: 1, endSec: 3.5 }, true)).toEqual({ kind: 'source', assetId: 'a', inSec: 3, outSec: 5.5 })
    expect(anchorForRange(p.clips, { startSec: 5, endSec: 7 }, true)).toEqual({ kind: 'timeline', startSec: 5, endSec: 7 })
    expect(anchorForRange(p.clips, { startSec: 1, endSec: 3 }, false)).toEqual({ kind: 'timeline', startSec: 1, endSec: 3 })
    expect(addSegment(p, 's', { startSec: 7, endSec: 9 }).segments[0]!.anchor).toEqual({ kind: 'source', assetId: 'b', inSec: 1, outSec: 3 })
  })

  it('moving a segment along its clip slides it along the picture; off the clip it is marked again where it lands', () => {
    const along = moveSegment(door(), 'door', 7, 7.5, 0)
    expect(along.segments[0]!.anchor).toEqual({ kind: 'source', assetId: 'b', inSec: 1.5, outSec: 3.5 })
    const ontoA = moveSegment(door(), 'door', 7, 2, 0)
    expect(ontoA.segments[0]!.anchor).toEqual({ kind: 'source', assetId: 'a', inSec: 2, outSec: 4 })
    const acrossCut = moveSegment(door(), 'door', 7, 5, 0)
    expect(acrossCut.segments[0]!.anchor).toEqual({ kind: 'timeline', startSec: 5, endSec: 7 })
  })

  it('resizing the visible piece of a head-trimmed segment stops at the picture and keeps it in source time', () => {
    const trimmed = trimClip(door(), 'B', 'start', 1.5) // b[1,3) shows from 7.5 (b 1.5) to 9
    expect(resizeSegment(trimmed, 'door', 7.5, 'start', -1).segments[0]!.anchor).toMatchObject({ inSec: 1.5, outSec: 3 })
    expect(resizeSegment(trimmed, 'door', 7.5, 'end', 0.5).segments[0]!.anchor).toMatchObject({ inSec: 1, outSec: 3.5 })
  })

  it('attaching a bed to the clip under it, and detaching it again, leaves it where it sounds', () => {
    const p = twoClipProject({ segments: [withTake(segment('bed', 7, 9), 2)] })
    const on = anchorSegment(p, 'bed', true)
    expect(on.segments[0]!.anchor).toEqual({ kind: 'source', assetId: 'b', inSec: 1, outSec: 3 })
    expect(heard(moveClip(on, 'B', 10))).toEqual([[11, 0, 2, 0, 0]])
    const off = anchorSegment(moveClip(on, 'B', 10), 'bed', false)
    expect(off.segments[0]!.anchor).toEqual({ kind: 'timeline', startSec: 11, endSec: 13 })
    // a bed across a cut has no single picture to attach to
    const across = twoClipProject({ segments: [segment('x', 5, 7)] })
    expect(anchorSegment(across, 'x', true)).toBe(across)
  })

  it('a clip moved under another segment draws the later one a lane further down, never overlapping', () => {
    const p = twoClipProject({ segments: [withTake(segment('bed', 8, 9.5), 1.5), withTake(attached('door', 'a', 1, 3), 2)] })
    expect(shownSegments(p)).toEqual([['door', 1, 3, 0], ['bed', 8, 9.5, 0]])
    // With B gone and A moved to 7 s, the door (a 1–3 s) sounds at 8–10 s, over the bed: drawn on the next lane.
    const clashed = moveClip(deleteClip(p, 'B'), 'A', 7)
    expect(shownSegments(clashed)).toEqual([['bed', 8, 9.5, 0], ['door', 8, 10, 1]])
    expect(heard(clashed)).toEqual([[8, 0, 1.5, 0, 0], [8, 0, 2, 0, 0]])
  })
})

describe('sourcePieces', () => {
  it('joins pieces that continue each other on the timeline and in the source, and only those', () => {
    const clips = [clip('L', 'a', 0, 0, 2), clip('R', 'a', 2, 2, 4), clip('J', 'a', 4, 5, 6)]
    expect(sourcePieces(clips, 'a', 1, 5.5)).toEqual([
      { startSec: 1, endSec: 4, offsetSec: 0, clipIds: ['L', 'R'] },
      { startSec: 4, endSec: 4.5, offsetSec: 4, clipIds: ['J'] },
    ])
    expect(sourcePieces(clips, 'b', 0, 10)).toEqual([])
  })

  it('ignores assets of other clips even with the same times', () => {
    const p = { ...twoClipProject(), assets: [asset('a', 10), asset('b', 4)] }
    expect(sourcePieces(p.clips, 'a', 0, 3)).toEqual([{ startSec: 0, endSec: 3, offsetSec: 0, clipIds: ['A'] }])
  })
})
