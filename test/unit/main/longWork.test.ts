// Long work on the desktop, through the real job registry and the recording Desktop double: progress on the
// icon while jobs run (cleared when none does), one notification when a batch ends while the window is not
// focused, none when it is focused or everything was cancelled.
import { describe, expect, it } from 'vitest'
import { AppError } from '../../../shared/domain/errors'
import { batchNotification, combinedProgress, watchLongWork } from '../../../electron/app/longWork'
import { createJobRegistry, type JobContext } from '../../../electron/jobs/jobs'
import { FakeDesktop } from '../../fixtures/desktop'

/** A job the test drives: report progress, then finish or fail it; cancelling it ends it as cancelled. */
function controlledJob() {
  let ctx!: JobContext
  let finish!: (r: object) => void
  let fail!: (e: unknown) => void
  const run = (c: JobContext) =>
    new Promise<object>((resolve, reject) => {
      ctx = c
      finish = resolve
      fail = reject
      c.signal.addEventListener('abort', () => reject(new AppError('CANCELLED', 'Cancelled.')))
    })
  return {
    run,
    report: (p: number | null) => ctx.report({ stage: 'generating', progress: p }),
    finish: (r: object = {}) => finish(r),
    fail: (e: unknown) => fail(e),
  }
}
const tick = () => new Promise((r) => setTimeout(r, 0))

describe('combinedProgress', () => {
  it('is the mean of the running jobs, indeterminate when none knows, null when none runs', () => {
    expect(combinedProgress([])).toBeNull()
    expect(combinedProgress([null, null])).toBe('indeterminate')
    expect(combinedProgress([0.5, null])).toBe(0.25)
    expect(combinedProgress([0.2, 0.4])).toBe(0.3)
  })
})

describe('watchLongWork', () => {
  it('finding shots after an import is quiet: no icon progress, no notification, and it does not hold a batch open', async () => {
    const jobs = createJobRegistry()
    const desktop = new FakeDesktop()
    desktop.focused = false
    watchLongWork(jobs, desktop)
    const shots = controlledJob()
    const gen = controlledJob()
    jobs.start('shots', shots.run)
    jobs.start('generate', gen.run)
    await tick()
    shots.report(0.5)
    gen.finish({ generateResult: { segmentId: 's1', takes: [] } })
    await tick()
    expect(desktop.notifications).toEqual([{ title: 'Sound generated', body: '0 takes are ready to audition.' }])
    shots.finish()
    await tick()
    expect(desktop.progress).toEqual(['indeterminate', null])
    expect(desktop.notifications).toHaveLength(1)
  })

  it('shows a generation and an export on the icon together, clears it, and notifies once when both ended unfocused', async () => {
    const jobs = createJobRegistry()
    const desktop = new FakeDesktop()
    desktop.focused = false
    watchLongWork(jobs, desktop)
    const gen = controlledJob()
    const exp = controlledJob()
    jobs.start('generate', gen.run)
    jobs.start('export', exp.run)
    await tick()
    gen.report(0.5)
    exp.report(0.1)
    gen.finish({ generateResult: { segmentId: 's1', takes: [] } })
    await tick()
    expect(desktop.notifications).toEqual([]) // the export still runs
    exp.finish({
      exportResult: {
        paths: ['/out/beach.mp4'],
        durationSec: 6,
        videoCopied: true,
        integratedLufs: null,
        truePeakDbtp: null,
      },
    })
    await tick()
    expect(desktop.progress).toEqual(['indeterminate', 0.25, 0.3, 0.1, null])
    expect(desktop.notifications).toEqual([{ title: 'All done', body: '1 generation and 1 export finished.' }])
  })

  it('says what failed; says nothing while the window has the focus, or when the work was cancelled', async () => {
    const jobs = createJobRegistry()
    const desktop = new FakeDesktop()
    watchLongWork(jobs, desktop)
    const a = controlledJob()
    jobs.start('export', a.run)
    await tick()
    desktop.focused = false
    a.fail(new AppError('DISK_FULL', 'The disk is full.'))
    await tick()
    expect(desktop.notifications).toEqual([{ title: 'Export failed', body: 'The disk is full.' }])

    const b = controlledJob()
    const id = jobs.start('generate', b.run)
    await tick()
    jobs.cancel(id)
    await tick()
    desktop.focused = true
    const c = controlledJob()
    jobs.start('generate', c.run)
    await tick()
    c.finish({ generateResult: { segmentId: 's1', takes: [] } })
    await tick()
    expect(desktop.notifications).toHaveLength(1)
    expect(desktop.progress.at(-1)).toBeNull()
  })

  it('words a batch: one job by kind and result, several as counts, failures first', () => {
    const job = (kind: 'generate' | 'export', status: 'succeeded' | 'failed' | 'cancelled', message?: string) => ({
      jobId: `${kind}${status}`,
      kind,
      status,
      stage: 'finishing' as const,
      progress: 1,
      ...(message ? { error: { code: 'PROVIDER_FAILED' as const, message } } : {}),
    })
    expect(batchNotification([job('generate', 'cancelled')])).toBeNull()
    expect(
      batchNotification([
        { ...job('generate', 'succeeded'), generateResult: { segmentId: null, takes: [{} as never, {} as never] } },
      ]),
    ).toEqual({
      title: 'Sound generated',
      body: '2 takes are ready to audition.',
    })
    expect(
      batchNotification([
        job('generate', 'succeeded'),
        job('generate', 'failed', 'fal refused the request.'),
        job('generate', 'succeeded'),
      ]),
    ).toEqual({
      title: '1 of 3 failed',
      body: 'fal refused the request.',
    })
  })
})
