// What a generation will cost, before anything is sent. PURE.
// Billed seconds = takes × Σ the seconds each chunk's call asks for (its length within the provider's range,
// rounded up to whole seconds where the provider only takes whole seconds); USD = billed seconds × the
// published price.
import type { ChunkPlan } from '../../shared/domain/chunks'
import type { CostEstimate } from '../../shared/domain/generation'
import { askedDurationSec } from '../providers/paramRange'
import type { ProviderCapabilities } from '../providers/types'

export function estimateCost(
  plan: Pick<ChunkPlan, 'chunks'>,
  takes: number,
  capabilities: Pick<ProviderCapabilities, 'priceUsdPerSec' | 'params' | 'durationSec'>,
): CostEstimate {
  const perTakeSec = plan.chunks.reduce((sum, c) => sum + askedDurationSec(c.endSec - c.startSec, capabilities), 0)
  const billedSec = Math.round(takes * perTakeSec * 1000) / 1000
  const price = capabilities.priceUsdPerSec
  return {
    calls: takes * plan.chunks.length,
    chunks: plan.chunks.length,
    billedSec,
    usd: price === undefined ? null : Math.round(billedSec * price * 1e6) / 1e6,
  }
}

/** "$0.024" / "price not published": one way to say it in the CLI and the UI. */
export function formatCost(estimate: CostEstimate): string {
  if (estimate.usd === null) return `${estimate.billedSec.toFixed(1)} s of audio (price not published)`
  return `$${estimate.usd.toFixed(estimate.usd < 0.1 ? 3 : 2)} for ${estimate.billedSec.toFixed(1)} s of audio`
}
