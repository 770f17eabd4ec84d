// The providers main offers, with their capabilities and whether a key is set. Asked again when the window
// gets focus, so a key set in Settings shows up without a restart.
import { useCallback, useEffect, useState } from 'react'
import type { ProviderInfo } from '../../../../shared/domain/generation'
import { invoke } from '../../lib/ipc'

export function useProviders(): { providers: ProviderInfo[] | null; refresh: () => void } {
  const [providers, setProviders] = useState<ProviderInfo[] | null>(null)
  const refresh = useCallback(() => {
    void invoke('providers:list', {}).then((r) => r.ok && setProviders(r.data))
  }, [])
  useEffect(() => {
    refresh()
    window.addEventListener('focus', refresh)
    return () => window.removeEventListener('focus', refresh)
  }, [refresh])
  return { providers, refresh }
}
