// "Generate all", as pure pieces: which segments a batch takes and the request of each (or why one is left out),
// its total cost, and the batch as it runs (each segment's job, overall progress, ETA, failures). The batch is
// orchestrated in the renderer over audio:generate and job:update: main's queue already keeps each provider's
// concurrency, and its cache and journal already make a repeated request pay nothing twice.
import type { AppErrorData } from '../../../../shared/domain/errors'
import type { GenerationRequest, ProviderInfo } from '../../../../shared/domain/generation'
import type { JobUpdate } from '../../../../shared/domain/job'
import { clipEndSec, layoutSegments } from '../../../../shared/domain/placement'
import type { Project } from '../../../../shared/domain/project'
import { formatTimecode } from '../../lib/timecode'
import { segmentRequest } from './segmentRequest'
import type { CutsOf } from './segmentSource'

/** Every segment that has no take yet, or every segment over one clip (the selected one). */
export type BatchScope = { kind: 'untaken' } | { kind: 'clip'; clipId: string }

export interface BatchItem {
  segmentId: string
  /** Where it is, in words: "0:03.00 – 0:06.00". */
  label: string
  request: GenerationRequest
}

export interface BatchProposal {
  items: BatchItem[]
  /** Segments in scope that cannot be generated as they are, with the sentence saying why. */
  skipped: Array<{ segmentId: string; label: string; message: string }>
}

/** The segments of a scope in timeline order (where each first shows), with the timeline range it shows at. */
function inScope(project: Project, scope: BatchScope) {
  const first = new Map<string, { startSec: number; endSec: number }>()
  for (const p of layoutSegments(project).pieces) {
    const seen = first.get(p.segmentId)
    if (!seen || p.startSec < seen.startSec) first.set(p.segmentId, { startSec: p.startSec, endSec: p.endSec })
  }
  const clip = scope.kind === 'clip' ? project.clips.find((c) => c.id === scope.clipId) : undefined
  return project.segments
    .filter((s) => first.has(s.id))
    .filter((s) => {
      if (scope.kind === 'untaken') return s.takes.length === 0
      const at = first.get(s.id)!
      return clip !== undefined && at.startSec < clipEndSec(clip) && at.endSec > clip.startSec
    })
    .map((segment) => ({ segment, at: first.get(segment.id)! }))
    .sort((a, b) => a.at.startSec - b.at.startSec || a.segment.lane - b.segment.lane)
}

export function proposeBatch(
  project: Project,
  providers: readonly ProviderInfo[],
  scope: BatchScope,
  cutsOf: CutsOf,
): BatchProposal {
  const proposal: BatchProposal = { items: [], skipped: [] }
  for (const { segment, at } of inScope(project, scope)) {
    const label = `${formatTimecode(at.startSec, 2)} – ${formatTimecode(at.endSec, 2)}`
    const built = segmentRequest(project, segment, providers, cutsOf)
    if (built.ok) proposal.items.push({ segmentId: segment.id, label, request: built.request })
    else proposal.skipped.push({ segmentId: segment.id, label, message: built.message })
  }
  return proposal
}

export interface BatchEntry extends BatchItem {
  /** When it was sent (again): the ETA goes by the entries of the latest round. */
  sinceMs: number
  jobId: string | null
  /** The latest update of its job (null before main has answered). */
  update: JobUpdate | null
  /** main refused the request at once (no key, a bad range): a failure without a job. */
  refused: AppErrorData | null
}

export interface Batch {
  entries: BatchEntry[]
  startedAtMs: number
}

export type BatchAction =
  | { type: 'started'; items: readonly BatchItem[]; nowMs: number }
  | { type: 'jobStarted'; segmentId: string; jobId: string }
  | { type: 'refused'; segmentId: string; error: AppErrorData }
  | { type: 'updated'; update: JobUpdate }
  /** Failed entries sent again: they run anew (the others keep their ends). */
  | { type: 'retrying'; segmentIds: readonly string[]; nowMs: number }
  | { type: 'dismissed' }

