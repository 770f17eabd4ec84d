// The transport's pure rules: J/K/L shuttle speeds, what Space does, the audition's project and range, where a
// run starts and stops, and which picture is under a timeline time.
import type { Asset } from '../../../../shared/domain/asset'
import { segmentPieces, timelineEndSec } from '../../../../shared/domain/placement'
import { TIME_EPS } from '../../../../shared/domain/time'
import type { TransportKey } from '../../../../shared/domain/commands'
import type { Clip, Project } from '../../../../shared/domain/project'
import { clipAt } from '../../state/clipEdits'
import { auditionGainDb } from '../../state/loudnessMatch'

/** Playback speed: 0 stopped, 1 / 2 forward, −1 / −2 backward (picture only: nothing is rendered backwards). */
export type ShuttleRate = -2 | -1 | 0 | 1 | 2

/** L plays, L again plays at 2×; J runs backwards, J again at 2×; K stops; Space plays or stops. */
export function shuttle(rate: ShuttleRate, key: TransportKey): ShuttleRate {
  switch (key) {
    case 'playPause':
      return rate === 0 ? 1 : 0
    case 'stop':
      return 0
    case 'forward':
      return rate >= 1 ? 2 : 1
    case 'reverse':
      return rate <= -1 ? -2 : -1
  }
}

export const AUDITION_PREROLL_SEC = 0.5

/**
 * The project as an audition hears it: `takeId` is the segment's active take and sounds (unmuted; soloed too when
 * something else is soloed), without touching the user's project. With `matchLoudness`, it sounds at the level
 * the segment's takes sit at (its gain as choosing it would set it), so takes compare by sound, not by level.
 */
export function auditionProject(project: Project, segmentId: string, takeId: string, matchLoudness = false): Project {
  const segment = project.segments.find((s) => s.id === segmentId)
  if (!segment?.takes.some((t) => t.id === takeId)) return project
  const othersSolo = project.segments.some(
    (s) => s.id !== segmentId && s.takes.some((t) => t.id === s.activeTakeId && t.mix.solo && !t.mix.muted),
  )
  const takes = segment.takes.map((t) =>
    t.id === takeId
      ? {
          ...t,
          mix: {
            ...t.mix,
            gainDb: auditionGainDb(segment, t, matchLoudness),
            muted: false,
            solo: t.mix.solo || othersSolo,
          },
        }
      : t,
  )
  return {
    ...project,
    segments: project.segments.map((s) => (s === segment ? { ...s, takes, activeTakeId: takeId } : s)),
  }
}

/**
 * The range an audition plays: where the segment first shows, with a short pre-roll, and all of a take nudged
 * later. Null when the segment shows nowhere (no clip shows its picture now).
 */
export function auditionRange(
  project: Project,
  segmentId: string,
  takeId: string,
): { fromSec: number; untilSec: number } | null {
  const segment = project.segments.find((s) => s.id === segmentId)
  const take = segment?.takes.find((t) => t.id === takeId)
  const first = segment && segmentPieces(project.clips, segment)[0]
  if (!take || !first) return null
  return {
    fromSec: Math.max(0, first.startSec - AUDITION_PREROLL_SEC),
    untilSec: first.endSec + Math.max(0, take.mix.nudgeMs / 1000),
  }
}

/** A playhead this close to the end counts as at the end. */
const AT_END_SEC = 1e-3

/** Where Play starts: at the playhead, or from 0 when the playhead sits at (or past) the end. */
export function playStartSec(project: Pick<Project, 'clips'>, playheadSec: number): number {
  const end = timelineEndSec(project.clips)
  return playheadSec >= end - AT_END_SEC ? 0 : playheadSec
}

export interface PictureAt {
  clip: Clip
  asset: Asset
  /** The frame of the asset at that timeline time. */
  sourceSec: number
}

export function pictureAt(project: Project, sec: number): PictureAt | null {
  const clip = clipAt(project, sec)
  const asset = clip && project.assets.find((a) => a.id === clip.assetId)
  if (!clip || !asset) return null
  return { clip, asset, sourceSec: clip.inSec + (sec - clip.startSec) }
}

/** The next clip that starts after `sec` (to load its picture ahead of the cut). */
export function nextPicture(project: Project, sec: number): PictureAt | null {
  const next = [...project.clips].filter((c) => c.startSec > sec + TIME_EPS).sort((a, b) => a.startSec - b.startSec)[0]
  const asset = next && project.assets.find((a) => a.id === next.assetId)
  return next && asset ? { clip: next, asset, sourceSec: next.inSec } : null
}
