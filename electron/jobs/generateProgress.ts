// One progress figure for a generation made of many units (take × chunk) running in parallel. PURE.
// Each unit moves through preparing → uploading → queued → generating → downloading → done; its stage maps to
// a band of 0..1, the job's progress is the mean over units (the last 5 % is the join), the job's stage is the
// furthest stage an unfinished unit has reached (so the bar moves forward as soon as work does), and the queue
// position is the best among units still waiting for a slot, whatever the stage.
import type { JobStage } from '../../shared/domain/job'
import type { ProviderProgress } from '../providers/types'

export type UnitStage = 'preparing' | 'uploading' | 'queued' | 'generating' | 'downloading' | 'done'

export interface UnitState {
  stage: UnitStage
  /** 0..1 within the stage, when known. */
  fraction: number | null
  /** Position in our own line for a provider slot, or in the provider's queue. */
  queuePosition?: number
}

export interface GenerateUpdate {
  stage: JobStage
  progress: number
  queuePosition?: number
  message?: string
}

const ORDER: readonly UnitStage[] = ['preparing', 'uploading', 'queued', 'generating', 'downloading', 'done']

/** [start, end) of each stage's share of one unit's progress. */
const BAND: Readonly<Record<UnitStage, readonly [number, number]>> = {
  preparing: [0, 0.1],
  uploading: [0.1, 0.2],
  queued: [0.2, 0.3],
  generating: [0.3, 0.85],
  downloading: [0.85, 1],
  done: [1, 1],
}

/** Share of the whole job that the final join/mix takes. */
export const MIXING_SHARE = 0.05

export function unitProgress(u: UnitState): number {
  const [a, b] = BAND[u.stage]
  const f = u.fraction === null ? 0 : Math.min(1, Math.max(0, u.fraction))
  return a + (b - a) * f
}

/** A provider's progress event as this unit's new state. */
export function unitFromProvider(p: ProviderProgress): UnitState {
  switch (p.stage) {
    case 'uploading':
      return { stage: 'uploading', fraction: p.fraction }
    case 'queued':
      return { stage: 'queued', fraction: null, ...(p.position !== undefined ? { queuePosition: p.position } : {}) }
    case 'generating':
      return { stage: 'generating', fraction: p.fraction ?? null }
    case 'downloading':
      return { stage: 'downloading', fraction: p.fraction }
  }
}

export function aggregate(units: readonly UnitState[]): GenerateUpdate {
  if (units.length === 0) return { stage: 'preparing', progress: 0 }
  const open = units.filter((u) => u.stage !== 'done')
  const progress = (units.reduce((s, u) => s + unitProgress(u), 0) / units.length) * (1 - MIXING_SHARE)
  if (open.length === 0) return { stage: 'mixing', progress }
  const stage = ORDER[Math.max(...open.map((u) => ORDER.indexOf(u.stage)))] as Exclude<UnitStage, 'done'>
  const positions = open.flatMap((u) =>
    u.stage === 'queued' && u.queuePosition !== undefined ? [u.queuePosition] : [],
  )
  return { stage, progress, ...(positions.length > 0 ? { queuePosition: Math.min(...positions) } : {}) }
}
