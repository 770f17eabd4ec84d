import { clamp } from '../../../../shared/domain/time'
import { useEffect, useState } from 'react'
import type { Asset } from '../../../../shared/domain/asset'
import type { ThumbnailStrip } from '../../../../shared/ipc/contract'
import { invoke } from '../../lib/ipc'

const cache = new Map<string, Promise<ThumbnailStrip | null>>()

/** The asset's thumbnail sprite, asked of main once per asset. */
export function useThumbnails(asset: Asset): ThumbnailStrip | null {
  const [strip, setStrip] = useState<ThumbnailStrip | null>(null)
  useEffect(() => {
    let live = true
    let pending = cache.get(asset.id)
    if (!pending) {
      pending = invoke('media:thumbnails', { assetId: asset.id, path: asset.path }).then((r) => (r.ok ? r.data : null))
      cache.set(asset.id, pending)
    }
    void pending.then((s) => live && setStrip(s))
    return () => {
      live = false
    }
  }, [asset.id, asset.path])
  return strip
}

/** CSS for one frame of a sprite, scaled to `heightPx`. */
export function spriteFrameStyle(strip: ThumbnailStrip, frameIndex: number, heightPx: number) {
  const scale = heightPx / strip.frameHeight
  const index = clamp(frameIndex, 0, strip.frameCount - 1)
  return {
    backgroundImage: `url("${strip.url}")`,
    backgroundSize: `${strip.frameWidth * strip.frameCount * scale}px ${heightPx}px`,
    backgroundPosition: `${-index * strip.frameWidth * scale}px 0`,
    width: `${strip.frameWidth * scale}px`,
    height: `${heightPx}px`,
  }
}
