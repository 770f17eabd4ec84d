// Pure edits of a Project. The editor reducer records each as one history entry.
import type { Asset } from '../../../shared/domain/asset'
import { layoutSegments, timelineEndSec } from '../../../shared/domain/placement'
import { DEFAULT_ORIGINAL_AUDIO, PROJECT_VERSION, type Clip, type Project, type Segment } from '../../../shared/domain/project'
import type { TimelineSettings } from '../../../shared/domain/timecode'

export function emptyProject(id: string, nowIso: string): Project {
  return {
    version: PROJECT_VERSION,
    id,
    name: 'Untitled',
    assets: [],
    clips: [],
    segments: [],
    original: DEFAULT_ORIGINAL_AUDIO,
    createdAt: nowIso,
    updatedAt: nowIso,
  }
}

/** End of everything on the timeline: the picture and every segment where it shows. */
export function contentEndSec(project: Project): number {
  return layoutSegments(project).pieces.reduce((end, p) => Math.max(end, p.endSec), timelineEndSec(project.clips))
}

/**
 * Puts the whole of an asset in the bin at the end of the video track. The sound made from its picture comes
 * with it: a segment belongs to the picture, so it sounds wherever a clip shows that picture again.
 */
export function placeAsset(project: Project, assetId: string, clipId: string): Project {
  const asset = project.assets.find((a) => a.id === assetId)
  if (!asset) return project
  const clip: Clip = { id: clipId, assetId, startSec: timelineEndSec(project.clips), inSec: 0, outSec: asset.durationSec }
  return { ...project, clips: [...project.clips, clip] }
}

/**
 * Adds newly imported assets to the bin and appends each as a whole clip at the end of the video track.
 * An asset already in the project (same path) is not added twice.
 */
export function addAssets(project: Project, assets: readonly Asset[], newId: () => string): Project {
  const known = new Set(project.assets.map((a) => a.path))
  const fresh = assets.filter((a) => !known.has(a.path))
  if (fresh.length === 0) return project
  let startSec = timelineEndSec(project.clips)
  const clips: Clip[] = fresh.map((a) => {
    const clip = { id: newId(), assetId: a.id, startSec, inSec: 0, outSec: a.durationSec }
    startSec += a.durationSec
    return clip
  })
  return { ...project, assets: [...project.assets, ...fresh], clips: [...project.clips, ...clips] }
}

/** How many segments were made from each asset's picture (they sound wherever a clip shows it). */
export function soundCountsByAsset(segments: readonly Segment[]): Map<string, number> {
  const counts = new Map<string, number>()
  for (const s of segments) if (s.anchor.kind === 'source') counts.set(s.anchor.assetId, (counts.get(s.anchor.assetId) ?? 0) + 1)
  return counts
}

/**
 * Sets the timeline's start timecode and frame rate (absent: the defaults, 00:00:00:00 and the first clip's rate).
 * The same Project back when nothing changes, so the history records no entry.
 */
export function changeTimelineSettings(project: Project, settings: TimelineSettings): Project {
  const before = project.timeline ?? {}
  const sameRate =
    (before.frameRate === undefined && settings.frameRate === undefined) ||
    (before.frameRate !== undefined && settings.frameRate !== undefined && before.frameRate.num === settings.frameRate.num && before.frameRate.den === settings.frameRate.den)
  if (before.startTimecode === settings.startTimecode && sameRate) return project
  const timeline: TimelineSettings = {
    ...(settings.startTimecode === undefined ? {} : { startTimecode: settings.startTimecode }),
    ...(settings.frameRate === undefined ? {} : { frameRate: settings.frameRate }),
  }
  return { ...project, timeline }
}
