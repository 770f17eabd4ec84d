// What every queue-style adapter does after its submit was accepted: poll at an interval until a terminal
// state (progress reported only when it changes), give up with TIMEOUT after a deadline, tell the provider
// to cancel when the caller aborts or gives up, and say clearly when a submit may have been accepted.
import { AppError, isAppError } from '../../shared/domain/errors'
import type { ProviderHttp } from './http'
import type { ProviderContext, ProviderProfile, ProviderProgress } from './types'

export type PollStep<T> = { done: true; value: T } | { done: false; progress?: ProviderProgress }

export interface PollOptions<T> {
  /** Its label (for the deadline's sentence), interval and deadline; ctx.pollIntervalMs and ctx.maxWaitMs win. */
  profile: Pick<ProviderProfile, 'label' | 'pollIntervalMs' | 'maxWaitMs'>
  ctx: ProviderContext
  http: Pick<ProviderHttp, 'pause'>
  /** One status check: done with a value, or still running (with the stage to show). Throws on failure. */
  check: () => Promise<PollStep<T>>
  now?: () => number
}

/** The error for a request that never reached a terminal state in time. */
export function pollDeadlineError(label: string, waitedMs: number): AppError {
  const mins =
    waitedMs >= 60_000
      ? `${Math.round(waitedMs / 60_000)} min`
      : `${Number((waitedMs / 1000).toFixed(waitedMs < 10_000 ? 1 : 0))} s`
  return new AppError(
    'TIMEOUT',
    `${label} did not finish this request within ${mins}. Try again later or pick another provider.`,
    { retryable: true },
  )
}

/** Polls `check` until it is done; emits a progress event only when the stage (or its detail) changes. */
export async function pollUntilDone<T>(opts: PollOptions<T>): Promise<T> {
  const now = opts.now ?? Date.now
  const maxWaitMs = opts.ctx.maxWaitMs ?? opts.profile.maxWaitMs
  const intervalMs = opts.ctx.pollIntervalMs ?? opts.profile.pollIntervalMs
  const started = now()
  let last = ''
  for (;;) {
    const step = await opts.check()
    if (step.done) return step.value
    if (step.progress) {
      const key = JSON.stringify(step.progress)
      if (key !== last) opts.ctx.onProgress(step.progress)
      last = key
    }
    if (now() - started >= maxWaitMs) throw pollDeadlineError(opts.profile.label, maxWaitMs)
    await opts.http.pause(intervalMs)
  }
}

const CANCEL_BUDGET_MS = 10_000

/**
 * Runs the work that follows an accepted submit. When the caller aborts (or the work gives up with TIMEOUT),
 * asks the provider to cancel — best effort, bounded, with its own signal since ctx.signal is already
 * aborted — before rejecting, so the request stops running (and billing) on the provider's side.
 * `cancel` is null for providers without a cancel endpoint.
 */
export async function cancelOnGiveUp<T>(
  ctx: ProviderContext,
  work: () => Promise<T>,
  cancel: ((detached: ProviderContext) => Promise<unknown>) | null,
): Promise<T> {
  try {
    return await work()
  } catch (e) {
    const aborted = ctx.signal.aborted
    if (cancel && (aborted || (isAppError(e) && e.code === 'TIMEOUT'))) {
      const detached: ProviderContext = { ...ctx, signal: AbortSignal.timeout(CANCEL_BUDGET_MS), onProgress: () => {} }
      await cancel(detached).catch(() => undefined)
    }
    if (aborted) throw new AppError('CANCELLED', 'Cancelled.')
    throw e
  }
}

/**
 * A submit failed in a way where the provider may still have accepted it (dropped connection, timeout, 5xx).
 * It was not repeated, and must not be retried blindly: the error says so and is not retryable.
 */
export function ambiguousSubmitError(label: string, e: unknown): unknown {
  if (!isAppError(e) || !['NETWORK', 'TIMEOUT', 'PROVIDER_FAILED'].includes(e.code)) return e
  return new AppError(
    e.code,
    `${e.message} ${label} may have accepted the request anyway, so it was not sent again (that could charge twice). ` +
      `Check your ${label} dashboard before retrying.`,
    { retryable: false, cause: e },
  )
}
