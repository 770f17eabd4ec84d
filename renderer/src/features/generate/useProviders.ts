// The providers main offers, with their capabilities and whether a key is set. Asked again when Settings
// closes and when the window gets focus, so a key set or cleared shows up at once.
import { useCallback, useEffect, useState } from 'react'
import type { ProviderInfo } from '../../../../shared/domain/generation'
import { invoke } from '../../lib/ipc'

export function useProviders(settingsOpen = false): { providers: ProviderInfo[] | null; refresh: () => void } {
  const [providers, setProviders] = useState<ProviderInfo[] | null>(null)
  const refresh = useCallback(() => {
    void invoke('providers:list', {}).then((r) => r.ok && setProviders(r.data))
  }, [])
  useEffect(() => {
    window.addEventListener('focus', refresh)
    return () => window.removeEventListener('focus', refresh)
  }, [refresh])
  // At start, and each time Settings closes.
  useEffect(() => {
    if (!settingsOpen) refresh()
  }, [settingsOpen, refresh])
  return { providers, refresh }
}
