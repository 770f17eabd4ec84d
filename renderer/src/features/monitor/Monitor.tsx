import { useEffect, useState } from 'react'
import type { Asset } from '../../../../shared/domain/asset'
import { invoke } from '../../lib/ipc'

/** The program monitor: plays the selected clip's source (main hands out the URL). */
export function Monitor({ asset }: { asset: Asset | null }) {
  const [url, setUrl] = useState<string | null>(null)
  useEffect(() => {
    let live = true
    setUrl(null)
    if (asset) void invoke('media:url', { path: asset.path }).then((r) => live && r.ok && setUrl(r.data.url))
    return () => {
      live = false
    }
  }, [asset])
  return (
    <section className="panel monitor" aria-label="Monitor">
      {url ? (
        <video key={url} src={url} controls preload="metadata" data-testid="monitor-video" />
      ) : (
        <div className="empty-state">
          <p>{asset ? 'Loading…' : 'Select a clip on the timeline to preview it'}</p>
        </div>
      )}
    </section>
  )
}