export function batchReducer(batch: Batch | null, a: BatchAction): Batch | null {
  switch (a.type) {
    case 'started':
      return {
        startedAtMs: a.nowMs,
        entries: a.items.map((item) => ({ ...item, sinceMs: a.nowMs, jobId: null, update: null, refused: null })),
      }
    case 'dismissed':
      return null
  }
  if (!batch) return batch
  const patch = (match: (e: BatchEntry) => boolean, change: (e: BatchEntry) => BatchEntry): Batch => ({
    ...batch,
    entries: batch.entries.map((e) => (match(e) ? change(e) : e)),
  })
  switch (a.type) {
    case 'jobStarted':
      return patch(
        (e) => e.segmentId === a.segmentId,
        (e) => ({ ...e, jobId: a.jobId, update: e.update?.jobId === a.jobId ? e.update : null }),
      )
    case 'refused':
      return patch(
        (e) => e.segmentId === a.segmentId,
        (e) => ({ ...e, refused: a.error }),
      )
    case 'updated':
      if (a.update.kind !== 'generate' || !batch.entries.some((e) => e.jobId === a.update.jobId)) return batch
      return patch(
        (e) => e.jobId === a.update.jobId,
        (e) => ({ ...e, update: a.update }),
      )
    case 'retrying':
      return {
        startedAtMs: a.nowMs,
        entries: batch.entries.map((e) =>
          a.segmentIds.includes(e.segmentId) ? { ...e, sinceMs: a.nowMs, jobId: null, update: null, refused: null } : e,
        ),
      }
  }
}

export type EntryState = 'starting' | 'running' | 'done' | 'failed' | 'cancelled'

export function entryState(e: BatchEntry): EntryState {
  if (e.refused) return 'failed'
  const status = e.update?.status
  if (status === 'succeeded') return 'done'
  if (status === 'failed') return 'failed'
  if (status === 'cancelled') return 'cancelled'
  return e.jobId ? 'running' : 'starting'
}

export function entryError(e: BatchEntry): AppErrorData | null {
  if (e.refused) return e.refused
  return e.update?.status === 'failed'
    ? (e.update.error ?? { code: 'INTERNAL', message: 'The generation failed.' })
    : null
}

/** An entry's own progress, 0..1 (an ended one counts as whole: nothing is left to wait for). */
const entryProgress = (e: BatchEntry): number =>
  entryState(e) === 'running' || entryState(e) === 'starting' ? (e.update?.progress ?? 0) : 1

export interface BatchProgress {
  done: number
  failed: number
  cancelled: number
  total: number
  /** Over every entry, 0..1. */
  progress: number
  running: boolean
  /** Seconds left at the pace so far; null until there is a pace to go by, or when nothing runs. */
  etaSec: number | null
}

export function batchProgress(batch: Batch, nowMs: number): BatchProgress {
  const states = batch.entries.map(entryState)
  const count = (s: EntryState) => states.filter((x) => x === s).length
  const total = batch.entries.length
  const progress = total === 0 ? 1 : batch.entries.reduce((sum, e) => sum + entryProgress(e), 0) / total
  const running = states.some((s) => s === 'running' || s === 'starting')
  const round = batch.entries.filter((e) => e.sinceMs === batch.startedAtMs)
  const roundProgress = round.reduce((sum, e) => sum + entryProgress(e), 0) / Math.max(1, round.length)
  const elapsedSec = (nowMs - batch.startedAtMs) / 1000
  const etaSec =
    running && roundProgress >= 0.05 && elapsedSec > 0 ? (elapsedSec * (1 - roundProgress)) / roundProgress : null
  return {
    done: count('done'),
    failed: count('failed'),
    cancelled: count('cancelled'),
    total,
    progress,
    running,
    etaSec,
  }
}

/** "about 1 min 20 s left", "about 40 s left". */
export function etaText(etaSec: number): string {
  const s = Math.max(1, Math.round(etaSec))
  if (s < 60) return `about ${s} s left`
  const min = Math.floor(s / 60)
  const rest = s % 60
  return `about ${min} min${rest ? ` ${rest} s` : ''} left`
}
