// The mix of the selected segment's active take (gain, fades, nudge, mute, solo) and how the clips' own audio sits
// under the generated sound. Every committed change is one history entry; Alt+←/→ nudges by 10 ms.
import { useCallback, useEffect, useRef, type Dispatch } from 'react'
import {
  ORIGINAL_AUDIO_MODES,
  type OriginalAudio,
  type Project,
  type Take,
  type TakeMix,
} from '../../../../shared/domain/project'
import type { EditorAction, Selection } from '../../state/editor'
import { changeOriginalAudio, changeTakeMix, NUDGE_LIMIT_MS, NUDGE_STEP_MS } from '../../state/mixEdits'
import { usePlayback } from '../playback/PlaybackProvider'
import { isTypingTarget } from '../editor/shortcuts'
import { lufsText } from '../takes/takeText'
import { mixLevelLufs, takeLufs } from '../../state/loudnessMatch'
import { MixSlider, MsField } from './MixControls'
import './mixer.css'
import { formatDb, formatNudge, nudgeStepForKey, selectedTake } from './mixerModel'

interface MixerStripProps {
  project: Project
  dispatch: Dispatch<EditorAction>
  selection: Selection
}

const MODE_LABEL: Record<OriginalAudio['mode'], string> = { keep: 'Keep', lower: 'Lower', duck: 'Duck', mute: 'Mute' }
const MODE_HINT: Record<OriginalAudio['mode'], string> = {
  keep: 'The clips’ own sound at full level',
  lower: 'The clips’ own sound lowered throughout',
  duck: 'The clips’ own sound dips under every generated sound',
  mute: 'Only the generated sound',
}

