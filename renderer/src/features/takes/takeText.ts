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
