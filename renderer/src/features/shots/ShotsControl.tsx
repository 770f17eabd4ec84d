// The toolbar's shots group: how sharp a change must be to count as a cut (the strip's cut marks follow it at once),
// and "By shots": one segment per shot of the selected clip, or of the whole timeline when no clip is selected.
import { useContext } from 'react'
import type { Project } from '../../../../shared/domain/project'
import { SHOT_THRESHOLD_RANGE } from '../../../../shared/domain/shots'
import type { EditorAction, Selection } from '../../state/editor'
import { ShotsContext } from './useShots'

interface Props {
  project: Project
  selection: Selection
  dispatch: (a: EditorAction) => void
}

export function ShotsControl({ project, selection, dispatch }: Props) {
  const { cutsByAsset, scans, threshold, setThreshold } = useContext(ShotsContext)
  const clip = selection?.kind === 'clip' ? project.clips.find((c) => c.id === selection.id) : undefined
  const scope = clip ? [clip] : project.clips
  const ready = scope.some((c) => cutsByAsset.has(c.assetId))
  const scanning = scope.some((c) => scans[c.assetId]?.status === 'running')
  const name = clip ? 'Segment the selected clip by shots' : 'Segment the whole timeline by shots'
  return (
    <span className="tool-group shots-control">
      <label
        className="shots-threshold"
        title="How sudden a change of picture must be to count as a cut: lower finds more cuts"
      >
        Cuts
        <input
          type="number"
          aria-label="Cut threshold"
          min={SHOT_THRESHOLD_RANGE.min}
          max={SHOT_THRESHOLD_RANGE.max}
          step={1}
          value={threshold}
          onChange={(e) => {
            const v = Number(e.target.value)
            if (Number.isFinite(v))
              setThreshold(Math.min(SHOT_THRESHOLD_RANGE.max, Math.max(SHOT_THRESHOLD_RANGE.min, v)))
          }}
        />
      </label>
      <button
        type="button"
        className="tool"
        aria-label={name}
        title={scanning && !ready ? 'Finding shots…' : `${name}: one segment per shot, on a free lane (one undo step)`}
        disabled={!ready}
        onClick={() =>
          dispatch({
            type: 'segmentsByShots',
            clipIds: clip ? [clip.id] : null,
            cutsByAsset,
            idPrefix: crypto.randomUUID(),
          })
        }
      >
        ▥ By shots
      </button>
    </span>
  )
}
