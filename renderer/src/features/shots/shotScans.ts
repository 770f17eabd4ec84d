// The shot scans the renderer follows, one per asset on the timeline, as a pure reducer: asked for, running
// (with progress), done (the analysis), or failed (a sentence). Job updates may come before the invoke that
// started the job has answered: an end that arrives early is kept by job id until the start is known.
import type { JobUpdate } from '../../../../shared/domain/job'
import type { Project } from '../../../../shared/domain/project'
import type { ShotAnalysis } from '../../../../shared/domain/shots'

export type ShotScan =
  | { status: 'running'; jobId: string | null; progress: number | null }
  | { status: 'done'; analysis: ShotAnalysis }
  | { status: 'failed'; message: string }

export interface ShotScans {
  byAsset: Readonly<Record<string, ShotScan>>
  /** Ends of jobs whose start has not answered yet. */
  early: Readonly<Record<string, JobUpdate>>
}

export type ShotScansAction =
  | { type: 'requested'; assetId: string }
  | { type: 'started'; assetId: string; jobId: string }
  | { type: 'refused'; assetId: string; message: string }
  | { type: 'updated'; update: JobUpdate }
  /** The asset left the timeline: its scan is cancelled and forgotten (placing it again scans again). */
  | { type: 'dropped'; assetId: string }

export const NO_SCANS: ShotScans = { byAsset: {}, early: {} }

function ended(u: JobUpdate): ShotScan | null {
  if (u.status === 'succeeded' && u.shotsResult) return { status: 'done', analysis: u.shotsResult.analysis }
  if (u.status === 'failed') return { status: 'failed', message: u.error?.message ?? 'Finding the shots failed.' }
  return null
}

const withScan = (s: ShotScans, assetId: string, scan: ShotScan): ShotScans => ({
  ...s,
  byAsset: { ...s.byAsset, [assetId]: scan },
})

export function shotScansReducer(s: ShotScans, a: ShotScansAction): ShotScans {
  switch (a.type) {
    case 'requested':
      return withScan(s, a.assetId, { status: 'running', jobId: null, progress: null })
    case 'started': {
      const { [a.jobId]: early, ...rest } = s.early
      const current = s.byAsset[a.assetId]
      if (current?.status !== 'running') return { ...s, early: rest }
      const scan = (early && ended(early)) ?? { ...current, jobId: a.jobId }
      return { ...withScan(s, a.assetId, scan), early: rest }
    }
    case 'refused':
      return withScan(s, a.assetId, { status: 'failed', message: a.message })
    case 'updated': {
      const u = a.update
      if (u.kind !== 'shots') return s
      const assetId =
        u.shotsResult?.assetId ??
        Object.keys(s.byAsset).find((id) => {
          const scan = s.byAsset[id]
          return scan?.status === 'running' && scan.jobId === u.jobId
        })
      if (!assetId) return u.status === 'running' ? s : { ...s, early: { ...s.early, [u.jobId]: u } }
      const current = s.byAsset[assetId]
      if (current?.status !== 'running') return s
      // Cancelled elsewhere (the app quitting): forgotten, so it is asked again while its clips are on the timeline.
      if (u.status === 'cancelled') return shotScansReducer(s, { type: 'dropped', assetId })
      return withScan(s, assetId, ended(u) ?? { ...current, jobId: u.jobId, progress: u.progress })
    }
    case 'dropped': {
      const { [a.assetId]: _gone, ...byAsset } = s.byAsset
      return { ...s, byAsset }
    }
  }
}

const assetsOnTimeline = (project: Pick<Project, 'clips'>): Set<string> => new Set(project.clips.map((c) => c.assetId))

/** Assets on the timeline that have no scan yet. */
export function scansToStart(project: Pick<Project, 'clips'>, s: ShotScans): string[] {
  return [...assetsOnTimeline(project)].filter((id) => !s.byAsset[id])
}

/** Scans of assets no clip shows any more: the job ids to cancel (null while its start has not answered). */
export function scansToDrop(
  project: Pick<Project, 'clips'>,
  s: ShotScans,
): Array<{ assetId: string; jobId: string | null }> {
  const shown = assetsOnTimeline(project)
  return Object.entries(s.byAsset).flatMap(([assetId, scan]) =>
    !shown.has(assetId) && scan.status === 'running' ? [{ assetId, jobId: scan.jobId }] : [],
  )
}
