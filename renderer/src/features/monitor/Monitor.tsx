import { useEffect, useRef, useState } from 'react'
import type { Asset } from '../../../../shared/domain/asset'
import { invoke } from '../../lib/ipc'

/**
 * The program monitor: the source of the clip under the playhead (main hands out the URL), showing the frame
 * at the playhead whenever the video is paused.
 */
export function Monitor({ asset, sourceSec }: { asset: Asset | null; sourceSec: number | null }) {
  const [url, setUrl] = useState<string | null>(null)
  const videoRef = useRef<HTMLVideoElement>(null)
  useEffect(() => {
    let live = true
    setUrl(null)
    if (asset) void invoke('media:url', { path: asset.path }).then((r) => live && r.ok && setUrl(r.data.url))
    return () => {
      live = false
    }
  }, [asset])
  useEffect(() => {
    const v = videoRef.current
    if (!v || sourceSec === null || !v.paused) return
    if (Math.abs(v.currentTime - sourceSec) > 1e-3) v.currentTime = sourceSec
  }, [sourceSec, url])
  return (
    <section className="panel monitor" aria-label="Monitor">
      {url ? (
        <video ref={videoRef} key={url} src={url} controls preload="metadata" data-testid="monitor-video" />
      ) : (
        <div className="empty-state">
          <p>{asset ? 'Loading…' : 'No picture under the playhead'}</p>
        </div>
      )}
    </section>
  )
}
