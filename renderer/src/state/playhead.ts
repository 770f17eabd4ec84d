// Playhead stepping by frames: the frame grid of the clip under the playhead (its own fps, counted from its
// start on the timeline), or the 25 fps project grid over empty track.
import { clipEndSec, layoutSegments } from '../../../shared/domain/placement'
import type { Project } from '../../../shared/domain/project'
import { TIME_EPS } from '../../../shared/domain/time'
import { clipAt, clipFps } from './clipEdits'

/** The nearest frame boundary to `sec` on the grid of the clip under it (25 fps over empty track). */
export function frameAligned(project: Project, sec: number): number {
  const clip = clipAt(project, sec)
  const fps = clipFps(project, clip)
  const originSec = clip?.startSec ?? 0
  return Math.max(0, originSec + Math.round((sec - originSec) * fps) / fps)
}

export function playheadStepped(project: Project, playheadSec: number, frames: number): number {
  const clip = clipAt(project, playheadSec) ?? (frames < 0 ? clipAt(project, playheadSec - TIME_EPS) : undefined)
  const fps = clipFps(project, clip)
  const originSec = clip?.startSec ?? 0
  const frame = Math.round((playheadSec - originSec) * fps)
  return Math.max(0, originSec + (frame + frames) / fps)
}

/** The next (dir 1) or previous (dir −1) edit point from `sec`: clip and segment edges, and 0. */
export function editPoint(project: Project, sec: number, dir: 1 | -1): number {
  const points = [0]
  for (const c of project.clips) points.push(c.startSec, clipEndSec(c))
  for (const p of layoutSegments(project).pieces) points.push(p.startSec, p.endSec)
  const candidates = points.filter((p) => (dir > 0 ? p > sec + TIME_EPS : p < sec - TIME_EPS))
  if (candidates.length === 0) return sec
  return dir > 0 ? Math.min(...candidates) : Math.max(...candidates)
}
