import { useCallback, useRef, useState } from 'react'

/**
 * A control's value while a gesture is under way (a slider drag, typing a number): shown at once, committed
 * once when the gesture ends (release, key up, blur, Enter), so a drag makes one history entry.
 */
export function useDraft(value: number, commit: (v: number) => void) {
  const [draft, setDraft] = useState<number | null>(null)
  const draftRef = useRef<number | null>(null)
  const change = useCallback((v: number) => {
    draftRef.current = v
    setDraft(v)
  }, [])
  const end = useCallback(() => {
    const v = draftRef.current
    draftRef.current = null
    setDraft(null)
    if (v !== null && Number.isFinite(v) && v !== value) commit(v)
  }, [commit, value])
  return { shown: draft ?? value, change, end }
}
