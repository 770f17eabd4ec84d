// The generation settings a provider has, and only those (hidden, not disabled, when it lacks one).
// Text fields commit when the person pauses or leaves them; clicks commit at once.
import type { ReactNode } from 'react'
import type { GenerationParams } from '../../../../shared/domain/project'
import { GUARDS, type Guard, hasGuard, TIMING_ONLY_HINT, toggleGuard } from '../../../../shared/domain/guards'
import {
  MAX_TAKES,
  PROMPT_SOFT_LIMIT_WORDS,
  QUALITY_STEPS,
  qualityOf,
  wordCount,
  type ProviderControls,
} from './providerParams'

export type EditParams = (change: Partial<GenerationParams>, immediate?: boolean) => void

interface GenerateFieldsProps {
  params: GenerationParams
  controls: ProviderControls
  textOnly: boolean
  edit: EditParams
  onBlur: () => void
  randomSeed: () => number
}

export function GenerateFields({ params, controls: c, textOnly, edit, onBlur, randomSeed }: GenerateFieldsProps) {
  const words = wordCount(params.prompt)
  const quality = qualityOf(params.steps)
  return (
    <>
      <label className="field">
        <span className="field-label">Prompt</span>
        <textarea
          rows={3}
          value={params.prompt}
          placeholder="Describe the sounds, not the picture: footsteps on gravel, waves, distant gulls"
          onChange={(e) => edit({ prompt: e.target.value })}
          onBlur={onBlur}
        />
        {words > PROMPT_SOFT_LIMIT_WORDS && (
          <span className="field-warn" role="status">
            {words} words: the model reads about the first 60 (77 tokens) and ignores the rest.
          </span>
        )}
      </label>
      {c.negativePrompt && (
        <div className="field">
          <label className="field">
            <span className="field-label">Avoid</span>
            <input
              type="text"
              value={params.negativePrompt}
              onChange={(e) => edit({ negativePrompt: e.target.value })}
              onBlur={onBlur}
            />
          </label>
          <span className="field-row guards" role="group" aria-label="Guards">
            {(Object.keys(GUARDS) as Guard[]).map((g) => (
              <button
                key={g}
                type="button"
                className={`chip${hasGuard(params.negativePrompt, g) ? ' on' : ''}`}
                aria-pressed={hasGuard(params.negativePrompt, g)}
                title={GUARDS[g].hint}
                onClick={() => edit({ negativePrompt: toggleGuard(params.negativePrompt, g) }, true)}
              >
                {GUARDS[g].label}
              </button>
            ))}
            {c.maskAwayClip && !textOnly && (
              <button
                type="button"
                className={`chip${params.maskAwayClip ? ' on' : ''}`}
                aria-pressed={params.maskAwayClip}
                title={TIMING_ONLY_HINT}
                onClick={() => edit({ maskAwayClip: !params.maskAwayClip }, true)}
              >
                Timing only
              </button>
            )}
          </span>
        </div>
      )}
      {c.seed && (
        <FieldGroup label="Seed">
          <span className="field-row">
            <label className="check">
              <input
                type="checkbox"
                checked={params.seed !== null}
                onChange={(e) => edit({ seed: e.target.checked ? randomSeed() : null }, true)}
              />
              Lock
            </label>
            {params.seed === null ? (
              <span className="muted">random per take</span>
            ) : (
              <input
                type="number"
                aria-label="Seed value"
                min={c.seed.min}
                max={c.seed.max}
                value={params.seed}
                onChange={(e) => e.target.value !== '' && edit({ seed: Number(e.target.value) })}
                onBlur={onBlur}
              />
            )}
            <button
              type="button"
              className="small"
              title="Lock a new random seed"
              onClick={() => edit({ seed: randomSeed() }, true)}
            >
              New seed
            </button>
          </span>
        </FieldGroup>
      )}
      {c.steps && (
        <FieldGroup label="Quality">
          <span className="segmented">
            {(['draft', 'standard'] as const).map((q) => (
              <button
                key={q}
                type="button"
                aria-pressed={quality === q}
                className={quality === q ? 'on' : ''}
                onClick={() => edit({ steps: QUALITY_STEPS[q] }, true)}
              >
                {q === 'draft' ? 'Draft' : 'Standard'} <span className="muted">{QUALITY_STEPS[q]} steps</span>
              </button>
            ))}
          </span>
        </FieldGroup>
      )}
      {c.cfg && (
        <label className="field">
          <span className="field-label">
            Prompt strength (CFG) <span className="value">{params.cfg.toFixed(1)}</span>
          </span>
          <input
            type="range"
            aria-label="Prompt strength (CFG)"
            min={c.cfg.min}
            max={c.cfg.max}
            step={0.5}
            value={params.cfg}
            onChange={(e) => edit({ cfg: Number(e.target.value) })}
            onBlur={onBlur}
          />
        </label>
      )}
      <label className="field">
        <span className="field-label">
          Window <span className="value">{params.windowSec} s</span>
        </span>
        <input
          type="range"
          aria-label="Window"
          min={c.window.min}
          max={c.window.max}
          step={c.window.step}
          value={params.windowSec}
          onChange={(e) => edit({ windowSec: Number(e.target.value) })}
          onBlur={onBlur}
        />
      </label>
      <FieldGroup label="Takes" name="Number of takes">
        <span className="segmented">
          {Array.from({ length: MAX_TAKES }, (_, i) => i + 1).map((n) => (
            <button
              key={n}
              type="button"
              aria-pressed={params.takes === n}
              className={params.takes === n ? 'on' : ''}
              onClick={() => edit({ takes: n }, true)}
            >
              {n}
            </button>
          ))}
        </span>
      </FieldGroup>
    </>
  )
}

/** A labelled group of controls (`name` is what assistive tech calls it, when it says more than the label). */
function FieldGroup({ label, name, children }: { label: string; name?: string; children: ReactNode }) {
  return (
    <div className="field" role="group" aria-label={name ?? label}>
      <span className="field-label">{label}</span>
      {children}
    </div>
  )
}
