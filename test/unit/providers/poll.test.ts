import { describe, expect, it } from 'vitest'
import { AppError } from '../../../shared/domain/errors'
import {
  ambiguousSubmitError,
  cancelOnGiveUp,
  createDurationRecord,
  FAST_POLL_MS,
  nextPollMs,
  pollUntilDone,
  type PollStep,
} from '../../../electron/providers/poll'
import type { ProviderContext, ProviderProgress } from '../../../electron/providers/types'

function context(over: Partial<ProviderContext> = {}): {
  ctx: ProviderContext
  progress: ProviderProgress[]
  controller: AbortController
} {
  const progress: ProviderProgress[] = []
  const controller = new AbortController()
  const ctx: ProviderContext = {
    signal: controller.signal,
    onProgress: (p) => progress.push(p),
    onSubmitted: () => {},
    fetch: () => Promise.reject(new Error('no network in unit tests')),
    baseUrl: null,
    apiKey: 'k',
    tmpDir: '/tmp',
    ...over,
  }
  return { ctx, progress, controller }
}

describe('pollUntilDone', () => {
  it('pauses the context interval between checks and reports a stage only when it changes', async () => {
    const steps: Array<PollStep<string>> = [
      { done: false, progress: { stage: 'queued', position: 2 } },
      { done: false, progress: { stage: 'queued', position: 2 } },
      { done: false, progress: { stage: 'queued', position: 1 } },
      { done: false, progress: { stage: 'generating' } },
      { done: false, progress: { stage: 'generating' } },
      { done: true, value: 'url' },
    ]
    const pauses: number[] = []
    const { ctx, progress } = context({ pollIntervalMs: 7 })
    const value = await pollUntilDone({
      profile: { label: 'P', pollIntervalMs: 5000, maxWaitMs: 60_000 },
      ctx,
      http: { pause: async (ms) => void pauses.push(ms ?? -1) },
      check: async () => steps.shift()!,
    })
    expect(value).toBe('url')
    // …and once done, that the provider has finished (only the download is left).
    expect(progress).toEqual([
      { stage: 'queued', position: 2 },
      { stage: 'queued', position: 1 },
      { stage: 'generating' },
      { stage: 'downloading', fraction: null },
    ])
    expect(pauses).toEqual([7, 7, 7, 7, 7])
  })

  it('gives up with TIMEOUT after the deadline, using the provider default when the context has none', async () => {
    let now = 0
    const { ctx } = context()
    const pauses: number[] = []
    const err = await pollUntilDone({
      profile: { label: 'P', pollIntervalMs: 5000, maxWaitMs: 20 * 60_000 },
      ctx,
      http: {
        pause: async (ms) => {
          pauses.push(ms ?? 0)
          now += ms ?? 0
        },
      },
      check: async () => ({ done: false }),
      now: () => now,
      durations: createDurationRecord(),
    }).catch((e: unknown) => e)
    expect(err).toBeInstanceOf(AppError)
    expect((err as AppError).toData()).toEqual({
      code: 'TIMEOUT',
      message: 'P did not finish this request within 20 min. Try again later or pick another provider.',
      retryable: true,
    })
    expect(now).toBeGreaterThanOrEqual(20 * 60_000)
    expect(now).toBeLessThan(20 * 60_000 + 5000)
    // Quick at first, then never more often than a quarter of the time waited, never rarer than the provider's.
    expect(pauses.slice(0, 3)).toEqual([1250, 1250, 1250]) // a quarter of this provider's 5 s
    expect(Math.max(...pauses)).toBe(5000)
    expect(pauses.length).toBeLessThan(260)
  })

  it('learns how long a provider takes: the next request is checked often near that time, rarely before', async () => {
    const durations = createDurationRecord()
    const run = async (doneAtMs: number): Promise<number[]> => {
      let now = 0
      const checks: number[] = []
      const { ctx } = context()
      await pollUntilDone({
        profile: { label: 'P', pollIntervalMs: 2000, maxWaitMs: 60_000 },
        ctx,
        http: {
          pause: async (ms) => {
            now += ms ?? 0
          },
        },
        check: async () => {
          checks.push(now)
          return now >= doneAtMs ? { done: true, value: 'x' } : { done: false }
        },
        now: () => now,
        durations,
      })
      return checks
    }
    const first = await run(8000)
    expect(durations.expected('P')).toBeGreaterThanOrEqual(8000)
    const second = await run(8000)
    // Noticed sooner than the first time, with few checks in the first half.
    expect(second.at(-1)!).toBeLessThan(first.at(-1)!)
    expect(second.filter((t) => t < 4000).length).toBeLessThanOrEqual(4)
  })
})

