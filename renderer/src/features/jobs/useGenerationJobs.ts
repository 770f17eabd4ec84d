// Starts generations and follows them through 'job:update': takes of a finished job go to the project, a
// failure to the caller (toast, Settings for a rejected key). Also offers the generations a crash or quit
// left unfinished (audio:interrupted): running one again resumes it without paying twice.
import { type Dispatch, useCallback, useEffect, useReducer, useRef, useState } from 'react'
import type { AppErrorData } from '../../../../shared/domain/errors'
import type { GenerationRequest } from '../../../../shared/domain/generation'
import type { ProviderId } from '../../../../shared/domain/ids'
import type { Take } from '../../../../shared/domain/project'
import { invoke, on } from '../../lib/ipc'
import type { EditorAction } from '../../state/editor'
import { EMPTY_JOBS, failureOf, jobsReducer, unsettled, type JobsState } from './jobState'

export interface InterruptedGeneration {
  segmentId: string | null
  request: GenerationRequest
}

export interface GenerationJobsDeps {
  onTakes: (segmentId: string, takes: readonly Take[]) => void
  onFailed: (error: AppErrorData, provider: ProviderId, segmentId: string | null) => void
}

/**
 * How the editor answers a generation's end: its takes join the project (one step); a failure is a toast, and a
 * rejected key opens Settings at that key; a cancel says nothing (the person asked for it).
 */
export function editorGenerationEnds(
  dispatch: Dispatch<EditorAction>,
  onError: (title: string, error: AppErrorData) => void,
  onOpenSettings: (provider: ProviderId) => void,
): GenerationJobsDeps {
  return {
    onTakes: (segmentId, takes) => dispatch({ type: 'takesAdded', segmentId, takes }),
    onFailed: (error, provider) => {
      if (error.code === 'CANCELLED') return
      onError('Generation failed', error)
      if (error.code === 'PROVIDER_AUTH') onOpenSettings(provider)
    },
  }
}

export type StartGeneration =
  | { kind: 'generate'; request: GenerationRequest; label: string; quiet?: boolean }
  | { kind: 'chunk'; request: GenerationRequest; take: Take; chunkIndex: number; label: string }

export interface GenerationJobs {
  state: JobsState
  /** Resolves with the job's id, and main's sentence when it refused the request at once (then it never ran). */
  start: (what: StartGeneration) => Promise<{ jobId: string; refused: AppErrorData | null }>
  cancel: (jobId: string) => void
  dismiss: (jobId: string) => void
  interrupted: readonly InterruptedGeneration[]
  resume: (entry: InterruptedGeneration) => void
  dismissInterrupted: (entry: InterruptedGeneration) => void
}

export function useGenerationJobs(deps: GenerationJobsDeps): GenerationJobs {
  const [state, dispatch] = useReducer(jobsReducer, EMPTY_JOBS)
  const [interrupted, setInterrupted] = useState<InterruptedGeneration[]>([])
  const depsRef = useRef(deps)
  depsRef.current = deps

  useEffect(() => on('job:update', (update) => dispatch({ type: 'updated', update })), [])
  useEffect(() => {
    let live = true
    void invoke('audio:interrupted', {}).then((r) => live && r.ok && setInterrupted(r.data))
    return () => {
      live = false
    }
  }, [])

  // Each finished job is handled once: its takes join the project (one history entry), or its error is shown.
  useEffect(() => {
    for (const job of unsettled(state)) {
      dispatch({ type: 'settled', jobId: job.jobId })
      const result = job.update?.generateResult
      const segmentId = result?.segmentId ?? job.segmentId
      if (job.update?.status === 'succeeded' && result && segmentId) depsRef.current.onTakes(segmentId, result.takes)
      const failure = failureOf(job)
      if (failure && !job.quiet) depsRef.current.onFailed(failure, job.provider, job.segmentId)
      if (job.update?.status === 'succeeded') dispatch({ type: 'dismissed', jobId: job.jobId })
    }
  }, [state])

  const start = useCallback(async (what: StartGeneration) => {
    const { request } = what
    const provider = request.params.provider
    const r =
      what.kind === 'generate'
        ? await invoke('audio:generate', request)
        : await invoke('audio:regenerateChunk', { request, take: what.take, chunkIndex: what.chunkIndex })
    // A request main refuses at once (no key, a bad range) is shown like a job that failed: on the panel too.
    const jobId = r.ok ? r.data.jobId : `refused-${crypto.randomUUID()}`
    const quiet = what.kind === 'generate' && what.quiet === true
    dispatch({
      type: 'started',
      meta: { jobId, segmentId: request.segmentId ?? null, provider, label: what.label, ...(quiet ? { quiet } : {}) },
    })
    if (!r.ok)
      dispatch({
        type: 'updated',
        update: { jobId, kind: 'generate', status: 'failed', stage: 'preparing', progress: null, error: r.error },
      })
    return { jobId, refused: r.ok ? null : r.error }
  }, [])

  const cancel = useCallback((jobId: string) => void invoke('job:cancel', { jobId }), [])
  const dismiss = useCallback((jobId: string) => dispatch({ type: 'dismissed', jobId }), [])
  const dismissInterrupted = useCallback(
    (entry: InterruptedGeneration) => setInterrupted((list) => list.filter((e) => e !== entry)),
    [],
  )
  const resume = useCallback(
    (entry: InterruptedGeneration) => {
      dismissInterrupted(entry)
      void start({ kind: 'generate', request: entry.request, label: `${entry.request.params.takes} takes (resumed)` })
    },
    [start, dismissInterrupted],
  )
  return { state, start, cancel, dismiss, interrupted, resume, dismissInterrupted }
}
