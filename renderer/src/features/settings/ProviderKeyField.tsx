// One provider's API key: set, replace or clear. The typed key lives only in the (uncontrolled) password field
// until it is sent to main, and the field is emptied once main has stored it; only "set · ••••1234" comes back.
import { useRef, useState } from 'react'
import type { ProviderId } from '../../../../shared/domain/ids'
import type { SecretStatus } from '../../../../shared/domain/settings'
import { invoke } from '../../lib/ipc'
import { keyProblem, keyStatusText } from './settingsForm'

export interface ProviderKeyFieldProps {
  provider: ProviderId
  label: string
  status: SecretStatus | undefined
  highlighted: boolean
  onStatus: (status: SecretStatus) => void
  /** Lets the dialog focus this field (openSettings(provider)). */
  registerInput: (provider: ProviderId, el: HTMLInputElement | null) => void
}

export function ProviderKeyField({
  provider,
  label,
  status,
  highlighted,
  onStatus,
  registerInput,
}: ProviderKeyFieldProps) {
  const fieldRef = useRef<HTMLInputElement | null>(null)
  const [hasText, setHasText] = useState(false)
  const [problem, setProblem] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const isSet = status?.isSet ?? false

  async function saveKey() {
    const field = fieldRef.current
    if (!field) return
    const local = keyProblem(field.value)
    if (local) return setProblem(local)
    setBusy(true)
    const r = await invoke('secrets:set', { provider, key: field.value.trim() })
    setBusy(false)
    if (!r.ok) return setProblem(r.error.message)
    field.value = ''
    field.focus()
    setHasText(false)
    setProblem(null)
    onStatus(r.data)
  }

  async function clearKey() {
    setBusy(true)
    const r = await invoke('secrets:clear', { provider })
    setBusy(false)
    if (!r.ok) return setProblem(r.error.message)
    fieldRef.current?.focus()
    setProblem(null)
    onStatus(r.data)
  }

  const fieldId = `key-${provider}`
  return (
    <div className={`key-row${highlighted ? ' highlighted' : ''}`} data-testid={`key-row-${provider}`}>
      <label className="key-provider" htmlFor={fieldId}>
        {label}
      </label>
      <span className={`key-status${isSet ? ' is-set' : ''}`} data-testid={`key-status-${provider}`}>
        {keyStatusText(status)}
      </span>
      <input
        id={fieldId}
        ref={(el) => {
          fieldRef.current = el
          registerInput(provider, el)
        }}
        type="password"
        aria-label={`${label} API key`}
        placeholder={isSet ? 'Paste a new key to replace it' : 'Paste your API key'}
        autoComplete="off"
        spellCheck={false}
        onInput={(e) => {
          setHasText(e.currentTarget.value.length > 0)
          setProblem(null)
        }}
        onKeyDown={(e) => {
          if (e.key === 'Enter') void saveKey()
        }}
        aria-invalid={problem !== null}
        aria-describedby={problem ? `${fieldId}-problem` : undefined}
      />
      <button type="button" onClick={() => void saveKey()} disabled={!hasText || busy}>
        {isSet ? 'Replace' : 'Save key'}
      </button>
      <button
        type="button"
        onClick={() => void clearKey()}
        disabled={!isSet || busy}
        aria-label={`Clear the ${label} key`}
      >
        Clear
      </button>
      {problem && (
        <div className="field-problem" id={`${fieldId}-problem`} role="alert">
          {problem}
        </div>
      )}
    </div>
  )
}
