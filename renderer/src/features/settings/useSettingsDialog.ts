import { useCallback, useState } from 'react'
import type { ProviderId } from '../../../../shared/domain/ids'

/** Whether Settings is open, and at which provider's key field. */
export function useSettingsDialog() {
  const [state, setState] = useState<{ open: boolean; focusProvider: ProviderId | null }>({
    open: false,
    focusProvider: null,
  })
  const openSettings = useCallback(
    (provider?: ProviderId) => setState({ open: true, focusProvider: provider ?? null }),
    [],
  )
  const closeSettings = useCallback(() => setState({ open: false, focusProvider: null }), [])
  return { ...state, openSettings, closeSettings }
}
