import { describe, expect, it } from 'vitest'
import { AppError } from '../../../shared/domain/errors'
import { JobUpdate } from '../../../shared/domain/job'
import { createJobRegistry, FINISHED_JOBS_KEPT } from '../../../electron/jobs/jobs'

const exportResult = {
  paths: ['/out/a.mp4'],
  durationSec: 5,
  videoCopied: true,
  integratedLufs: -14,
  truePeakDbtp: -1.2,
}

function recorder(registry: ReturnType<typeof createJobRegistry>) {
  const updates: JobUpdate[] = []
  registry.onUpdate((u) => updates.push(u))
  const settled = (jobId: string) =>
    new Promise<JobUpdate>((resolve) => {
      const off = registry.onUpdate((u) => {
        if (u.jobId === jobId && u.status !== 'running') {
          off()
          resolve(u)
        }
      })
    })
  return { updates, settled }
}

describe('job registry', () => {
  it('reports every stage change and the result as valid JobUpdates', async () => {
    let n = 0
    const jobs = createJobRegistry({ newId: () => `job-${++n}` })
    const { updates, settled } = recorder(jobs)
    const jobId = jobs.start('export', async ({ report }) => {
      report({ stage: 'measuring', progress: 0.5, etaSec: 3, queuePosition: 2 })
      report({ stage: 'encoding', progress: 1.7, message: 'encoding' })
      return { exportResult }
    })
    expect(jobId).toBe('job-1')
    const last = await settled(jobId)
    expect(updates.map((u) => [u.status, u.stage, u.progress])).toEqual([
      ['running', 'preparing', null],
      ['running', 'measuring', 0.5],
      ['running', 'encoding', 1],
      ['succeeded', 'encoding', 1],
    ])
    expect(updates[1]).toMatchObject({ etaSec: 3, queuePosition: 2 })
    expect(updates[2]!.etaSec).toBeUndefined()
    expect(updates[2]!.queuePosition).toBeUndefined()
    expect(last.exportResult).toEqual(exportResult)
    for (const u of updates) expect(JobUpdate.safeParse(u).success).toBe(true)
    expect(jobs.list()).toEqual([last])
  })

  it('a thrown AppError fails the job with its code and message', async () => {
    const jobs = createJobRegistry()
    const { settled } = recorder(jobs)
    const jobId = jobs.start('export', async () => {
      throw new AppError('DISK_FULL', 'The disk is full.')
    })
    const last = await settled(jobId)
    expect(last.status).toBe('failed')
    expect(last.error).toEqual({ code: 'DISK_FULL', message: 'The disk is full.' })
  })

  it('a failed job is logged with what caused it, scrubbed of keys; a cancelled one is not', async () => {
    const logged: string[] = []
    const jobs = createJobRegistry({ logError: (t) => logged.push(t) })
    const { settled } = recorder(jobs)
    const socket = Object.assign(new Error('other side closed'), { code: 'UND_ERR_SOCKET' })
    const fetchFailed = new TypeError('fetch failed (Authorization: Key abcd1234efgh5678)', { cause: socket })
    const failed = jobs.start('generate', async () => {
      throw new AppError('NETWORK', 'Could not reach fal.ai. Check your connection.', { cause: fetchFailed })
    })
    await settled(failed)
    expect(logged).toHaveLength(1)
    expect(logged[0]).toContain(`The generate job ${failed} failed: AppError: Could not reach fal.ai`)
    expect(logged[0]).toContain('Caused by: TypeError: fetch failed')
    expect(logged[0]).toMatch(/Caused by: Error: other side closed[\s\S]*\[UND_ERR_SOCKET\]/)
    expect(logged[0]).not.toContain('abcd1234efgh5678')

    const cancelled = jobs.start('export', async ({ signal }) => {
      await new Promise((_, reject) => {
        if (signal.aborted) reject(new Error('stopped'))
        signal.addEventListener('abort', () => reject(new Error('stopped')))
      })
      return {}
    })
    jobs.cancel(cancelled)
    await settled(cancelled)
    expect(logged).toHaveLength(1)
  })

  it('any other error fails the job as INTERNAL, never crashing the registry', async () => {
    const jobs = createJobRegistry()
    const { settled } = recorder(jobs)
    const last = await settled(jobs.start('generate', async () => Promise.reject(new TypeError('boom'))))
    expect(last).toMatchObject({
      kind: 'generate',
      status: 'failed',
      error: { code: 'INTERNAL', message: 'Something went wrong: boom' },
    })
  })

  it('cancel aborts the running job, which ends as cancelled; late reports are ignored', async () => {
    const jobs = createJobRegistry()
    const { updates, settled } = recorder(jobs)
    let lateReport: (() => void) | undefined
    const jobId = jobs.start(
      'export',
      ({ signal, report }) =>
        new Promise((_, reject) => {
          lateReport = () => report({ stage: 'encoding', progress: 0.9 })
          signal.addEventListener('abort', () => reject(new AppError('CANCELLED', 'Cancelled.')))
        }),
    )
    await new Promise((r) => setTimeout(r, 5))
    expect(jobs.cancel(jobId)).toBe(true)
    expect(jobs.cancel(jobId)).toBe(false)
    const last = await settled(jobId)
    expect(last.status).toBe('cancelled')
    expect(last.error?.code).toBe('CANCELLED')
    lateReport!()
    expect(updates[updates.length - 1]).toBe(last)
    expect(jobs.cancel(jobId)).toBe(false)
  })

  it('a job that stops on abort with its own error still counts as cancelled', async () => {
    const jobs = createJobRegistry()
    const { settled } = recorder(jobs)
    const jobId = jobs.start(
      'export',
      ({ signal }) => new Promise((_, reject) => signal.addEventListener('abort', () => reject(new Error('killed')))),
    )
    await Promise.resolve()
    jobs.cancel(jobId)
    expect((await settled(jobId)).status).toBe('cancelled')
  })

  it('cancel of an unknown job is false; unsubscribed listeners hear nothing; a throwing listener harms nobody', async () => {
    const jobs = createJobRegistry()
    expect(jobs.cancel('nope')).toBe(false)
    const heard: string[] = []
    const off = jobs.onUpdate((u) => heard.push(u.jobId))
    jobs.onUpdate(() => {
      throw new Error('bad listener')
    })
    const { settled } = recorder(jobs)
    off()
    const jobId = jobs.start('export', async () => ({}))
    expect((await settled(jobId)).status).toBe('succeeded')
    expect(heard).toEqual([])
  })

  it('forgets the oldest finished jobs beyond a limit, never a running one', async () => {
    const jobs = createJobRegistry()
    const { settled } = recorder(jobs)
    const running = jobs.start(
      'generate',
      ({ signal }) => new Promise((_, reject) => signal.addEventListener('abort', () => reject(new Error('stop')))),
    )
    const ids: string[] = []
    for (let i = 0; i < FINISHED_JOBS_KEPT + 5; i++) {
      const id = jobs.start('export', async () => ({}))
      ids.push(id)
      await settled(id)
    }
    const listed = jobs.list().map((u) => u.jobId)
    expect(listed).toContain(running)
    expect(listed).toHaveLength(FINISHED_JOBS_KEPT + 1)
    expect(listed).not.toContain(ids[0])
    expect(listed).toContain(ids[ids.length - 1])
    jobs.cancel(running)
  })
})

