import { describe, expect, it } from 'vitest'
import {
  EMPTY_JOBS,
  type JobsAction,
  jobsReducer,
  segmentActivity,
} from '../../../../../renderer/src/features/jobs/jobState'
import type { JobUpdate } from '../../../../../shared/domain/job'

const started = (jobId: string, segmentId: string | null): JobsAction => ({
  type: 'started',
  meta: { jobId, segmentId, provider: 'fal', label: '3 takes' },
})
const updated = (jobId: string, status: JobUpdate['status'], extra: Partial<JobUpdate> = {}): JobsAction => ({
  type: 'updated',
  update: { jobId, kind: 'generate', status, stage: 'generating', progress: 0.4, ...extra },
})
const run = (...actions: JobsAction[]) => actions.reduce(jobsReducer, EMPTY_JOBS)

describe('what a segment on its lane shows of its generations', () => {
  it('a running generation shows with its progress; before its first update, with none', () => {
    expect(segmentActivity(run(started('j', 's'))).get('s')).toEqual({ kind: 'generating', progress: null })
    expect(segmentActivity(run(started('j', 's'), updated('j', 'running'))).get('s')).toEqual({
      kind: 'generating',
      progress: 0.4,
    })
  })

  it('a failure shows with its sentence; a cancel or a success shows nothing', () => {
    const error = { code: 'PROVIDER_FAILED' as const, message: 'fal.ai could not generate this sound.' }
    expect(segmentActivity(run(started('j', 's'), updated('j', 'failed', { error }))).get('s')).toEqual({
      kind: 'failed',
      message: error.message,
    })
    const cancelled = { code: 'CANCELLED' as const, message: 'Cancelled.' }
    expect(segmentActivity(run(started('j', 's'), updated('j', 'failed', { error: cancelled }))).has('s')).toBe(false)
    expect(segmentActivity(run(started('j', 's'), updated('j', 'cancelled'))).has('s')).toBe(false)
    expect(segmentActivity(run(started('j', 's'), updated('j', 'succeeded'))).has('s')).toBe(false)
  })

  it('a retry running hides the failure; once it succeeds the segment is clear, and dismissing clears it too', () => {
    const failed = [started('a', 's'), updated('a', 'failed')]
    expect(segmentActivity(run(...failed, started('b', 's'))).get('s')?.kind).toBe('generating')
    expect(segmentActivity(run(...failed, started('b', 's'), updated('b', 'succeeded'))).has('s')).toBe(false)
    expect(segmentActivity(run(...failed, { type: 'dismissed', jobId: 'a' })).has('s')).toBe(false)
  })

  it('each segment by itself; jobs for no segment are not shown on any', () => {
    const map = segmentActivity(run(started('a', 's1'), started('b', 's2'), updated('b', 'failed'), started('c', null)))
    expect([...map.keys()].sort()).toEqual(['s1', 's2'])
  })
})

describe('a generation that succeeds after failures', () => {
  it('takes the earlier failures of its segment (already shown) off the panel and the lane; others stay', () => {
    const s = [
      started('a', 's'),
      updated('a', 'failed'),
      { type: 'settled', jobId: 'a' } as const,
      started('x', 'other'),
      updated('x', 'failed'),
      { type: 'settled', jobId: 'x' } as const,
      started('b', 's'),
      updated('b', 'succeeded'),
    ].reduce(jobsReducer, EMPTY_JOBS)
    expect(s.jobs.map((j) => j.jobId)).toEqual(['x', 'b'])
    expect(segmentActivity(s).has('s')).toBe(false)
    expect(segmentActivity(s).get('other')?.kind).toBe('failed')
  })

  it('a failure not yet shown stays until it is', () => {
    const s = run(started('a', 's'), updated('a', 'failed'), started('b', 's'), updated('b', 'succeeded'))
    expect(s.jobs.map((j) => j.jobId)).toEqual(['a', 'b'])
  })
})