export function MixerStrip({ project, dispatch, selection }: MixerStripProps) {
  const selected = selectedTake(project, selection)
  const segmentId = selected?.segment.id
  const takeId = selected?.take.id
  const mix = selected?.take.mix
  const changeTake = useCallback(
    (change: Partial<TakeMix>) =>
      segmentId && takeId && dispatch({ type: 'takeMixChanged', segmentId, takeId, change }),
    [dispatch, segmentId, takeId],
  )
  const changeOriginal = useCallback(
    (change: Partial<OriginalAudio>) => dispatch({ type: 'originalAudioChanged', change }),
    [dispatch],
  )
  const nudgeMs = mix?.nudgeMs ?? 0
  // A slider mid-drag is heard at once in what is playing; the release commits it (one history entry).
  const { previewMix } = usePlayback()
  const previewTake = (change: Partial<TakeMix>) =>
    segmentId && takeId && previewMix(changeTakeMix(project, segmentId, takeId, change))
  const previewOriginal = (change: Partial<OriginalAudio>) => previewMix(changeOriginalAudio(project, change))

  const nudgeRef = useRef({ segmentId, nudgeMs, changeTake })
  nudgeRef.current = { segmentId, nudgeMs, changeTake }
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const step = nudgeStepForKey(e)
      const now = nudgeRef.current
      if (step === null || !now.segmentId || isTypingTarget(e.target)) return
      e.preventDefault()
      now.changeTake({ nudgeMs: now.nudgeMs + step })
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [])

  const { original } = project
  return (
    <section className="panel mixer" aria-label="Mix">
      <div className="mixer-row" data-testid="mixer-take">
        <span className="mixer-title">
          {selected ? `Take ${selected.segment.takes.indexOf(selected.take) + 1}` : 'Take'}
        </span>
        {mix ? (
          <>
            <div className="gain-and-loudness">
              <MixSlider
                label="Take gain"
                value={mix.gainDb}
                min={-30}
                max={12}
                step={0.5}
                format={formatDb}
                onCommit={(gainDb) => changeTake({ gainDb })}
                onPreview={(gainDb) => previewTake({ gainDb })}
                testId="take-gain"
              />
              <TakeLoudness take={selected.take} />
            </div>
            <MsField
              label="Fade in"
              value={mix.fadeInMs}
              max={10_000}
              onCommit={(fadeInMs) => changeTake({ fadeInMs })}
              testId="fade-in"
            />
            <MsField
              label="Fade out"
              value={mix.fadeOutMs}
              max={10_000}
              onCommit={(fadeOutMs) => changeTake({ fadeOutMs })}
              testId="fade-out"
            />
            <div className="mix-control nudge">
              <span className="field-label">Nudge</span>
              <span className="nudge-buttons">
                <button
                  type="button"
                  className="tool"
                  onClick={() => changeTake({ nudgeMs: nudgeMs - NUDGE_STEP_MS })}
                  disabled={nudgeMs <= -NUDGE_LIMIT_MS}
                  title="10 ms earlier (Alt+←)"
                  aria-label="Nudge earlier"
                >
                  −10
                </button>
                <output className="nudge-value" data-testid="nudge-value">
                  {formatNudge(nudgeMs)}
                </output>
                <button
                  type="button"
                  className="tool"
                  onClick={() => changeTake({ nudgeMs: nudgeMs + NUDGE_STEP_MS })}
                  disabled={nudgeMs >= NUDGE_LIMIT_MS}
                  title="10 ms later (Alt+→)"
                  aria-label="Nudge later"
                >
                  +10
                </button>
                <button
                  type="button"
                  className="tool"
                  onClick={() => changeTake({ nudgeMs: 0 })}
                  disabled={nudgeMs === 0}
                  title="Back in place"
                  aria-label="Reset nudge"
                >
                  0
                </button>
              </span>
            </div>
            <div className="mix-control toggles">
              <button
                type="button"
                className={`tool mute${mix.muted ? ' on' : ''}`}
                aria-pressed={mix.muted}
                onClick={() => changeTake({ muted: !mix.muted })}
                title="Mute this take"
              >
                M
              </button>
              <button
                type="button"
                className={`tool solo${mix.solo ? ' on' : ''}`}
                aria-pressed={mix.solo}
                onClick={() => changeTake({ solo: !mix.solo })}
                title="Solo: only soloed takes sound"
              >
                S
              </button>
            </div>
          </>
        ) : (
          <p className="mixer-hint">Select a segment with a take to set its gain, fades and nudge.</p>
        )}
      </div>
      <div className="mixer-row">
        <span className="mixer-title" title="The clips' own sound">
          Original
        </span>
        <div className="mix-control">
          <span className="field-label">Under the generated sound</span>
          <div className="segmented" role="radiogroup" aria-label="Original audio">
            {ORIGINAL_AUDIO_MODES.map((m) => (
              <button
                type="button"
                key={m}
                role="radio"
                aria-checked={original.mode === m}
                className={`tool${original.mode === m ? ' on' : ''}`}
                title={MODE_HINT[m]}
                onClick={() => changeOriginal({ mode: m })}
              >
                {MODE_LABEL[m]}
              </button>
            ))}
          </div>
        </div>
        {original.mode === 'lower' && (
          <MixSlider
            label="Lower by"
            value={original.lowerDb}
            min={-40}
            max={0}
            step={1}
            format={formatDb}
            onCommit={(lowerDb) => changeOriginal({ lowerDb })}
            onPreview={(lowerDb) => previewOriginal({ lowerDb })}
          />
        )}
        {original.mode === 'duck' && (
          <>
            <MixSlider
              label="Duck by"
              value={original.duckDb}
              min={-40}
              max={0}
              step={1}
              format={formatDb}
              onCommit={(duckDb) => changeOriginal({ duckDb })}
              onPreview={(duckDb) => previewOriginal({ duckDb })}
            />
            <MsField
              label="Duck fade"
              value={original.duckFadeMs}
              max={5000}
              onCommit={(duckFadeMs) => changeOriginal({ duckFadeMs })}
            />
          </>
        )}
      </div>
    </section>
  )
}

/** The take's measured loudness and where its gain puts it in the mix (before the export's loudness preset). */
function TakeLoudness({ take }: { take: Take }) {
  const lufs = takeLufs(take)
  const level = mixLevelLufs(take)
  return (
    <output
      className="take-loudness"
      data-testid="take-loudness"
      data-lufs={lufs ?? undefined}
      data-level={level ?? undefined}
      title="Integrated loudness (EBU R128) of the take, measured when it arrived; after the arrow, with its gain: where it sits in the mix before the export's loudness preset."
    >
      {lufsText(lufs)}
      {level !== null && take.mix.gainDb !== 0 && ` → ${lufsText(level)} in the mix`}
    </output>
  )
}