describe('export progress on one bar', () => {
  it('maps each stage onto the whole job: measuring, then encoding, then finishing; stems have no measuring', async () => {
    const { exportJobProgress } = await import('../../../electron/jobs/export')
    expect(exportJobProgress('measuring', 0.5, true)).toBeCloseTo(0.2)
    expect(exportJobProgress('encoding', 0, true)).toBeCloseTo(0.4)
    expect(exportJobProgress('encoding', 1, true)).toBeCloseTo(0.95)
    expect(exportJobProgress('finishing', 1, true)).toBe(1)
    expect(exportJobProgress('encoding', 0.5, false)).toBeCloseTo(0.475)
    expect(exportJobProgress('encoding', null, true)).toBeNull()
  })
})

describe('a job that fails with an error that is not ours', () => {
  it('says so without passing on anything that looks like a key', async () => {
    const jobs = createJobRegistry()
    const done = new Promise<JobUpdate>((resolve) => jobs.onUpdate((u) => u.status !== 'running' && resolve(u)))
    jobs.start('generate', async () => {
      throw new Error('request failed: Authorization: Key 4f1c2a9e-77aa-4b1e-9d2f:0a1b2c3d4e5f6a7b8c9d')
    })
    const failed = await done
    expect(failed.error?.code).toBe('INTERNAL')
    expect(failed.error?.message).toContain('request failed')
    expect(failed.error?.message).not.toContain('0a1b2c3d4e5f6a7b8c9d')
  })
})
