// The selected segment's takes: which one plays (radio), listen to each, regenerate (new seeds, takes
// appended), regenerate one chunk of a take, delete. Mix controls per take live in the mixer.
import { useState } from 'react'
import type { ProviderInfo } from '../../../../shared/domain/generation'
import type { Segment, Take } from '../../../../shared/domain/project'
import { auditionGainDb, takeLufs } from '../../state/loudnessMatch'
import { formatDb } from '../mixer/mixerModel'
import { useCutsOf } from '../shots/useShots'
import { segmentCutsSec, segmentMarks } from '../timeline/chunkMarks'
import './takes.css'
import { lufsText, takeCreatedText, takeOrigin, takeSummary } from './takeText'

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
  /** Auditions hear every take at the segment's level, and a chosen take starts there (an app setting). */
  matchLoudness: boolean
  onMatchLoudnessChange: (on: boolean) => void
}

const MATCH_HINT =
  'Listen to every take at the level the active take sits at in the mix, and start a chosen take there (unless you set its gain yourself), so you compare sound, not loudness.'

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
        <label className="match-loudness" title={MATCH_HINT}>
          <input
            type="checkbox"
            checked={props.matchLoudness}
            onChange={(e) => props.onMatchLoudnessChange(e.target.checked)}
          />
          Match loudness
        </label>
        {chunkCount > 1 && (
          <label className="chunk-picker">
            Chunk
            <select
              value={Math.min(chunkIndex, chunkCount - 1)}
              onChange={(e) => setChunkIndex(Number(e.target.value))}
              aria-label="Chunk to regenerate"
            >
              {Array.from({ length: chunkCount }, (_, chunk) => chunk).map((chunk) => (
                <option key={chunk} value={chunk}>
                  {chunk + 1} of {chunkCount}
                </option>
              ))}
            </select>
          </label>
        )}
        <button
          type="button"
          className="small"
          disabled={!props.onRegenerate}
          onClick={() => props.onRegenerate?.()}
          title="Same settings, new seeds: new takes are added"
        >
          Regenerate
        </button>
      </div>
      <div role="radiogroup" aria-label="Active take">
        <ul className="take-list">
          {segment.takes.map((take, i) => {
            const active = take.id === segment.activeTakeId
            const lufs = takeLufs(take)
            const heardDb = auditionGainDb(segment, take, props.matchLoudness)
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
                    className="take-lufs"
                    data-testid="take-lufs"
                    data-lufs={lufs ?? undefined}
                    data-heard-db={heardDb}
                    title={
                      lufs === null
                        ? 'The loudness of this take was not measured (made before it was, or silent).'
                        : `Integrated loudness (EBU R128), measured when the take arrived. Heard at ${formatDb(heardDb)} gain.`
                    }
                  >
                    {lufsText(lufs)}
                    {heardDb !== take.mix.gainDb && <span className="take-matched"> → {formatDb(heardDb)}</span>}
                  </span>
                  <span
                    className="take-meta"
                    title={`${takeSummary(take, label(take.provider))} · ${takeCreatedText(take.createdAt)}`}
                  >
                    {takeSummary(take, label(take.provider))} · {takeCreatedText(take.createdAt)}
                  </span>
                </label>
                <button
                  type="button"
                  className="small"
                  onClick={() => props.onAudition(take)}
                  aria-label={`${props.playingTakeId === take.id ? 'Stop' : 'Listen to'} take ${i + 1}`}
                >
                  {props.playingTakeId === take.id ? '■' : '▶'}
                </button>
                {chunkCount > 1 && props.onRegenerateChunk && (
                  <button
                    type="button"
                    className="small"
                    onClick={() => props.onRegenerateChunk?.(take, Math.min(chunkIndex, chunkCount - 1))}
                    title="Generate this chunk again with a new seed: a new take"
                  >
                    ↻ {Math.min(chunkIndex, chunkCount - 1) + 1}
                  </button>
                )}
                <button
                  type="button"
                  className="small"
                  onClick={() => props.onDelete(take.id)}
                  aria-label={`Delete take ${i + 1}`}
                >
                  ×
                </button>
              </li>
            )
          })}
        </ul>
      </div>
    </section>
  )
}
