// How a take is described in the list (PURE): its seed, provider, length and when it was made.
import type { Take } from '../../../../shared/domain/project'
import { formatTimecode } from '../../lib/timecode'

export function takeCreatedText(iso: string, now = new Date()): string {
  const d = new Date(iso)
  if (Number.isNaN(d.getTime())) return ''
  const time = d.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' })
  return d.toDateString() === now.toDateString() ? time : `${d.toLocaleDateString()} ${time}`
}

export function takeSummary(take: Take, providerLabel: string): string {
  return `seed ${take.seed} · ${providerLabel} · ${formatTimecode(take.durationSec, 1)}`
}

/**
 * A take made by regenerating chunks of an earlier one keeps that take's seed; say which take and chunks, so
 * the two can be told apart: "from take 1, chunk 2 new". Null for a take of its own.
 */
export function takeOrigin(take: Take, takes: readonly Take[]): string | null {
  const i = takes.indexOf(take)
  for (let j = i - 1; j >= 0; j--) {
    const base = takes[j]!
    if (base.seed !== take.seed || base.requestIds.length !== take.requestIds.length || base.requestIds.length < 2)
      continue
    const changed = take.requestIds.flatMap((id, k) => (id !== base.requestIds[k] ? [k + 1] : []))
    if (changed.length === 0 || changed.length === take.requestIds.length) continue
    return `from take ${j + 1}, chunk ${changed.join(', ')} new`
  }
  return null
}

/** "−23.1 LUFS" (typographic minus, one decimal); "not measured" when the take has no loudness. */
export function lufsText(lufs: number | null): string {
  if (lufs === null) return 'not measured'
  const v = Math.round(lufs * 10) / 10
  return `${v < 0 ? '−' : ''}${Math.abs(v).toFixed(1)} LUFS`
}
