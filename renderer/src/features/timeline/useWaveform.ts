import { useEffect, useState } from 'react'
import type { Asset } from '../../../../shared/domain/asset'
import type { WaveformPeaks } from '../../../../shared/ipc/contract'
import { invoke } from '../../lib/ipc'

const cache = new Map<string, Promise<WaveformPeaks | null>>()

/** The asset's original-audio peaks, asked of main once per file (null while loading, or with no sound). */
export function useWaveform(asset: Asset): WaveformPeaks | null {
  const [peaks, setPeaks] = useState<WaveformPeaks | null>(null)
  useEffect(() => {
    if (!asset.audio) return
    let live = true
    let pending = cache.get(asset.path)
    if (!pending) {
      pending = invoke('media:waveform', { path: asset.path }).then((r) => (r.ok ? r.data : null))
      cache.set(asset.path, pending)
    }
    void pending.then((p) => live && setPeaks(p))
    return () => {
      live = false
    }
  }, [asset.path, asset.audio])
  return peaks
}
