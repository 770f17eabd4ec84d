// Pure edits of the clips on the video track. Invariants every edit keeps: clips never overlap, the array is
// sorted by startSec, a clip is at least one frame long and uses only [0, asset duration] of its asset.
// An edit that changes nothing returns the same Project object, so the history records no entry.
import { clipEndSec, clipLengthSec } from '../../../shared/domain/placement'
import type { Clip, Project, Segment } from '../../../shared/domain/project'
import { clamp, FLOAT_EPS, roundSec, TIME_EPS } from '../../../shared/domain/time'

/** The frame rate used when no clip says otherwise. */
export const PROJECT_FPS = 25

export function clipFps(project: Project, clip: Clip | undefined): number {
  if (!clip) return PROJECT_FPS
  return project.assets.find((a) => a.id === clip.assetId)?.video.fps ?? PROJECT_FPS
}

export function frameSec(project: Project, clip: Clip | undefined): number {
  return 1 / clipFps(project, clip)
}

/** The clip under a timeline time (a clip's end belongs to the next clip). */
export function clipAt(project: Project, sec: number): Clip | undefined {
  return project.clips.find((c) => c.startSec <= sec && sec < clipEndSec(c))
}

const byStart = (a: Clip, b: Clip) => a.startSec - b.startSec

function replaceClip(project: Project, clip: Clip, next: Clip): Project {
  if (next.startSec === clip.startSec && next.inSec === clip.inSec && next.outSec === clip.outSec) return project
  return { ...project, clips: project.clips.map((c) => (c === clip ? next : c)).sort(byStart) }
}

/**
 * Moves a clip to start at `startSec`, keeping the track free of overlaps:
 * - dropped inside another clip, it goes before that clip if the drop point is in its first half, else after;
 * - clips it then covers are pushed right just far enough (a chain of pushes), so dropping a clip at the front
 *   reorders the track; gaps further right are kept.
 */
export function moveClip(project: Project, clipId: string, startSec: number): Project {
  const moving = project.clips.find((c) => c.id === clipId)
  if (!moving) return project
  const lengthSec = clipLengthSec(moving)
  const others = project.clips.filter((c) => c !== moving).sort(byStart)
  let start = roundSec(Math.max(0, startSec))
  // A drop within TIME_EPS of a cut is on the cut: a clip's end is computed (start + out − in) and carries float
  // noise, and snapping drops exactly on cuts.
  const host = others.find((c) => c.startSec < start - TIME_EPS && start < clipEndSec(c) - TIME_EPS)
  if (host) start = start - host.startSec < clipLengthSec(host) / 2 ? host.startSec : roundSec(clipEndSec(host))
  if (start === moving.startSec) return project
  let endSec = start + lengthSec
  const placed = others.map((c) => {
    if (c.startSec >= start - TIME_EPS && c.startSec < endSec - FLOAT_EPS) {
      const pushed = { ...c, startSec: roundSec(endSec) }
      endSec = clipEndSec(pushed)
      return pushed
    }
    return c
  })
  return { ...project, clips: [...placed, { ...moving, startSec: start }].sort(byStart) }
}

/** Which end of a block on the timeline (a clip, a segment) an edit moves. */
export type Edge = 'start' | 'end'

/**
 * Trims one edge of a clip by `deltaSec` (positive = to the right). The start edge moves the timeline start and
 * the in point together; the end edge moves the out point. Bounded by the asset's length, by one frame of
 * picture left, and by the neighbouring clips (a trim never overwrites a neighbour).
 */
export function trimClip(project: Project, clipId: string, edge: Edge, deltaSec: number): Project {
  const clip = project.clips.find((c) => c.id === clipId)
  if (!clip) return project
  const asset = project.assets.find((a) => a.id === clip.assetId)
  const assetSec = asset?.durationSec ?? clip.outSec
  const minLen = frameSec(project, clip)
  const sorted = [...project.clips].sort(byStart)
  const i = sorted.indexOf(clip)
  if (edge === 'start') {
    const prevEnd = i > 0 ? clipEndSec(sorted[i - 1]!) : 0
    const lo = Math.max(-clip.inSec, prevEnd - clip.startSec)
    const hi = clipLengthSec(clip) - minLen
    const d = clamp(deltaSec, Math.min(lo, 0), Math.max(hi, 0))
    return replaceClip(project, clip, {
      ...clip,
      startSec: roundSec(clip.startSec + d),
      inSec: roundSec(clip.inSec + d),
    })
  }
  const next = sorted[i + 1]
  const room = next ? next.startSec - clipEndSec(clip) : Infinity
  const lo = clip.inSec + minLen - clip.outSec
  const hi = Math.min(assetSec - clip.outSec, room)
  const d = clamp(deltaSec, Math.min(lo, 0), Math.max(hi, 0))
  return replaceClip(project, clip, { ...clip, outSec: roundSec(clip.outSec + d) })
}

/** Splits a clip at timeline time `atSec` into two; the right part gets `newClipId`. Needs a frame each side. */
export function splitClip(project: Project, clipId: string, atSec: number, newClipId: string): Project {
  const clip = project.clips.find((c) => c.id === clipId)
  if (!clip) return project
  const minLen = frameSec(project, clip)
  const offset = atSec - clip.startSec
  if (offset < minLen - FLOAT_EPS || clipLengthSec(clip) - offset < minLen - FLOAT_EPS) return project
  const cut = roundSec(clip.inSec + offset)
  const left = { ...clip, outSec: cut }
  const right = { ...clip, id: newClipId, startSec: roundSec(atSec), inSec: cut }
  return { ...project, clips: project.clips.flatMap((c) => (c === clip ? [left, right] : [c])) }
}

/**
 * Removes a clip; the sound made from its picture goes with it (it shows nowhere until a clip shows that picture
 * again, e.g. after undo). With `ripple`, everything after it slides left by its length so the gap closes: the
 * clips (and the sound on their picture with them) and the segments in timeline time that start after it ends.
 */
export function deleteClip(project: Project, clipId: string, ripple = false): Project {
  const clip = project.clips.find((c) => c.id === clipId)
  if (!clip) return project
  const clips = project.clips.filter((c) => c !== clip)
  if (!ripple) return { ...project, clips }
  const endSec = clipEndSec(clip)
  const len = clipLengthSec(clip)
  return {
    ...project,
    clips: clips.map((c) => (c.startSec >= endSec - TIME_EPS ? { ...c, startSec: roundSec(c.startSec - len) } : c)),
    segments: project.segments.map((s) => (startsAfter(s, endSec) ? shiftedLeft(s, len) : s)),
  }
}

const startsAfter = (s: Segment, sec: number): boolean =>
  s.anchor.kind === 'timeline' && s.anchor.startSec >= sec - TIME_EPS

function shiftedLeft(s: Segment, bySec: number): Segment {
  if (s.anchor.kind !== 'timeline') return s
  const { startSec, endSec } = s.anchor
  return { ...s, anchor: { kind: 'timeline', startSec: roundSec(startSec - bySec), endSec: roundSec(endSec - bySec) } }
}
