// Keeps progress events to what a person (or a JSON consumer) can use: an update goes out when the stage,
// queue position or message changes, or progress moved by at least 1 %, or 250 ms passed; stage and progress
// only move forward. PURE apart from the clock it is given.
import { JOB_STAGES } from '../../shared/domain/job'
import type { GenerateUpdate } from './generateProgress'

export const MIN_PROGRESS_STEP = 0.01
export const MIN_INTERVAL_MS = 250

export function isWorthSending(prev: GenerateUpdate | null, next: GenerateUpdate, elapsedMs: number): boolean {
  if (!prev) return true
  return (
    prev.stage !== next.stage ||
    prev.queuePosition !== next.queuePosition ||
    (next.message !== undefined && next.message !== prev.message) ||
    Math.abs(next.progress - prev.progress) >= MIN_PROGRESS_STEP ||
    (elapsedMs >= MIN_INTERVAL_MS && next.progress !== prev.progress)
  )
}

export function createProgressThrottle(send: (u: GenerateUpdate) => void, clock: () => number = Date.now) {
  let last: GenerateUpdate | null = null
  let lastAt = 0
  return {
    push(next: GenerateUpdate, force = false): void {
      const at = clock()
      if (!force && !isWorthSending(last, next, at - lastAt)) return
      // Neither progress nor stage runs backwards on screen (units move at different paces, a fallback restarts
      // one): the bar only moves forward through the pipeline.
      const progress = last && next.stage !== 'mixing' ? Math.max(last.progress, next.progress) : next.progress
      const behind = last !== null && JOB_STAGES.indexOf(next.stage) < JOB_STAGES.indexOf(last.stage)
      last = { ...next, stage: behind ? last!.stage : next.stage, progress }
      lastAt = at
      send(last)
    },
  }
}
