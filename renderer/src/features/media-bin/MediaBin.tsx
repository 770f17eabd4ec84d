import { memo } from 'react'
import type { Asset } from '../../../../shared/domain/asset'
import { formatTimecode } from '../../lib/timecode'
import { spriteFrameStyle, useThumbnails } from './useThumbnails'

interface MediaBinProps {
  assets: readonly Asset[]
  /** How many segments were made from each asset's picture (by asset id): they sound wherever it is shown. */
  soundCounts: ReadonlyMap<string, number>
  onImport: () => void
  /** Puts the whole file at the end of the timeline again (its sounds come with it). */
  onPlace: (assetId: string) => void
}

/** The bin of imported files. Memoised: the playhead moving every frame must not redraw it. */
export const MediaBin = memo(function MediaBin({ assets, soundCounts, onImport, onPlace }: MediaBinProps) {
  return (
    <section className="panel media-bin" aria-label="Media">
      <header className="panel-header">
        <span>Media</span>
        <button type="button" className="small" onClick={onImport}>
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
            <BinItem key={a.id} asset={a} sounds={soundCounts.get(a.id) ?? 0} onPlace={onPlace} />
          ))}
        </ul>
      )}
    </section>
  )
})

function BinItem({ asset, sounds, onPlace }: { asset: Asset; sounds: number; onPlace: (assetId: string) => void }) {
  const strip = useThumbnails(asset)
  const frame = strip ? Math.floor(strip.frameCount / 2) : 0
  return (
    <li className="bin-item" data-testid="bin-item" title={asset.path} onDoubleClick={() => onPlace(asset.id)}>
      <div className="bin-thumb">{strip && <div style={spriteFrameStyle(strip, frame, 54) ?? undefined} />}</div>
      <div className="bin-meta">
        <div className="bin-name">{asset.name}</div>
        <div className="bin-detail">
          {formatTimecode(asset.durationSec)} · {asset.video.displayWidth}×{asset.video.displayHeight} ·{' '}
          {Math.round(asset.video.fps * 100) / 100} fps{asset.audio ? '' : ' · no audio'}
          {sounds > 0 && (
            <span className="bin-sounds">
              {' '}
              · {sounds} sound{sounds > 1 ? 's' : ''}
            </span>
          )}
        </div>
      </div>
      <button
        type="button"
        className="small bin-place"
        aria-label={`Add ${asset.name} to the timeline`}
        title="Add the whole clip at the end of the timeline (double-click does the same); its sounds come with it"
        onClick={() => onPlace(asset.id)}
      >
        +
      </button>
    </li>
  )
}
