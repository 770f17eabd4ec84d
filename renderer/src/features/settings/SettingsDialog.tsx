// Settings: per provider an API key (set, replace, clear; never shown back), the default provider and the
// fallback order, and under Advanced each provider's base URL and concurrency, and the chunk cache's size.
// Changes apply at once.
import { useEffect, useRef, useState } from 'react'
import { Modal } from '../../components/Modal'
import { PROVIDER_IDS, type ProviderId } from '../../../../shared/domain/ids'
import { MIN_CHUNK_CACHE_MB, type SecretStatus, type Settings } from '../../../../shared/domain/settings'
import { invoke } from '../../lib/ipc'
import { FallbackOrder } from './FallbackOrder'
import { ProviderKeyField } from './ProviderKeyField'
import { baseUrlProblem, clampCacheMb, clampConcurrency } from './settingsForm'
import './settings.css'

export interface SettingsDialogProps {
  /** Focus this provider's key field (a rejected key, or "set a key" links). */
  focusProvider: ProviderId | null
  onClose: () => void
}

export function SettingsDialog({ focusProvider, onClose }: SettingsDialogProps) {
  const [settings, setSettings] = useState<Settings | null>(null)
  const [keys, setKeys] = useState<SecretStatus[]>([])
  const [plainTextFallback, setPlainTextFallback] = useState(false)
  const [labels, setLabels] = useState<Partial<Record<ProviderId, string>>>({})
  const [urlDrafts, setUrlDrafts] = useState<Partial<Record<ProviderId, string>>>({})
  const [problem, setProblem] = useState<string | null>(null)
  const keyInputs = useRef(new Map<ProviderId, HTMLInputElement>())
  const dialogRef = useRef<HTMLDivElement>(null)
  const labelOf = (id: ProviderId) => labels[id] ?? id

  useEffect(() => {
    void Promise.all([invoke('settings:get', {}), invoke('secrets:status', {}), invoke('providers:list', {})]).then(
      ([s, k, p]) => {
        if (s.ok) setSettings(s.data)
        else setProblem(s.error.message)
        if (k.ok) {
          setKeys(k.data.providers)
          setPlainTextFallback(k.data.plainTextFallback)
        }
        if (p.ok) setLabels(Object.fromEntries(p.data.map((info) => [info.id, info.label])))
      },
    )
  }, [])

  const loaded = settings !== null
  useEffect(() => {
    if (!loaded) return
    const field = focusProvider ? keyInputs.current.get(focusProvider) : undefined
    if (field) {
      field.focus()
      field.scrollIntoView?.({ block: 'center' })
    } else {
      dialogRef.current?.focus()
    }
  }, [loaded, focusProvider])

  // Escape closes even when focus left the dialog (a button that just disabled itself drops focus to the body).
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'Escape') return
      e.preventDefault()
      onClose()
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [onClose])

  async function apply(next: Settings) {
    setSettings(next)
    const r = await invoke('settings:set', next)
    setProblem(r.ok ? null : r.error.message)
  }
  const setProvider = (id: ProviderId, patch: Partial<Settings['providers'][ProviderId]>) => {
    if (!settings) return
    // Main's settings name every provider, each defaulted from its profile: nothing to make up here.
    void apply({ ...settings, providers: { ...settings.providers, [id]: { ...settings.providers[id], ...patch } } })
  }

  return (
    <Modal labelledBy="settings-title" className="settings" onClose={onClose} dialogRef={dialogRef}>
      <header className="modal-header">
        <h2 id="settings-title">Settings</h2>
        <button type="button" onClick={onClose} title="Close settings (Esc)">
          Done
        </button>
      </header>
      {problem && (
        <div className="field-problem" role="alert">
          {problem}
        </div>
      )}
      <section>
        <h3>API keys</h3>
        <p className="muted">
          Keys are stored encrypted by the operating system and never shown again: only their last 4 characters.
        </p>
        {plainTextFallback && (
          <div className="warning" role="note" data-testid="plaintext-warning">
            No system keyring was found, so keys are stored with a fixed key that other programs running as you could
            read. Install and unlock a keyring (GNOME Keyring or KWallet) to protect them.
          </div>
        )}
        {PROVIDER_IDS.map((id) => (
          <ProviderKeyField
            key={id}
            provider={id}
            label={labelOf(id)}
            status={keys.find((k) => k.provider === id)}
            highlighted={focusProvider === id}
            onStatus={(status) => setKeys((all) => [...all.filter((k) => k.provider !== id), status])}
            registerInput={(provider, el) =>
              el ? keyInputs.current.set(provider, el) : keyInputs.current.delete(provider)
            }
          />
        ))}
      </section>
      {settings && (
        <>
          <section>
            <h3>Providers</h3>
            <label className="form-row">
              <span>Default provider</span>
              <select
                value={settings.defaultProvider}
                onChange={(e) => void apply({ ...settings, defaultProvider: e.target.value as ProviderId })}
              >
                {PROVIDER_IDS.map((id) => (
                  <option key={id} value={id}>
                    {labelOf(id)}
                    {keys.find((k) => k.provider === id)?.isSet ? '' : ' (no key)'}
                  </option>
                ))}
              </select>
            </label>
            <div className="form-row">
              <span>Fallback order</span>
              <FallbackOrder
                order={settings.fallbackOrder}
                all={PROVIDER_IDS}
                labelOf={labelOf}
                hasKey={(id) => keys.find((k) => k.provider === id)?.isSet ?? false}
                onChange={(fallbackOrder) => void apply({ ...settings, fallbackOrder })}
              />
            </div>
          </section>
          <details className="advanced">
            <summary>Advanced: base URLs, concurrency and the chunk cache</summary>
            <table className="advanced-table">
              <thead>
                <tr>
                  <th>Provider</th>
                  <th>Parallel requests</th>
                  <th>Base URL (empty = the provider’s public API)</th>
                </tr>
              </thead>
              <tbody>
                {PROVIDER_IDS.map((id) => {
                  const ps = settings.providers[id]
                  const draft = urlDrafts[id] ?? ps.baseUrl
                  const urlProblem = baseUrlProblem(draft)
                  return (
                    <tr key={id}>
                      <td>{labelOf(id)}</td>
                      <td>
                        <input
                          type="number"
                          min={1}
                          max={32}
                          aria-label={`${labelOf(id)} parallel requests`}
                          value={ps.concurrency}
                          onChange={(e) => setProvider(id, { concurrency: clampConcurrency(e.target.valueAsNumber) })}
                        />
                      </td>
                      <td>
                        <input
                          type="url"
                          aria-label={`${labelOf(id)} base URL`}
                          placeholder="https://…"
                          value={draft}
                          aria-invalid={urlProblem !== null}
                          onChange={(e) => {
                            const text = e.target.value
                            setUrlDrafts((d) => ({ ...d, [id]: text }))
                            if (baseUrlProblem(text) === null) setProvider(id, { baseUrl: text.trim() })
                          }}
                        />
                        {urlProblem && <div className="field-problem">{urlProblem}</div>}
                      </td>
                    </tr>
                  )
                })}
              </tbody>
            </table>
            <label className="cache-limit">
              Keep up to{' '}
              <input
                type="number"
                min={MIN_CHUNK_CACHE_MB}
                step={100}
                aria-label="Chunk cache size in MB"
                value={settings.chunkCacheLimitMb}
                onChange={(e) => void apply({ ...settings, chunkCacheLimitMb: clampCacheMb(e.target.valueAsNumber) })}
              />{' '}
              MB of generated chunks, so generating the same thing again costs nothing; the least recently used go
              first.
            </label>
          </details>
        </>
      )}
    </Modal>
  )
}
