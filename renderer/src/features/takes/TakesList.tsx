// The selected segment's takes: which one plays (radio), listen to each, regenerate (new seeds, takes
// appended), regenerate one chunk of a take, delete. Mix controls per take live in the mixer.
import { useState } from 'react'
import type { ProviderInfo } from '../../../../shared/domain/generation'
import type { Segment, Take } from '../../../../shared/domain/project'
import { useCutsOf } from '../shots/useShots'
import { segmentCutsSec, segmentMarks } from '../timeline/chunkMarks'
import { takeCreatedText, takeOrigin, takeSummary } from './takeText'

export interface TakesListProps {
  segment: Segment
  providers: readonly ProviderInfo[] | null
  onChoose: (takeId: string) => void
  onDelete: (takeId: string) => void
  /** Listen to a take; `playingTakeId` says which one is playing now. */
  onAudition: (take: Take) => void
  playingTakeId: string | null
  /** Null when the segment cannot be generated now (the reason is on the Generate panel). */
  onRegenerate: (() => void) | null
  onRegenerateChunk: ((take: Take, chunkIndex: number) => void) | null
}

export function TakesList(props: TakesListProps) {
  const { segment, providers } = props
  const [chunkIndex, setChunkIndex] = useState(0)
  const cutsOf = useCutsOf()
  const chunkCount = segmentMarks(segment, segmentCutsSec(segment, cutsOf)).chunkCount
  const label = (id: string) => providers?.find((p) => p.id === id)?.label ?? id
  if (segment.takes.length === 0) {
    return (
      <section className="takes" aria-label="Takes">
        <div className="section-title">Takes</div>
        <p className="muted note">No takes yet. Generate to hear this segment.</p>
      </section>
    )
  }
  return (
    <section className="takes" aria-label="Takes">
      <div className="section-title">
        Takes
        <span className="spacer" />
        {chunkCount > 1 && (
          <label className="chunk-picker">
            Chunk
            <select
              value={Math.min(chunkIndex, chunkCount - 1)}
              onChange={(e) => setChunkIndex(Number(e.target.value))}
              aria-label="Chunk to regenerate"
            >
              {Array.from({ length: chunkCount }, (_, i) => (
                <option key={i} value={i}>
                  {i + 1} of {chunkCount}
                </option>
              ))}
            </select>
          </label>
        )}
        <button
          className="small"
          disabled={!props.onRegenerate}
          onClick={() => props.onRegenerate?.()}
          title="Same settings, new seeds: new takes are added"
        >
          Regenerate
        </button>
      </div>
      <ul className="take-list" role="radiogroup" aria-label="Active take">
        {segment.takes.map((take, i) => {
          const active = take.id === segment.activeTakeId
          return (
            <li
              key={take.id}
              className={`take${active ? ' active' : ''}`}
              data-testid="take"
              data-seed={take.seed}
              data-active={active}
            >
              <label className="take-choose">
                <input
                  type="radio"
                  name={`active-take-${segment.id}`}
                  checked={active}
                  onChange={() => props.onChoose(take.id)}
                  aria-label={`Use take ${i + 1}`}
                />
                <span className="take-name">Take {i + 1}</span>
                {takeOrigin(take, segment.takes) && (
                  <span className="take-origin">{takeOrigin(take, segment.takes)}</span>
                )}
                <span
                  className="take-meta"
                  title={`${takeSummary(take, label(take.provider))} · ${takeCreatedText(take.createdAt)}`}
                >
                  {takeSummary(take, label(take.provider))} · {takeCreatedText(take.createdAt)}
                </span>
              </label>
              <button
                className="small"
                onClick={() => props.onAudition(take)}
                aria-label={`${props.playingTakeId === take.id ? 'Stop' : 'Listen to'} take ${i + 1}`}
              >
                {props.playingTakeId === take.id ? '■' : '▶'}
              </button>
              {chunkCount > 1 && props.onRegenerateChunk && (
                <button
                  className="small"
                  onClick={() => props.onRegenerateChunk?.(take, Math.min(chunkIndex, chunkCount - 1))}
                  title="Generate this chunk again with a new seed: a new take"
                >
                  ↻ {Math.min(chunkIndex, chunkCount - 1) + 1}
                </button>
              )}
              <button className="small" onClick={() => props.onDelete(take.id)} aria-label={`Delete take ${i + 1}`}>
                ×
              </button>
            </li>
          )
        })}
      </ul>
    </section>
  )
}
