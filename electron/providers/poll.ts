// The wait for an accepted request: ask for its state every poll interval until it is done, and give up at a
// deadline. Each check makes its own calls (and retries them under the 'idempotent' policy).
import { AppError } from '../../shared/domain/errors'
import { defaultSleep } from './http'
import type { ProviderContext } from './types'

/** How long a request may stay queued or running before we give up on it. */
export const DEFAULT_MAX_WAIT_MS = 30 * 60_000

export interface PollOptions<T> {
  label: string
  ctx: Pick<ProviderContext, 'signal' | 'sleep' | 'pollIntervalMs'>
  /** One look at the request: its final value once done, undefined while it is still going. */
  check: () => Promise<T | undefined>
  maxWaitMs?: number
  /** Poll interval when ctx has none. */
  defaultIntervalMs?: number
}

export function waitTimeoutError(label: string, maxWaitMs: number): AppError {
  const mins = maxWaitMs >= 60_000 ? `${Math.round(maxWaitMs / 60_000)} min` : `${Math.round(maxWaitMs / 1000)} s`
  return new AppError('TIMEOUT', `${label} did not finish the sound within ${mins}. Try again later or pick another provider.`, {
    retryable: true,
  })
}

export async function pollUntilDone<T>(opts: PollOptions<T>): Promise<T> {
  const { ctx, maxWaitMs = DEFAULT_MAX_WAIT_MS } = opts
  const sleep = ctx.sleep ?? defaultSleep
  const deadline = Date.now() + maxWaitMs
  for (;;) {
    if (ctx.signal.aborted) throw new AppError('CANCELLED', 'Cancelled.')
    const value = await opts.check()
    if (value !== undefined) return value
    if (Date.now() >= deadline) throw waitTimeoutError(opts.label, maxWaitMs)
    await sleep(ctx.pollIntervalMs ?? opts.defaultIntervalMs ?? 1000, ctx.signal)
  }
}
