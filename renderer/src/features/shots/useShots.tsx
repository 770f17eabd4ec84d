// The shots of every clip on the timeline: each asset's picture is scanned once in the background (main caches it
// by content hash), a scan is cancelled when the last clip of its asset leaves the timeline, and the cuts are
// worked out for the threshold the person sets (no decoding again). Given to the timeline, the generate panel
// and "Generate all" through ShotsContext.
import { createContext, useContext, useEffect, useMemo, useReducer, useRef, useState } from 'react'
import type { Project } from '../../../../shared/domain/project'
import { DEFAULT_SHOT_THRESHOLD, shotCuts } from '../../../../shared/domain/shots'
import { invoke, on } from '../../lib/ipc'
import { NO_SCANS, type ShotScan, scansToDrop, scansToStart, shotScansReducer } from './shotScans'

export interface Shots {
  scans: Readonly<Record<string, ShotScan>>
  /** The cuts of each scanned asset at the threshold (seconds of the file). */
  cutsByAsset: ReadonlyMap<string, readonly number[]>
  threshold: number
  setThreshold: (t: number) => void
}

const NONE: readonly number[] = []
export const NO_SHOTS: Shots = {
  scans: {},
  cutsByAsset: new Map(),
  threshold: DEFAULT_SHOT_THRESHOLD,
  setThreshold: () => {},
}
export const ShotsContext = createContext<Shots>(NO_SHOTS)

/** An asset's cuts (none while unscanned). */
export function useCutsOf(): (assetId: string) => readonly number[] {
  const { cutsByAsset } = useContext(ShotsContext)
  return useMemo(() => (assetId: string) => cutsByAsset.get(assetId) ?? NONE, [cutsByAsset])
}

export function useShots(project: Pick<Project, 'assets' | 'clips'>): Shots {
  const [scans, dispatch] = useReducer(shotScansReducer, NO_SCANS)
  const [threshold, setThreshold] = useState(DEFAULT_SHOT_THRESHOLD)
  const clipsRef = useRef(project.clips)
  clipsRef.current = project.clips

  useEffect(() => on('job:update', (update) => update.kind === 'shots' && dispatch({ type: 'updated', update })), [])

  useEffect(() => {
    for (const assetId of scansToStart(project, scans)) {
      const asset = project.assets.find((a) => a.id === assetId)
      if (!asset) continue
      dispatch({ type: 'requested', assetId })
      void invoke('media:shots', { assetId, path: asset.path }).then((r) => {
        if (!r.ok) return dispatch({ type: 'refused', assetId, message: r.error.message })
        // Its clips may have left while the start was on its way: then the scan is not wanted any more.
        if (!clipsRef.current.some((c) => c.assetId === assetId)) void invoke('job:cancel', { jobId: r.data.jobId })
        else dispatch({ type: 'started', assetId, jobId: r.data.jobId })
      })
    }
    for (const { assetId, jobId } of scansToDrop(project, scans)) {
      if (jobId) void invoke('job:cancel', { jobId })
      dispatch({ type: 'dropped', assetId })
    }
  }, [project, scans])

  const cutsByAsset = useMemo(() => {
    const map = new Map<string, readonly number[]>()
    for (const [assetId, scan] of Object.entries(scans.byAsset))
      if (scan.status === 'done') map.set(assetId, shotCuts(scan.analysis, { threshold }))
    return map
  }, [scans.byAsset, threshold])

  return useMemo(
    () => ({ scans: scans.byAsset, cutsByAsset, threshold, setThreshold }),
    [scans.byAsset, cutsByAsset, threshold],
  )
}
