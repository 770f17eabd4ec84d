import { memo } from 'react'
import type { Asset } from '../../../../shared/domain/asset'
import { formatTimecode } from '../../lib/timecode'
import { spriteFrameStyle, useThumbnails } from './useThumbnails'

/** The bin of imported files. Memoised: the playhead moving every frame must not redraw it. */
export const MediaBin = memo(function MediaBin({ assets, onImport }: { assets: readonly Asset[]; onImport: () => void }) {
  return (
    <section className="panel media-bin" aria-label="Media">
      <header className="panel-header">
        <span>Media</span>
        <button className="small" onClick={onImport}>
          Import…
        </button>
      </header>
      {assets.length === 0 ? (
        <div className="empty-state">
          <p>Drop video clips here</p>
          <p className="hint">or use Import… (Ctrl/Cmd+I)</p>
        </div>
      ) : (
        <ul className="bin-list">
          {assets.map((a) => (
            <BinItem key={a.id} asset={a} />
          ))}
        </ul>
      )}
    </section>
  )
})

function BinItem({ asset }: { asset: Asset }) {
  const strip = useThumbnails(asset)
  const frame = strip ? Math.floor(strip.frameCount / 2) : 0
  return (
    <li className="bin-item" data-testid="bin-item" title={asset.path}>
      <div className="bin-thumb">{strip && <div style={spriteFrameStyle(strip, frame, 54)} />}</div>
      <div className="bin-meta">
        <div className="bin-name">{asset.name}</div>
        <div className="bin-detail">
          {formatTimecode(asset.durationSec)} · {asset.video.displayWidth}×{asset.video.displayHeight} ·{' '}
          {Math.round(asset.video.fps * 100) / 100} fps{asset.audio ? '' : ' · no audio'}
        </div>
      </div>
    </li>
  )
}
