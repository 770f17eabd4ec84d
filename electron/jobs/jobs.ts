// A small registry of long-running work (exports and generations). Each job gets an id, an AbortSignal
// and a report function; every change is emitted as a JobUpdate, the one event the renderer listens to.
import { randomUUID } from 'node:crypto'
import { AppError, isAppError } from '../../shared/domain/errors'
import type { JobStage, JobUpdate } from '../../shared/domain/job'
import { describeForLog, scrubSecrets } from '../ipc/scrub'
import { diskFullOrSame } from '../media/fsErrors'

export type JobKind = JobUpdate['kind']

/** How a job's work is run outside the registry (the CLI, tests): a signal to stop it, its progress. */
export interface JobRunOptions {
  signal?: AbortSignal
  onProgress?: (stage: JobStage, progress: number | null, etaSec?: number) => void
}

export interface JobReport {
  stage: JobStage
  progress: number | null
  etaSec?: number
  message?: string
  /** Position in a provider's queue, when it says (generation). */
  queuePosition?: number
}

export interface JobContext {
  signal: AbortSignal
  report(update: JobReport): void
}

export type JobRun = (
  ctx: JobContext,
) => Promise<Partial<Pick<JobUpdate, 'exportResult' | 'handoffResult' | 'generateResult' | 'shotsResult'>>>

export interface JobRegistry {
  /** Starts `run` at once and returns its id; its outcome arrives through onUpdate. */
  start(kind: JobKind, run: JobRun): string
  /** Asks a running job to stop; false when no such job is running. */
  cancel(jobId: string): boolean
  /** The latest state of every job, oldest first. */
  list(): JobUpdate[]
  /** Called on every change; returns the unsubscribe function. */
  onUpdate(listener: (update: JobUpdate) => void): () => void
}

/** Finished jobs kept for list(); older ones are forgotten so a long session does not grow without bound. */
export const FINISHED_JOBS_KEPT = 50

const clamp01 = (p: number | null): number | null =>
  p === null || !Number.isFinite(p) ? null : Math.min(1, Math.max(0, p))

export function createJobRegistry(
  options: {
    newId?: () => string
    /** Where a failed job's cause goes (scrubbed): the app's log. */
    logError?: (text: string) => void
  } = {},
): JobRegistry {
  const newId = options.newId ?? randomUUID
  const jobs = new Map<string, { state: JobUpdate; controller: AbortController }>()
  const listeners = new Set<(update: JobUpdate) => void>()

  function emit(jobId: string, next: JobUpdate): void {
    const job = jobs.get(jobId)
    if (!job) return
    job.state = next
    for (const listener of [...listeners]) {
      try {
        listener(next)
      } catch {
        // A failing listener must not stop the job or the other listeners.
      }
    }
  }

  function finish(jobId: string, patch: Partial<JobUpdate>): void {
    const job = jobs.get(jobId)
    if (job?.state.status !== 'running') return
    const { etaSec: _eta, queuePosition: _queue, ...rest } = job.state
    emit(jobId, { ...rest, ...patch })
    const finished = [...jobs.entries()].filter(([, j]) => j.state.status !== 'running')
    for (const [id] of finished.slice(0, Math.max(0, finished.length - FINISHED_JOBS_KEPT))) jobs.delete(id)
  }

  return {
    start(kind, run) {
      const jobId = newId()
      const controller = new AbortController()
      const state: JobUpdate = { jobId, kind, status: 'running', stage: 'preparing', progress: null }
      jobs.set(jobId, { state, controller })
      emit(jobId, state)

      const report = (u: JobReport): void => {
        const job = jobs.get(jobId)
        if (job?.state.status !== 'running') return
        const { etaSec: _eta, message: _message, queuePosition: _queue, ...rest } = job.state
        emit(jobId, {
          ...rest,
          stage: u.stage,
          progress: clamp01(u.progress),
          ...(u.etaSec !== undefined && Number.isFinite(u.etaSec) ? { etaSec: Math.max(0, u.etaSec) } : {}),
          ...(u.message !== undefined ? { message: u.message } : {}),
          ...(u.queuePosition !== undefined && Number.isInteger(u.queuePosition) && u.queuePosition >= 0
            ? { queuePosition: u.queuePosition }
            : {}),
        })
      }

      // Run on a later tick, so a caller that subscribes right after start() sees every update.
      void Promise.resolve()
        .then(() => run({ signal: controller.signal, report }))
        .then(
          (result) => finish(jobId, { status: 'succeeded', progress: 1, ...result }),
          (thrown: unknown) => {
            const error = diskFullOrSame(thrown)
            const cancelled = controller.signal.aborted || (isAppError(error) && error.code === 'CANCELLED')
            const appError = cancelled
              ? isAppError(error) && error.code === 'CANCELLED'
                ? error
                : new AppError('CANCELLED', 'Cancelled.')
              : isAppError(error)
                ? error
                : // Not one of ours: an SDK or Node error may quote a request (headers, URLs with keys), so scrub it.
                  new AppError(
                    'INTERNAL',
                    `Something went wrong: ${scrubSecrets(error instanceof Error ? error.message : String(error)).slice(0, 300)}`,
                    { cause: error },
                  )
            if (!cancelled) options.logError?.(`The ${kind} job ${jobId} failed: ${describeForLog(appError)}`)
            finish(jobId, { status: cancelled ? 'cancelled' : 'failed', error: appError.toData() })
          },
        )
      return jobId
    },

    cancel(jobId) {
      const job = jobs.get(jobId)
      if (job?.state.status !== 'running' || job.controller.signal.aborted) return false
      job.controller.abort()
      return true
    },

    list() {
      return [...jobs.values()].map((j) => j.state)
    },

    onUpdate(listener) {
      listeners.add(listener)
      return () => {
        listeners.delete(listener)
      }
    },
  }
}
