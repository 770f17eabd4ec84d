import { useEffect, useRef, useState } from 'react'
import type { Asset } from '../../../../shared/domain/asset'
import type { SourceRange, WaveformPeaks } from '../../../../shared/ipc/contract'
import { invoke } from '../../lib/ipc'
import { PART_FIRST_FROM_SEC } from '../media-bin/useThumbnails'

const wholes = new Map<string, Promise<WaveformPeaks | null>>()
const parts = new Map<string, Promise<WaveformPeaks | null>>()

const ask = (asset: Asset, range?: SourceRange): Promise<WaveformPeaks | null> =>
  invoke('media:waveform', { path: asset.path, ...(range ? { range } : {}) }).then((r) => (r.ok ? r.data : null))

/** The whole file's peaks, asked for once per file, after its part (if one was asked for) has arrived. */
function whole(asset: Asset): Promise<WaveformPeaks | null> {
  let pending = wholes.get(asset.path)
  if (!pending) {
    pending = (parts.get(asset.path)?.catch(() => null) ?? Promise.resolve(null)).then(() => ask(asset))
    wholes.set(asset.path, pending)
  }
  return pending
}

/**
 * Original-audio peaks of these assets by asset id, asked of main once per file. For a long file, the peaks of
 * its part on screen (`firstRanges`, in the asset's own time) are asked for first and shown until the whole
 * file's follow. Assets without sound, and files whose peaks are still loading or failed, are simply absent.
 */
export function useWaveforms(
  assets: readonly Asset[],
  firstRanges?: ReadonlyMap<string, SourceRange>,
): ReadonlyMap<string, WaveformPeaks> {
  const [byId, setById] = useState<ReadonlyMap<string, WaveformPeaks>>(() => new Map())
  const ranges = useRef(firstRanges)
  ranges.current = firstRanges
  /** Assets whose whole file's peaks are shown: nothing more to ask. */
  const done = useRef(new Set<string>())
  useEffect(() => {
    let live = true
    for (const asset of assets) {
      if (!asset.audio || done.current.has(asset.id)) continue
      const range = ranges.current?.get(asset.id)
      if (range && !wholes.has(asset.path) && !parts.has(asset.path) && asset.durationSec >= PART_FIRST_FROM_SEC) {
        const part = ask(asset, range)
        parts.set(asset.path, part)
        void part.then((p) => {
          if (live && p) setById((prev) => (prev.has(asset.id) ? prev : new Map(prev).set(asset.id, p)))
        })
      }
      void whole(asset).then((p) => {
        if (!live || !p || done.current.has(asset.id)) return
        done.current.add(asset.id)
        setById((prev) => new Map(prev).set(asset.id, p))
      })
    }
    return () => {
      live = false
    }
  }, [assets])
  return byId
}
