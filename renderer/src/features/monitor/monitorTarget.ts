import type { Asset } from '../../../../shared/domain/asset'
import type { Project } from '../../../../shared/domain/project'
import { clipAt } from '../../state/clipEdits'
import type { Selection } from '../../state/editor'

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
