// Per-key concurrency (a key is a provider): at most `limitFor(key)` tasks run
// at once for each key, the rest wait in FIFO order. Waiting work is told its position (0 = next) whenever it changes, and leaves the line at once
// when its AbortSignal fires. The limit is read each time a slot frees, so a settings change applies live.
// Optionally also a start rate (Eachlabs: 100 creates a minute per key): a task waits until the window allows.
import { AppError } from '../../shared/domain/errors'
import type { ProviderId } from '../../shared/domain/ids'

export interface QueueTaskOptions {
  signal?: AbortSignal
  /** Called with the number of tasks ahead of this one while it waits (0 = next to run). */
  onPosition?: (position: number) => void
}

export interface KeyedQueue<K extends string> {
  /**
   * Runs `task` when a slot of `key` is free. The task may `release()` its slot before it ends (a provider
   * request whose job has finished there, now only being downloaded), so the next one starts at once.
   */
  run<T>(key: K, task: (signal: AbortSignal, release: () => void) => Promise<T>, options?: QueueTaskOptions): Promise<T>
  /** How many tasks of `key` are running and waiting now. */
  stats(key: K): { running: number; waiting: number }
}

interface Waiter {
  start: () => void
  cancel: () => void
  onPosition: ((position: number) => void) | undefined
}

const cancelled = (): AppError => new AppError('CANCELLED', 'Cancelled.')

/** At most `count` starts in any `perMs` window. */
export interface StartRate {
  count: number
  perMs: number
}

export interface QueueOptions<K extends string> {
  rateFor?: (key: K) => StartRate | null
  now?: () => number
}

/** PURE: when the next start is allowed, given the recent start times (oldest first): now, or a later time. */
export function nextStartAt(recentStartsMs: readonly number[], rate: StartRate | null, nowMs: number): number {
  if (!rate) return nowMs
  const inWindow = recentStartsMs.filter((t) => t > nowMs - rate.perMs)
  if (inWindow.length < rate.count) return nowMs
  return inWindow[inWindow.length - rate.count]! + rate.perMs
}

/** Provider calls: each provider's own limit (and start rate), read live from the settings. */
export type ProviderQueue = KeyedQueue<ProviderId>

export function createKeyedQueue<K extends string>(
  limitFor: (key: K) => number,
  options: QueueOptions<K> = {},
): KeyedQueue<K> {
  const now = options.now ?? Date.now
  const running = new Map<K, number>()
  const waiting = new Map<K, Waiter[]>()
  const starts = new Map<K, number[]>()
  const timers = new Map<K, NodeJS.Timeout>()

  const lineOf = (key: K): Waiter[] => {
    let line = waiting.get(key)
    if (!line) {
      line = []
      waiting.set(key, line)
    }
    return line
  }

  function announce(key: K): void {
    for (const [i, w] of lineOf(key).entries()) w.onPosition?.(i)
  }

  /** True when the rate window lets one more start now; otherwise pumps again when it will. */
  function rateAllows(key: K): boolean {
    const rate = options.rateFor?.(key) ?? null
    if (!rate) return true
    const t = now()
    const recent = (starts.get(key) ?? []).filter((s) => s > t - rate.perMs)
    starts.set(key, recent)
    const at = nextStartAt(recent, rate, t)
    if (at <= t) return true
    if (!timers.has(key)) {
      const timer = setTimeout(() => {
        timers.delete(key)
        pump(key)
      }, at - t)
      timers.set(key, timer)
    }
    return false
  }

  function pump(key: K): void {
    const line = lineOf(key)
    let started = false
    while (line.length > 0 && (running.get(key) ?? 0) < Math.max(1, limitFor(key)) && rateAllows(key)) {
      const next = line.shift()!
      running.set(key, (running.get(key) ?? 0) + 1)
      starts.set(key, [...(starts.get(key) ?? []), now()])
      next.start()
      started = true
    }
    if (started) announce(key)
  }

  return {
    run(key, task, options = {}) {
      const { signal, onPosition } = options
      if (signal?.aborted) return Promise.reject(cancelled())
      return new Promise((resolve, reject) => {
        const onAbort = (): void => waiter.cancel()
        const waiter: Waiter = {
          onPosition,
          start: () => {
            signal?.removeEventListener('abort', onAbort)
            let held = true
            const release = (): void => {
              if (!held) return
              held = false
              running.set(key, (running.get(key) ?? 1) - 1)
              pump(key)
            }
            Promise.resolve()
              .then(() => task(signal ?? new AbortController().signal, release))
              .then(resolve, reject)
              .finally(release)
          },
          cancel: () => {
            const line = lineOf(key)
            const i = line.indexOf(waiter)
            if (i < 0) return
            line.splice(i, 1)
            reject(cancelled())
            if (line.length === 0 && timers.has(key)) {
              clearTimeout(timers.get(key))
              timers.delete(key)
            }
            announce(key)
          },
        }
        signal?.addEventListener('abort', onAbort, { once: true })
        const line = lineOf(key)
        line.push(waiter)
        pump(key)
        const position = line.indexOf(waiter)
        if (position >= 0) onPosition?.(position)
      })
    },
    stats: (key) => ({ running: running.get(key) ?? 0, waiting: lineOf(key).length }),
  }
}
