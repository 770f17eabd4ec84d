// Pure edits of the mix: one take's gain, fades, nudge, mute and solo, and how the clips' own audio sits under
// the generated sound. Each is one committed gesture (a released slider, a button, a key press), so the editor
// records it as one history entry; an edit that changes nothing returns the same Project (no entry).
import type { OriginalAudio, Project, TakeMix } from '../../../shared/domain/project'

/** The nudge the UI offers: ±250 ms in 10 ms steps (a few frames either way, finer than one frame at 25 fps). */
export const NUDGE_LIMIT_MS = 250
export const NUDGE_STEP_MS = 10
export const GAIN_RANGE_DB = { min: -60, max: 24 } as const
export const FADE_MAX_MS = 60_000

export type MixAction =
  | { type: 'takeMixChanged'; segmentId: string; takeId: string; change: Partial<TakeMix> }
  | { type: 'originalAudioChanged'; change: Partial<OriginalAudio> }

const clamp = (v: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, v))

/** A take mix with every field inside what the project schema and the UI allow. */
export function fitTakeMix(mix: TakeMix): TakeMix {
  const nudge = Math.round(clamp(mix.nudgeMs, -NUDGE_LIMIT_MS, NUDGE_LIMIT_MS) / NUDGE_STEP_MS) * NUDGE_STEP_MS
  return {
    gainDb: Math.round(clamp(mix.gainDb, GAIN_RANGE_DB.min, GAIN_RANGE_DB.max) * 10) / 10,
    fadeInMs: Math.round(clamp(mix.fadeInMs, 0, FADE_MAX_MS)),
    fadeOutMs: Math.round(clamp(mix.fadeOutMs, 0, FADE_MAX_MS)),
    nudgeMs: nudge === 0 ? 0 : nudge,
    muted: mix.muted,
    solo: mix.solo,
  }
}

function sameFields<T extends object>(a: T, b: T): boolean {
  return (Object.keys(a) as Array<keyof T>).every((k) => a[k] === b[k])
}

/** Changes one take's mix (fitted to its ranges); the same Project back when nothing changes. */
export function changeTakeMix(project: Project, segmentId: string, takeId: string, change: Partial<TakeMix>): Project {
  const segment = project.segments.find((s) => s.id === segmentId)
  const take = segment?.takes.find((t) => t.id === takeId)
  if (!segment || !take) return project
  const mix = fitTakeMix({ ...take.mix, ...definedOnly(change) })
  if (sameFields(mix, take.mix)) return project
  const takes = segment.takes.map((t) => (t === take ? { ...t, mix } : t))
  return { ...project, segments: project.segments.map((s) => (s === segment ? { ...s, takes } : s)) }
}

/** Changes the original audio's mode or amounts (fitted to the schema's ranges). */
export function changeOriginalAudio(project: Project, change: Partial<OriginalAudio>): Project {
  const merged = { ...project.original, ...definedOnly(change) }
  const original: OriginalAudio = {
    mode: merged.mode,
    lowerDb: Math.round(clamp(merged.lowerDb, -60, 0) * 10) / 10,
    duckDb: Math.round(clamp(merged.duckDb, -60, 0) * 10) / 10,
    duckFadeMs: Math.round(clamp(merged.duckFadeMs, 0, 5000)),
  }
  return sameFields(original, project.original) ? project : { ...project, original }
}

export function mixEdit(project: Project, action: MixAction): Project {
  return action.type === 'takeMixChanged'
    ? changeTakeMix(project, action.segmentId, action.takeId, action.change)
    : changeOriginalAudio(project, action.change)
}

function definedOnly<T extends object>(change: Partial<T>): Partial<T> {
  return Object.fromEntries(Object.entries(change).filter(([, v]) => v !== undefined && !Number.isNaN(v))) as Partial<T>
}
