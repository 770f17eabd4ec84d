import type { Asset } from '../../../../shared/domain/asset'
import type { Clip, Project } from '../../../../shared/domain/project'
import { formatTimecode, secToPx } from '../../lib/timecode'
import { timelineEndSec } from '../../state/project'
import { spriteFrameStyle, useThumbnails } from '../media-bin/useThumbnails'
import { rulerStepSec, rulerTicks } from './rulerTicks'

const TRACK_HEIGHT_PX = 56
const HEADER_PX = 96

interface Props {
  project: Project
  pxPerSec: number
  selectedClipId: string | null
  onSelectClip: (id: string | null) => void
}

export function Timeline({ project, pxPerSec, selectedClipId, onSelectClip }: Props) {
  const endSec = Math.max(timelineEndSec(project), 10)
  const widthPx = secToPx(endSec, pxPerSec) + 200
  const step = rulerStepSec(pxPerSec)
  const assets = new Map(project.assets.map((a) => [a.id, a]))
  return (
    <section className="panel timeline" aria-label="Timeline">
      <div className="timeline-scroll">
        <div style={{ width: widthPx + HEADER_PX }}>
          <div className="ruler" style={{ paddingLeft: HEADER_PX }}>
            {rulerTicks(endSec, pxPerSec).map((t) => (
              <span key={t} className="tick" style={{ left: HEADER_PX + secToPx(t, pxPerSec) }}>
                {formatTimecode(t, step < 1 ? 1 : 0)}
              </span>
            ))}
          </div>
          <div className="track" aria-label="Video track" style={{ height: TRACK_HEIGHT_PX }}>
            <div className="track-header" style={{ width: HEADER_PX }}>
              V1
            </div>
            {project.clips.length === 0 && <div className="track-empty">Clips you import land here</div>}
            {project.clips.map((c) => {
              const asset = assets.get(c.assetId)
              return asset ? (
                <ClipBlock
                  key={c.id}
                  clip={c}
                  asset={asset}
                  leftPx={HEADER_PX + secToPx(c.startSec, pxPerSec)}
                  pxPerSec={pxPerSec}
                  selected={c.id === selectedClipId}
                  onSelect={() => onSelectClip(c.id)}
                />
              ) : null
            })}
          </div>
        </div>
      </div>
    </section>
  )
}

function ClipBlock(props: {
  clip: Clip
  asset: Asset
  leftPx: number
  pxPerSec: number
  selected: boolean
  onSelect: () => void
}) {
  const { clip, asset, leftPx, pxPerSec, selected, onSelect } = props
  const strip = useThumbnails(asset)
  const widthPx = secToPx(clip.outSec - clip.inSec, pxPerSec)
  const frameH = TRACK_HEIGHT_PX - 18
  const frameW = strip ? (strip.frameWidth * frameH) / strip.frameHeight : frameH
  const tiles = Math.max(1, Math.ceil(widthPx / frameW))
  return (
    <button
      className={`clip${selected ? ' selected' : ''}`}
      data-testid="timeline-clip"
      style={{ left: leftPx, width: widthPx, height: TRACK_HEIGHT_PX }}
      onClick={onSelect}
      title={`${asset.name} (${formatTimecode(clip.outSec - clip.inSec)})`}
    >
      <div className="clip-frames">
        {strip &&
          Array.from({ length: tiles }, (_, i) => {
            const tSec = clip.inSec + (i * frameW) / pxPerSec
            return <div key={i} style={spriteFrameStyle(strip, Math.floor(tSec / strip.intervalSec), frameH)} />
          })}
      </div>
      <div className="clip-label">{asset.name}</div>
    </button>
  )
}
