// The generation jobs the renderer follows, as a pure reducer: what each was started for (segment, provider,
// label) and its latest update. Updates may arrive before the invoke that started the job has answered, so
// both halves are kept by job id and joined when both are there.
import type { AppErrorData } from '../../../../shared/domain/errors'
import type { ProviderId } from '../../../../shared/domain/ids'
import type { JobUpdate } from '../../../../shared/domain/job'

export interface JobMeta {
  jobId: string
  segmentId: string | null
  provider: ProviderId
  /** What was asked, in words: "3 takes", "Chunk 2 of take 1". */
  label: string
  /** Part of a "Generate all": its failure is listed there, not toasted. */
  quiet?: boolean
}

export interface TrackedJob extends JobMeta {
  update: JobUpdate | null
  /** Its end (takes added, error shown) has been handled. */
  settled: boolean
}

export interface JobsState {
  jobs: readonly TrackedJob[]
  /** Updates of jobs whose start has not answered yet (or that another window started). */
  orphanUpdates: Readonly<Record<string, JobUpdate>>
}

export type JobsAction =
  | { type: 'started'; meta: JobMeta }
  | { type: 'updated'; update: JobUpdate }
  | { type: 'settled'; jobId: string }
  | { type: 'dismissed'; jobId: string }

export const EMPTY_JOBS: JobsState = { jobs: [], orphanUpdates: {} }

export function jobsReducer(state: JobsState, action: JobsAction): JobsState {
  switch (action.type) {
    case 'started': {
      const { [action.meta.jobId]: early = null, ...orphanUpdates } = state.orphanUpdates
      return { jobs: [...state.jobs, { ...action.meta, update: early, settled: false }], orphanUpdates }
    }
    case 'updated': {
      const u = action.update
      if (u.kind !== 'generate') return state
      if (!state.jobs.some((j) => j.jobId === u.jobId))
        return { ...state, orphanUpdates: { ...state.orphanUpdates, [u.jobId]: u } }
      return {
        ...state,
        jobs: state.jobs.map((j) => (j.jobId === u.jobId && !isFinished(j) ? { ...j, update: u } : j)),
      }
    }
    case 'settled':
      return { ...state, jobs: state.jobs.map((j) => (j.jobId === action.jobId ? { ...j, settled: true } : j)) }
    case 'dismissed':
      return { ...state, jobs: state.jobs.filter((j) => j.jobId !== action.jobId) }
  }
}

export const isFinished = (j: TrackedJob): boolean => j.update !== null && j.update.status !== 'running'

/** Finished jobs whose end has not been handled yet. */
export const unsettled = (s: JobsState): TrackedJob[] => s.jobs.filter((j) => isFinished(j) && !j.settled)

/** The jobs to show on a segment's panel: running ones, and ends worth reading (failed, cancelled). */
export function jobsOfSegment(s: JobsState, segmentId: string): TrackedJob[] {
  return s.jobs.filter((j) => j.segmentId === segmentId && j.update?.status !== 'succeeded')
}

export function failureOf(j: TrackedJob): AppErrorData | null {
  return j.update?.status === 'failed'
    ? (j.update.error ?? { code: 'INTERNAL', message: 'The generation failed.' })
    : null
}
