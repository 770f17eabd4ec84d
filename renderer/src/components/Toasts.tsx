import type { AppErrorData } from '../../../shared/domain/errors'
import { errorText } from '../lib/errorText'

export interface Toast {
  id: string
  title: string
  error: AppErrorData
}

export function Toasts({ toasts, onDismiss }: { toasts: readonly Toast[]; onDismiss: (id: string) => void }) {
  if (toasts.length === 0) return null
  return (
    <div className="toasts" role="region" aria-label="Messages">
      {toasts.map((t) => {
        const text = errorText(t.error)
        return (
          <div key={t.id} className="toast" role="alert">
            <div className="toast-title">{t.title}</div>
            <div className="toast-message">{text.message}</div>
            {text.next && <div className="toast-next">{text.next}</div>}
            <button type="button" className="toast-close" aria-label="Dismiss" onClick={() => onDismiss(t.id)}>
              ×
            </button>
          </div>
        )
      })}
    </div>
  )
}
