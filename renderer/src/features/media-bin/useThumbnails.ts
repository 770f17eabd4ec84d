import { useEffect, useRef, useState } from 'react'
import type { Asset } from '../../../../shared/domain/asset'
import { clamp } from '../../../../shared/domain/time'
import type { SourceRange, ThumbnailStrip } from '../../../../shared/ipc/contract'
import { invoke } from '../../lib/ipc'

/** From this length on, the part on screen is asked for first (one frame per slot of a long file takes a while). */
export const PART_FIRST_FROM_SEC = 60

const wholes = new Map<string, Promise<ThumbnailStrip | null>>()
const parts = new Map<string, Promise<ThumbnailStrip | null>>()
/** Assets whose whole strip has arrived: nothing is asked for them again. */
const arrived = new Set<string>()

const ask = (asset: Asset, range?: SourceRange): Promise<ThumbnailStrip | null> =>
  invoke('media:thumbnails', { assetId: asset.id, path: asset.path, ...(range ? { range } : {}) }).then((r) =>
    r.ok ? r.data : null,
  )

/**
 * The whole strip, asked for once per asset: after the turn it was first wanted in (so a part asked for in the
 * same render goes first), and after that part has arrived (so the part does not wait behind it).
 */
function whole(asset: Asset): Promise<ThumbnailStrip | null> {
  let pending = wholes.get(asset.id)
  if (!pending) {
    pending = new Promise<void>((r) => setTimeout(r, 0))
      .then(() => parts.get(asset.id)?.catch(() => null))
      .then(() => ask(asset))
      .then((s) => {
        if (s) arrived.add(asset.id)
        return s
      })
    wholes.set(asset.id, pending)
  }
  return pending
}

/**
 * The asset's thumbnail sprite, asked of main once per asset. For a long asset with `firstRange` (the part on
 * screen), that part's frames are asked for first and shown until the whole strip follows.
 */
export function useThumbnails(asset: Asset, firstRange?: SourceRange): ThumbnailStrip | null {
  const [strip, setStrip] = useState<ThumbnailStrip | null>(null)
  // The first range only decides what is asked for first; moving on from there asks nothing new.
  const range = useRef(firstRange)
  range.current = firstRange
  useEffect(() => {
    let live = true
    const firstRange = range.current
    if (firstRange && !arrived.has(asset.id) && asset.durationSec >= PART_FIRST_FROM_SEC) {
      let part = parts.get(asset.id)
      if (!part) {
        part = ask(asset, firstRange)
        parts.set(asset.id, part)
      }
      void part.then((p) => {
        if (live && p) setStrip((s) => s ?? p)
      })
    }
    void whole(asset).then((s) => {
      if (live && s) setStrip(s)
    })
    return () => {
      live = false
    }
  }, [asset])
  return strip
}

/** CSS for one frame of a sprite, scaled to `heightPx`; null when the sprite (a part) does not hold that frame. */
export function spriteFrameStyle(strip: ThumbnailStrip, frameIndex: number, heightPx: number) {
  const last = strip.firstFrame + strip.frameCount - 1
  // A whole strip holds every frame (an index past either end shows the nearest); a part only its own.
  if (strip.part && (frameIndex < strip.firstFrame || frameIndex > last)) return null
  const scale = heightPx / strip.frameHeight
  const index = clamp(frameIndex, strip.firstFrame, last) - strip.firstFrame
  return {
    backgroundImage: `url("${strip.url}")`,
    backgroundSize: `${strip.frameWidth * strip.frameCount * scale}px ${heightPx}px`,
    backgroundPosition: `${-index * strip.frameWidth * scale}px 0`,
    width: `${strip.frameWidth * scale}px`,
    height: `${heightPx}px`,
  }
}
