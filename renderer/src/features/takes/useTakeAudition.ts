// Listening to one take alone through a plain <audio>, for when the mixer's playback (which plays a take in
// context with the picture) is not there. The URL comes from main: the renderer never builds one itself.
import { useCallback, useEffect, useRef, useState } from 'react'
import type { Take } from '../../../../shared/domain/project'
import { invoke } from '../../lib/ipc'

export function useTakeAudition(): { playingTakeId: string | null; toggle: (take: Take) => void } {
  const audio = useRef<HTMLAudioElement | null>(null)
  const [playingTakeId, setPlaying] = useState<string | null>(null)
  const stop = useCallback(() => {
    audio.current?.pause()
    audio.current = null
    setPlaying(null)
  }, [])
  const toggle = useCallback(
    (take: Take) => {
      const same = playingTakeId === take.id
      stop()
      if (same) return
      setPlaying(take.id)
      void invoke('media:url', { path: take.path }).then((r) => {
        if (!r.ok) return setPlaying(null)
        const el = new Audio(r.data.url)
        audio.current = el
        el.addEventListener('ended', () => audio.current === el && stop())
        el.play().catch(() => audio.current === el && stop())
      })
    },
    [playingTakeId, stop],
  )
  useEffect(() => stop, [stop])
  return { playingTakeId, toggle }
}
