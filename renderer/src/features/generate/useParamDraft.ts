// Edits of a segment's generation settings as one undo step per committed change, not per keystroke: a field's
// value lives here while it is being edited and is committed when the person pauses, leaves the field or
// generates. Switching to another segment commits what was pending to the one it belongs to.
import { useCallback, useEffect, useRef, useState } from 'react'
import type { GenerationParams, Segment } from '../../../../shared/domain/project'

export const COMMIT_DELAY_MS = 700

type Change = Partial<GenerationParams>

export function useParamDraft(segment: Segment, commit: (segmentId: string, change: Change) => void) {
  const [draft, setDraft] = useState<Change>({})
  const pending = useRef<{ segmentId: string; change: Change }>({ segmentId: segment.id, change: {} })
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined)
  const commitRef = useRef(commit)
  commitRef.current = commit

  const flush = useCallback(() => {
    clearTimeout(timer.current)
    const { segmentId, change } = pending.current
    pending.current = { segmentId, change: {} }
    setDraft({})
    if (Object.keys(change).length > 0) commitRef.current(segmentId, change)
  }, [])

  /** A change; typing waits for a pause, a click (immediate) commits at once. */
  const edit = useCallback(
    (change: Change, immediate = false) => {
      pending.current = { ...pending.current, change: { ...pending.current.change, ...change } }
      setDraft(pending.current.change)
      clearTimeout(timer.current)
      if (immediate) flush()
      else timer.current = setTimeout(flush, COMMIT_DELAY_MS)
    },
    [flush],
  )

  useEffect(() => {
    pending.current = { segmentId: segment.id, change: {} }
    return flush
  }, [segment.id, flush])

  return { params: { ...segment.params, ...draft } as GenerationParams, edit, flush }
}
