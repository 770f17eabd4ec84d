// Whether the selected segment follows its clip: a segment made from a picture belongs to it (its sound moves,
// trims, splits and goes with the clips that show it); a text-only bed stays on the timeline unless attached.
import { clipCovering } from '../../../../shared/domain/placement'
import type { Project, Segment } from '../../../../shared/domain/project'
import { formatTimecode } from '../../lib/timecode'

export interface AnchorFieldProps {
  project: Project
  segment: Segment
  onAnchor: (segmentId: string, attach: boolean) => void
}

export function AnchorField({ project, segment, onAnchor }: AnchorFieldProps) {
  const a = segment.anchor
  const attached = a.kind === 'source'
  const asset = attached ? project.assets.find((x) => x.id === a.assetId) : undefined
  const canAttach = a.kind === 'timeline' && clipCovering(project.clips, a) !== undefined
  const detail = attached
    ? `${asset?.name ?? 'its clip'}, ${formatTimecode(a.inSec, 2)} – ${formatTimecode(a.outSec, 2)}`
    : canAttach
      ? 'stays where it is on the timeline'
      : 'over no single clip: stays on the timeline'
  return (
    <label
      className="check field anchor-field"
      title="A sound that follows its clip moves, trims, splits and is deleted with it; one on the timeline stays where it is"
    >
      <input
        type="checkbox"
        checked={attached}
        disabled={!attached && !canAttach}
        onChange={(e) => onAnchor(segment.id, e.target.checked)}
      />
      <span>
        Follows its clip <span className="muted">· {detail}</span>
      </span>
    </label>
  )
}
