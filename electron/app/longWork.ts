// Long work (generations, exports) on the desktop: while any runs, its progress is on the taskbar / Dock icon;
// when the last of a batch ends (a Generate all ends once, not once per segment) and the window is not focused,
// a system notification says how it went. Plain code over the job registry and the Desktop seam.
import { basename } from 'node:path'
import type { JobUpdate } from '../../shared/domain/job'
import type { JobRegistry } from '../jobs/jobs'

export interface LongWorkDesktop {
  /** 0..1, 'indeterminate' while no job knows how far it is, null when nothing runs. */
  setProgress(progress: number | 'indeterminate' | null): void
  isFocused(): boolean
  notify(title: string, body: string): void
}

/** The icon's progress for the running jobs: their mean (unknown counts as 0), or indeterminate if none knows. */
export function combinedProgress(running: readonly (number | null)[]): number | 'indeterminate' | null {
  if (running.length === 0) return null
  if (running.every((p) => p === null)) return 'indeterminate'
  return Math.round((running.reduce<number>((sum, p) => sum + (p ?? 0), 0) / running.length) * 100) / 100
}

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`

function singleText(job: JobUpdate): { title: string; body: string } {
  const exporting = job.kind !== 'generate'
  if (job.status === 'failed') {
    return {
      title: exporting ? 'Export failed' : 'Generation failed',
      body: job.error?.message ?? 'Something went wrong.',
    }
  }
  if (job.kind === 'handoff') {
    const folder = job.handoffResult?.folder
    return {
      title: 'Hand-off pack ready',
      body: folder ? `${basename(folder)} is ready for your editor.` : 'The pack is ready for your editor.',
    }
  }
  if (exporting) {
    const file = job.exportResult?.paths[0]
    return { title: 'Export finished', body: file ? `${basename(file)} is ready.` : 'Your video is ready.' }
  }
  const takes = job.generateResult?.takes.length ?? 0
  return { title: 'Sound generated', body: `${plural(takes, 'take is', 'takes are')} ready to audition.` }
}

/** What the notification says about a finished batch; null when there is nothing to say (all cancelled). */
export function batchNotification(finished: readonly JobUpdate[]): { title: string; body: string } | null {
  const ended = finished.filter((j) => j.status === 'succeeded' || j.status === 'failed')
  if (ended.length === 0) return null
  if (ended.length === 1) return singleText(ended[0]!)
  const failed = ended.filter((j) => j.status === 'failed')
  const generations = ended.filter((j) => j.kind === 'generate').length
  const exports = ended.length - generations
  const what = [
    generations ? plural(generations, 'generation', 'generations') : '',
    exports ? plural(exports, 'export', 'exports') : '',
  ]
    .filter(Boolean)
    .join(' and ')
  if (failed.length === 0) return { title: 'All done', body: `${what} finished.` }
  return { title: `${failed.length} of ${ended.length} failed`, body: failed[0]!.error?.message ?? `${what} ended.` }
}

/** Follows every job from now on; returns the unsubscribe function. */
export function watchLongWork(jobs: Pick<JobRegistry, 'onUpdate'>, desktop: LongWorkDesktop): () => void {
  const running = new Map<string, number | null>()
  let batch: JobUpdate[] = []
  let shown: number | 'indeterminate' | null = null

  const show = (): void => {
    const next = combinedProgress([...running.values()])
    if (next === shown) return
    shown = next
    desktop.setProgress(next)
  }

  return jobs.onUpdate((update) => {
    // Finding shots is quiet background work of an import: not a job the person started and waits for.
    if (update.kind === 'shots') return
    if (update.status === 'running') {
      running.set(update.jobId, update.progress)
      return show()
    }
    running.delete(update.jobId)
    batch.push(update)
    show()
    if (running.size > 0) return
    const finished = batch
    batch = []
    const text = batchNotification(finished)
    if (text && !desktop.isFocused()) desktop.notify(text.title, text.body)
  })
}
