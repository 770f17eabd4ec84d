// Playhead stepping by frames: the frame grid of the clip under the playhead (its own fps, counted from its
// start on the timeline), or the 25 fps project grid over empty track.
import type { Project } from '../../../shared/domain/project'
import { clipAt, clipFps } from './clipEdits'

export function playheadStepped(project: Project, playheadSec: number, frames: number): number {
  const clip = clipAt(project, playheadSec) ?? (frames < 0 ? clipAt(project, playheadSec - 1e-6) : undefined)
  const fps = clipFps(project, clip)
  const originSec = clip?.startSec ?? 0
  const frame = Math.round((playheadSec - originSec) * fps)
  return Math.max(0, originSec + (frame + frames) / fps)
}
