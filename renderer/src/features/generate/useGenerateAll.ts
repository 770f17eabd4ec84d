// "Generate all" over the existing channels: the proposal and its total cost (audio:estimate per segment) before
// anything is sent, then every request sent at once through the generation jobs (main's queue keeps each
// provider's concurrency), followed through job:update; Cancel all, Retry failed. A batch is not a job of its own
// in main: the jobs it starts are ordinary generations, so their takes land, their progress shows on each segment,
// and what was paid is cached and journalled exactly as for one segment.
import { useCallback, useEffect, useReducer, useRef, useState } from 'react'
import { type CostEstimate, type ProviderInfo, totalCost } from '../../../../shared/domain/generation'
import type { Project } from '../../../../shared/domain/project'
import { invoke, on } from '../../lib/ipc'
import type { GenerationJobs } from '../jobs/useGenerationJobs'
import { type BatchItem, type BatchProposal, type BatchScope, batchReducer, entryState, proposeBatch } from './batch'
import type { CutsOf } from './segmentSource'

export type Confirming = BatchProposal & { scope: BatchScope; total: CostEstimate | null }

export interface GenerateAllDeps {
  project: Project
  providers: readonly ProviderInfo[] | null
  jobs: GenerationJobs
  cutsOf: CutsOf
  /** Segments in timeline time over one clip are attached to its picture when generated from it (one step). */
  onAttach: (segmentIds: readonly string[]) => void
}

export function useGenerateAll(deps: GenerateAllDeps) {
  const [batch, dispatch] = useReducer(batchReducer, null)
  const [confirming, setConfirming] = useState<Confirming | null>(null)
  const [preparing, setPreparing] = useState(false)
  const [nowMs, setNowMs] = useState(() => Date.now())
  const depsRef = useRef(deps)
  depsRef.current = deps
  const batchRef = useRef(batch)
  batchRef.current = batch

  useEffect(() => on('job:update', (update) => dispatch({ type: 'updated', update })), [])
  const running = batch?.entries.some((e) => ['starting', 'running'].includes(entryState(e))) ?? false
  useEffect(() => {
    if (!running) return
    const timer = setInterval(() => setNowMs(Date.now()), 1000)
    return () => clearInterval(timer)
  }, [running])

  /** The proposal for a scope, with what each request costs (a request main refuses is listed as skipped). */
  const prepare = useCallback(async (scope: BatchScope) => {
    const { project, providers, cutsOf } = depsRef.current
    if (!providers) return
    setPreparing(true)
    const proposal = proposeBatch(project, providers, scope, cutsOf)
    const answers = await Promise.all(proposal.items.map((item) => invoke('audio:estimate', item.request)))
    const items: BatchItem[] = []
    const estimates: CostEstimate[] = []
    const skipped = [...proposal.skipped]
    proposal.items.forEach((item, i) => {
      const r = answers[i]!
      if (r.ok) {
        items.push(item)
        estimates.push(r.data)
      } else skipped.push({ segmentId: item.segmentId, label: item.label, message: r.error.message })
    })
    setPreparing(false)
    setConfirming({ scope, items, skipped, total: items.length > 0 ? totalCost(estimates) : null })
  }, [])

  const send = useCallback(async (items: readonly BatchItem[]) => {
    const { jobs, project } = depsRef.current
    const timelineOverClip = items.filter((item) => {
      const s = project.segments.find((x) => x.id === item.segmentId)
      return s?.anchor.kind === 'timeline' && item.request.source
    })
    if (timelineOverClip.length > 0) depsRef.current.onAttach(timelineOverClip.map((i) => i.segmentId))
    await Promise.all(
      items.map(async (item) => {
        const takes = item.request.params.takes
        const { jobId, refused } = await jobs.start({
          kind: 'generate',
          request: item.request,
          label: `${takes} take${takes === 1 ? '' : 's'} (Generate all)`,
          quiet: true,
        })
        if (refused) dispatch({ type: 'refused', segmentId: item.segmentId, error: refused })
        else dispatch({ type: 'jobStarted', segmentId: item.segmentId, jobId })
      }),
    )
  }, [])

  const confirm = useCallback(() => {
    if (!confirming || confirming.items.length === 0) return
    const now = Date.now()
    setNowMs(now)
    dispatch({ type: 'started', items: confirming.items, nowMs: now })
    setConfirming(null)
    void send(confirming.items)
  }, [confirming, send])

  const cancelAll = useCallback(() => {
    for (const e of batchRef.current?.entries ?? [])
      if (e.jobId && entryState(e) === 'running') depsRef.current.jobs.cancel(e.jobId)
  }, [])

  const retryFailed = useCallback(() => {
    const failed = (batchRef.current?.entries ?? []).filter((e) => entryState(e) === 'failed')
    if (failed.length === 0) return
    const now = Date.now()
    setNowMs(now)
    dispatch({ type: 'retrying', segmentIds: failed.map((e) => e.segmentId), nowMs: now })
    void send(failed)
  }, [send])

  return {
    batch,
    nowMs,
    confirming,
    preparing,
    prepare,
    confirm,
    cancelConfirm: useCallback(() => setConfirming(null), []),
    cancelAll,
    retryFailed,
    dismiss: useCallback(() => dispatch({ type: 'dismissed' }), []),
  }
}

export type GenerateAll = ReturnType<typeof useGenerateAll>
