// Pure helpers of the Settings dialog: what a key's status says (never the key), list reordering for the
// fallback order, and checks that match what main accepts.
import { clamp } from '../../../../shared/domain/time'
import type { ProviderId } from '../../../../shared/domain/ids'
import { DEFAULT_CHUNK_CACHE_MB, MIN_CHUNK_CACHE_MB, type SecretStatus } from '../../../../shared/domain/settings'

/** "set · ••••1234" or "not set": the only thing ever shown about a stored key. */
export function keyStatusText(status: SecretStatus | undefined): string {
  if (!status?.isSet) return 'not set'
  return status.last4 ? `set · ••••${status.last4}` : 'set'
}

/** The same rule main applies before storing a key; null when it looks like a key. */
export function keyProblem(typed: string): string | null {
  const key = typed.trim()
  if (key.length === 0) return 'Paste the API key first.'
  if (key.length < 8 || /\s/.test(key)) return 'That does not look like an API key (no spaces, at least 8 characters).'
  return null
}

/** Moves the item at `index` by `delta` places (clamped); the list is not changed in place. */
export function moveItem<T>(list: readonly T[], index: number, delta: number): T[] {
  const to = clamp(index + delta, 0, list.length - 1)
  if (index < 0 || index >= list.length || to === index) return [...list]
  const next = [...list]
  const [item] = next.splice(index, 1)
  next.splice(to, 0, item as T)
  return next
}

export function withoutProvider(list: readonly ProviderId[], id: ProviderId): ProviderId[] {
  return list.filter((p) => p !== id)
}

/** Empty (the provider's public API) or an http(s) URL; null when fine. */
export function baseUrlProblem(text: string): string | null {
  if (text.trim() === '') return null
  try {
    const url = new URL(text.trim())
    return url.protocol === 'http:' || url.protocol === 'https:' ? null : 'Use an http:// or https:// address.'
  } catch {
    return 'Not a web address (e.g. https://api.example.com).'
  }
}

/** The chunk cache limit as typed, in MB: whole, at least the minimum main accepts. */
export function clampCacheMb(n: number): number {
  return Number.isFinite(n) ? clamp(Math.round(n), MIN_CHUNK_CACHE_MB, 1_000_000) : DEFAULT_CHUNK_CACHE_MB
}

export function clampConcurrency(n: number): number {
  return Number.isFinite(n) ? clamp(Math.round(n), 1, 32) : 1
}
