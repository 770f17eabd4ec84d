import { useEffect, useState } from 'react'
import type { Asset } from '../../../../shared/domain/asset'
import type { WaveformPeaks } from '../../../../shared/ipc/contract'
import { invoke } from '../../lib/ipc'

const cache = new Map<string, Promise<WaveformPeaks | null>>()

function peaksOf(asset: Asset): Promise<WaveformPeaks | null> {
  let pending = cache.get(asset.path)
  if (!pending) {
    pending = invoke('media:waveform', { path: asset.path }).then((r) => (r.ok ? r.data : null))
    cache.set(asset.path, pending)
  }
  return pending
}

/**
 * Original-audio peaks of these assets by asset id, asked of main once per file. Assets without sound, and
 * files whose peaks are still loading or failed, are simply absent.
 */
export function useWaveforms(assets: readonly Asset[]): ReadonlyMap<string, WaveformPeaks> {
  const [byId, setById] = useState<ReadonlyMap<string, WaveformPeaks>>(() => new Map())
  useEffect(() => {
    let live = true
    for (const asset of assets) {
      if (!asset.audio || byId.has(asset.id)) continue
      void peaksOf(asset).then((p) => {
        if (live && p) setById((prev) => (prev.has(asset.id) ? prev : new Map(prev).set(asset.id, p)))
      })
    }
    return () => {
      live = false
    }
  }, [assets, byId])
  return byId
}
