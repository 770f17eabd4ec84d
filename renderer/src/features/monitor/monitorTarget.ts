import type { Asset } from '../../../../shared/domain/asset'
import type { Project, Segment } from '../../../../shared/domain/project'
import { clipAt } from '../../state/clipEdits'
import type { Selection } from '../../state/editor'
import { segmentSource } from '../generate/segmentSource'

export interface MonitorTarget {
  asset: Asset | null
  /** The source time to show: the frame under the playhead when the playhead is over the shown clip. */
  sourceSec: number | null
}

/** What the monitor shows: the clip under the playhead, else the selected clip (from its in point). */
export function monitorTarget(project: Project, selection: Selection, playheadSec: number): MonitorTarget {
  const under = clipAt(project, playheadSec)
  const selected = selection?.kind === 'clip' ? project.clips.find((c) => c.id === selection.id) : undefined
  const clip = under ?? selected
  if (!clip) return { asset: null, sourceSec: null }
  const asset = project.assets.find((a) => a.id === clip.assetId) ?? null
  const sourceSec = clip === under ? clip.inSec + (playheadSec - clip.startSec) : clip.inSec
  return { asset, sourceSec }
}

/**
 * The selected segment whose focus box the monitor draws: one generated from a picture (not text only) while the
 * monitor shows that picture's file. Null otherwise (the box is a part of that picture and nothing else).
 */
export function focusSegment(project: Project, selection: Selection, shown: Asset | null): Segment | null {
  if (selection?.kind !== 'segment' || !shown) return null
  const segment = project.segments.find((s) => s.id === selection.id)
  if (!segment || segment.params.textOnly) return null
  const source = segmentSource(project, segment)
  return source.ok && source.source.path === shown.path ? segment : null
}
