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
      const jobs = state.jobs.map((j) => (j.jobId === u.jobId && !isFinished(j) ? { ...j, update: u } : j))
      return { ...state, jobs: u.status === 'succeeded' ? withoutSuperseded(jobs, u.jobId) : jobs }
    }
    case 'settled':
      return { ...state, jobs: state.jobs.map((j) => (j.jobId === action.jobId ? { ...j, settled: true } : j)) }
    case 'dismissed':
      return { ...state, jobs: state.jobs.filter((j) => j.jobId !== action.jobId) }
  }
}

export const isFinished = (j: TrackedJob): boolean => j.update !== null && j.update.status !== 'running'

/**
 * A segment's generation succeeded: the ends of its earlier ones (a failure, a cancel) already shown are
 * superseded, and go from its panel and its lane block.
 */
function withoutSuperseded(jobs: readonly TrackedJob[], jobId: string): readonly TrackedJob[] {
  const at = jobs.findIndex((j) => j.jobId === jobId)
  const segmentId = jobs[at]?.segmentId ?? null
  if (segmentId === null) return jobs
  return jobs.filter((j, i) => i >= at || j.segmentId !== segmentId || !isFinished(j) || !j.settled)
}

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

/** What a segment's lane block shows of its generations: one running, or the last one failed (with why). */
export type SegmentActivity = { kind: 'generating'; progress: number | null } | { kind: 'failed'; message: string }

/**
 * PURE: each segment's activity. A running generation wins (the latest one's progress); otherwise the
 * segment's latest generation decides: failed shows until a later one succeeds or it is dismissed; cancelled and
 * succeeded show nothing.
 */
export function segmentActivity(s: JobsState): ReadonlyMap<string, SegmentActivity> {
  const out = new Map<string, SegmentActivity>()
  for (const j of s.jobs) {
    if (!j.segmentId) continue
    const now = out.get(j.segmentId)
    if (!isFinished(j)) {
      out.set(j.segmentId, { kind: 'generating', progress: j.update?.progress ?? null })
      continue
    }
    if (now?.kind === 'generating') continue
    const failure = failureOf(j)
    if (failure && failure.code !== 'CANCELLED') out.set(j.segmentId, { kind: 'failed', message: failure.message })
    else out.delete(j.segmentId)
  }
  return out
}
