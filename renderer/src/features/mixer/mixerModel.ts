// What the mixer strip shows and how its keys map, pure: the selected segment's active take, the value texts,
// and Alt+←/→ as a 10 ms nudge.
import type { Project, Segment, Take } from '../../../../shared/domain/project'
import type { KeyPress } from '../editor/shortcuts'
import type { Selection } from '../../state/editor'
import { NUDGE_STEP_MS } from '../../state/mixEdits'

export function selectedTake(project: Project, selection: Selection): { segment: Segment; take: Take } | null {
  if (selection?.kind !== 'segment') return null
  const segment = project.segments.find((s) => s.id === selection.id)
  const take = segment?.takes.find((t) => t.id === segment.activeTakeId)
  return segment && take ? { segment, take } : null
}

/** Alt+← pulls the take 10 ms earlier, Alt+→ pushes it 10 ms later. */
export function nudgeStepForKey(k: KeyPress): number | null {
  if (!k.altKey || k.ctrlKey || k.metaKey) return null
  if (k.key === 'ArrowLeft') return -NUDGE_STEP_MS
  if (k.key === 'ArrowRight') return NUDGE_STEP_MS
  return null
}

export function formatDb(db: number): string {
  if (db === 0) return '0.0 dB'
  return `${db > 0 ? '+' : '−'}${Math.abs(db).toFixed(1)} dB`
}

export function formatNudge(ms: number): string {
  if (ms === 0) return '0 ms'
  return `${ms > 0 ? '+' : '−'}${Math.abs(ms)} ms`
}