describe('nextPollMs (pure)', () => {
  it('with no history: a quarter of the time waited, between the fast pause and the provider’s interval', () => {
    expect(nextPollMs(0, null, 500)).toBe(FAST_POLL_MS)
    expect(nextPollMs(1000, null, 500)).toBe(250)
    expect(nextPollMs(60_000, null, 500)).toBe(500)
    expect(nextPollMs(0, null, 100)).toBe(100) // a provider asking for faster polls gets them
    // A provider asking for slow polls: never more than four times as often.
    expect(nextPollMs(0, null, 2000)).toBe(500)
    expect(nextPollMs(0, null, 5000)).toBe(1250)
  })

  it('with history: halving towards the expected end, fast just after it, relaxing when long overdue', () => {
    expect(nextPollMs(0, 8000, 500)).toBe(500)
    expect(nextPollMs(7500, 8000, 500)).toBe(250)
    expect(nextPollMs(7900, 8000, 500)).toBe(FAST_POLL_MS)
    expect(nextPollMs(9000, 8000, 500)).toBe(FAST_POLL_MS)
    expect(nextPollMs(40_000, 8000, 500)).toBe(500)
    expect(nextPollMs(7900, 8000, 2000)).toBe(500)
  })
})

describe('cancelOnGiveUp', () => {
  it('on abort, cancels at the provider with a live signal, then rejects CANCELLED', async () => {
    const { ctx, controller } = context()
    const seen: boolean[] = []
    const p = cancelOnGiveUp(
      ctx,
      () => new Promise((_, reject) => controller.signal.addEventListener('abort', () => reject(new Error('aborted')))),
      async (detached) => void seen.push(detached.signal.aborted),
    )
    controller.abort()
    await expect(p).rejects.toMatchObject({ code: 'CANCELLED' })
    expect(seen).toEqual([false])
  })

  it('cancels on TIMEOUT and rethrows it; other failures pass through without a cancel', async () => {
    const { ctx } = context()
    let cancels = 0
    const cancel = async (): Promise<void> => void cancels++
    await expect(cancelOnGiveUp(ctx, () => Promise.reject(new AppError('TIMEOUT', 't')), cancel)).rejects.toMatchObject(
      { code: 'TIMEOUT' },
    )
    await expect(
      cancelOnGiveUp(ctx, () => Promise.reject(new AppError('PROVIDER_FAILED', 'f')), cancel),
    ).rejects.toMatchObject({ code: 'PROVIDER_FAILED' })
    expect(cancels).toBe(1)
  })
})

describe('ambiguousSubmitError', () => {
  it('makes network, timeout and server failures non-retryable and says why; leaves the rest alone', () => {
    const net = ambiguousSubmitError(
      'P',
      new AppError('NETWORK', 'Could not reach P.', { retryable: true }),
    ) as AppError
    expect(net.toData()).toEqual({
      code: 'NETWORK',
      message:
        'Could not reach P. P may have accepted the request anyway, so it was not sent again (that could charge twice). Check your P dashboard before retrying.',
      retryable: false,
    })
    const limited = new AppError('RATE_LIMITED', 'slow down', { retryable: true })
    expect(ambiguousSubmitError('P', limited)).toBe(limited)
  })
})
