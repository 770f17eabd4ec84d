// What every queue-style adapter does after its submit was accepted: watch for a terminal state — over the
// provider's status stream where it has one (noticed the moment it happens), else by polling at intervals that
// adapt to how long this provider's requests have been taking (progress reported only when it changes) — give up
// with TIMEOUT after a deadline, tell the provider to cancel when the caller aborts or gives up, and say clearly
// when a submit may have been accepted.
import { AppError, isAppError } from '../../shared/domain/errors'
import type { ProviderHttp } from './http'
import type { ProviderContext, ProviderProfile, ProviderProgress } from './types'

export type PollStep<T> = { done: true; value: T } | { done: false; progress?: ProviderProgress }

export interface PollOptions<T> {
  /**
   * Its label (for the deadline's sentence and the durations record), interval (the longest adaptive pause) and
   * deadline; a fixed ctx.pollIntervalMs and ctx.maxWaitMs win.
   */
  profile: Pick<ProviderProfile, 'label' | 'pollIntervalMs' | 'maxWaitMs'>
  ctx: ProviderContext
  http: Pick<ProviderHttp, 'pause'>
  /** One status check: done with a value, or still running (with the stage to show). Throws on failure. */
  check: () => Promise<PollStep<T>>
  now?: () => number
  /** When watching began, if it began before this poll (a status stream that gave out); default now. */
  startedMs?: number
  /** How long this provider's requests took lately (default: the process-wide record, per label). */
  durations?: DurationRecord
}

/**
 * The shortest adaptive pause: near the expected end polls come this close, but never closer than a quarter of
 * the provider's own interval (a provider that asks for slow polls gets at most four times as many, and only
 * there).
 */
export const FAST_POLL_MS = 150
const fastPollMs = (maxMs: number): number => Math.min(maxMs, Math.max(FAST_POLL_MS, maxMs / 4))

/**
 * PURE: the pause before the next status check, `elapsedMs` after watching began. With no expectation the pause
 * is a quarter of the time waited so far (a request noticed at most ~25 % late, few checks on long ones); with
 * one (`expectedMs`, how long this provider's requests have been taking), pauses halve towards it and stay
 * short just after it, then relax again. Always between the fast pause (see FAST_POLL_MS) and `maxMs` (the
 * provider's own interval).
 */
export function nextPollMs(elapsedMs: number, expectedMs: number | null, maxMs: number): number {
  const fast = fastPollMs(maxMs)
  const clampPause = (ms: number): number => Math.round(Math.min(maxMs, Math.max(fast, ms)))
  if (expectedMs === null) return clampPause(elapsedMs / 4)
  if (elapsedMs < expectedMs) return clampPause((expectedMs - elapsedMs) / 2)
  if (elapsedMs < expectedMs * 1.5 + 1000) return fast
  return clampPause(elapsedMs / 4)
}

/** How long requests took from the start of watching to their end, per provider: the last few, kept in memory. */
export interface DurationRecord {
  note(label: string, ms: number): void
  /** The median of the last few, or null before the first. */
  expected(label: string): number | null
}

export function createDurationRecord(keep = 5): DurationRecord {
  const recent = new Map<string, number[]>()
  return {
    note(label, ms) {
      recent.set(label, [...(recent.get(label) ?? []), ms].slice(-keep))
    },
    expected(label) {
      const xs = [...(recent.get(label) ?? [])].sort((a, b) => a - b)
      return xs.length === 0 ? null : xs[Math.floor(xs.length / 2)]!
    },
  }
}

/** This process's record: every request to a provider teaches the polls of the next ones. */
export const providerDurations = createDurationRecord()

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

/** The provider has finished the job: what is left is fetching the result (its slot can go to the next). */
export function finished(ctx: Pick<ProviderContext, 'onProgress'>): void {
  ctx.onProgress({ stage: 'downloading', fraction: null })
}

/** Calls onProgress only when the stage (or its detail) differs from the last one reported. */
export function progressReporter(ctx: Pick<ProviderContext, 'onProgress'>): (p: ProviderProgress | undefined) => void {
  let last = ''
  return (p) => {
    if (!p) return
    const key = JSON.stringify(p)
    if (key !== last) ctx.onProgress(p)
    last = key
  }
}

/**
 * Polls `check` until it is done, pausing as nextPollMs says (or the fixed ctx.pollIntervalMs); emits a progress
 * event only when the stage (or its detail) changes.
 */
export async function pollUntilDone<T>(opts: PollOptions<T>): Promise<T> {
  const now = opts.now ?? Date.now
  const durations = opts.durations ?? providerDurations
  const { label } = opts.profile
  const maxWaitMs = opts.ctx.maxWaitMs ?? opts.profile.maxWaitMs
  const started = opts.startedMs ?? now()
  const report = progressReporter(opts.ctx)
  for (;;) {
    const step = await opts.check()
    if (step.done) {
      durations.note(label, now() - started)
      finished(opts.ctx)
      return step.value
    }
    report(step.progress)
    const elapsed = now() - started
    if (elapsed >= maxWaitMs) throw pollDeadlineError(label, maxWaitMs)
    await opts.http.pause(
      opts.ctx.pollIntervalMs ?? nextPollMs(elapsed, durations.expected(label), opts.profile.pollIntervalMs),
    )
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
