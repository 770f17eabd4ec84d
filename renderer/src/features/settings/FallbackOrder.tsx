// The providers tried, in order, when the chosen one fails: reorder with ↑/↓, remove, or add another.
import type { ProviderId } from '../../../../shared/domain/ids'
import { moveItem, withoutProvider } from './settingsForm'

export interface FallbackOrderProps {
  order: readonly ProviderId[]
  all: readonly ProviderId[]
  labelOf: (id: ProviderId) => string
  hasKey: (id: ProviderId) => boolean
  onChange: (next: ProviderId[]) => void
}

export function FallbackOrder({ order, all, labelOf, hasKey, onChange }: FallbackOrderProps) {
  const addable = all.filter((id) => !order.includes(id))
  return (
    <div className="fallback">
      {order.length === 0 && <p className="muted">No fallback: a failed generation stops at the chosen provider.</p>}
      <ol className="fallback-list" aria-label="Fallback order">
        {order.map((id, i) => (
          <li key={id} className="fallback-item">
            <span className="fallback-rank">{i + 1}</span>
            <span className="fallback-name">
              {labelOf(id)} {!hasKey(id) && <span className="muted">· no key, skipped</span>}
            </span>
            <button
              type="button"
              className="small"
              onClick={() => onChange(moveItem(order, i, -1))}
              disabled={i === 0}
              aria-label={`Move ${labelOf(id)} up`}
            >
              ↑
            </button>
            <button
              type="button"
              className="small"
              onClick={() => onChange(moveItem(order, i, 1))}
              disabled={i === order.length - 1}
              aria-label={`Move ${labelOf(id)} down`}
            >
              ↓
            </button>
            <button
              type="button"
              className="small"
              onClick={() => onChange(withoutProvider(order, id))}
              aria-label={`Remove ${labelOf(id)} from the fallback order`}
            >
              Remove
            </button>
          </li>
        ))}
      </ol>
      {addable.length > 0 && (
        <select
          aria-label="Add a fallback provider"
          value=""
          onChange={(e) => e.target.value && onChange([...order, e.target.value as ProviderId])}
        >
          <option value="">Add a fallback provider…</option>
          {addable.map((id) => (
            <option key={id} value={id}>
              {labelOf(id)}
            </option>
          ))}
        </select>
      )}
    </div>
  )
}
