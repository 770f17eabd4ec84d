// The Match loudness setting (an app setting, on by default): read from main once, written back when toggled.
import { useCallback, useEffect, useState } from 'react'
import { DEFAULT_MATCH_LOUDNESS, matchLoudnessOn } from '../../../../shared/domain/settings'
import { invoke } from '../../lib/ipc'

export function useMatchLoudness(): { on: boolean; set: (on: boolean) => void } {
  const [on, setOn] = useState(DEFAULT_MATCH_LOUDNESS)
  useEffect(() => {
    let live = true
    void invoke('settings:get', {}).then((r) => live && r.ok && setOn(matchLoudnessOn(r.data)))
    return () => {
      live = false
    }
  }, [])
  const set = useCallback((next: boolean) => {
    setOn(next)
    void (async () => {
      // The rest of the settings as main holds them now, so nothing else is written back stale.
      const current = await invoke('settings:get', {})
      const written = current.ok ? await invoke('settings:set', { ...current.data, matchLoudness: next }) : current
      if (!written.ok) setOn(!next)
    })()
  }, [])
  return { on, set }
}
