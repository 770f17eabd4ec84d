// The cost line shown before sending: calls (takes × chunks) and the price where the provider publishes one. PURE.
import type { CostEstimate } from '../../../../shared/domain/generation'

const seconds = (s: number) => {
  const whole = Math.round(s)
  return `${Math.abs(s - whole) < 0.05 ? whole : s.toFixed(1)} s`
}

/** "$0.024 · 3 calls · 24 s billed", or "price not published · 3 calls · 24 s billed". */
export function costText(e: CostEstimate): string {
  const price = e.usd === null ? 'price not published' : `$${e.usd.toFixed(e.usd < 0.1 ? 3 : 2)}`
  return `${price} · ${e.calls} call${e.calls === 1 ? '' : 's'} · ${seconds(e.billedSec)} billed`
}
