// The strip's controls: a slider and a milliseconds field that commit once per gesture.
import { clamp } from '../../../../shared/domain/time'
import { useId } from 'react'
import { useDraft } from './useDraft'

interface SliderProps {
  label: string
  value: number
  min: number
  max: number
  step: number
  format: (v: number) => string
  onCommit: (v: number) => void
  /** Called as the value moves, before it is committed (to hear it). */
  onPreview?: (v: number) => void
  testId?: string
}

export function MixSlider({ label, value, min, max, step, format, onCommit, onPreview, testId }: SliderProps) {
  const id = useId()
  const d = useDraft(value, onCommit)
  return (
    <div className="mix-control">
      <label className="field-label" htmlFor={id}>
        {label} <span className="value">{format(d.shown)}</span>
      </label>
      <input
        id={id}
        type="range"
        min={min}
        max={max}
        step={step}
        value={d.shown}
        onChange={(e) => {
          const v = Number(e.currentTarget.value)
          d.change(v)
          onPreview?.(v)
        }}
        onPointerUp={d.end}
        onKeyUp={d.end}
        onBlur={d.end}
        data-testid={testId}
      />
    </div>
  )
}

export function MsField({ label, value, max, onCommit, testId }: { label: string; value: number; max: number; onCommit: (v: number) => void; testId?: string }) {
  const id = useId()
  const d = useDraft(value, (v) => onCommit(clamp(Math.round(v), 0, max)))
  return (
    <div className="mix-control ms">
      <label className="field-label" htmlFor={id}>
        {label}
      </label>
      <span className="ms-field">
        <input
          id={id}
          type="number"
          min={0}
          max={max}
          step={10}
          value={d.shown}
          onChange={(e) => d.change(e.currentTarget.valueAsNumber)}
          onBlur={d.end}
          onKeyDown={(e) => e.key === 'Enter' && d.end()}
          data-testid={testId}
        />
        ms
      </span>
    </div>
  )
}
