// Fair A/B between a segment's takes (Match loudness). Each take's integrated loudness is measured when it
// arrives; a take's level in the mix is that loudness plus its gain. The segment's level is where its active
// take sits in the mix, and another take is heard (and, once chosen, starts) at that level, so comparing takes
// compares sound, not loudness. A gain someone set by hand is theirs: matching changes only an untouched gain.
// PURE.
import type { Segment, Take } from '../../../shared/domain/project'
import { GAIN_RANGE_DB } from './mixEdits'

const round1 = (v: number): number => Math.round(v * 10) / 10

/** The take's loudness where it was measured and not silent, else null. */
export function takeLufs(take: Pick<Take, 'integratedLufs'>): number | null {
  const l = take.integratedLufs
  return typeof l === 'number' && Number.isFinite(l) ? l : null
}

/** Where a take sits in the mix: its loudness plus its gain (LUFS); null when its loudness is unknown. */
export function mixLevelLufs(take: Pick<Take, 'integratedLufs' | 'mix'>): number | null {
  const l = takeLufs(take)
  return l === null ? null : l + take.mix.gainDb
}

/** The gain is still the one the app gave the take (0 at first, then what matching set), not one set by hand. */
export function gainUntouched(take: Pick<Take, 'mix' | 'matchedGainDb'>): boolean {
  return take.mix.gainDb === (take.matchedGainDb ?? 0)
}

/**
 * The level the segment's other takes sit at, for matching `takeId` to it: the active take's level in the mix;
 * when `takeId` is the active one, or the active one is not measured, the mean level of the other measured
 * takes. Null when no other take has a known level.
 */
export function referenceLufs(segment: Pick<Segment, 'takes' | 'activeTakeId'>, takeId: string): number | null {
  const active = segment.takes.find((t) => t.id === segment.activeTakeId && t.id !== takeId)
  const activeLevel = active ? mixLevelLufs(active) : null
  if (activeLevel !== null) return activeLevel
  const levels = segment.takes.filter((t) => t.id !== takeId).flatMap((t) => mixLevelLufs(t) ?? [])
  return levels.length === 0 ? null : levels.reduce((a, b) => a + b, 0) / levels.length
}

/** The gain (0.1 dB, within the gain range) that puts the take at the segment's reference level; null when unknown. */
export function matchedGainDb(segment: Pick<Segment, 'takes' | 'activeTakeId'>, take: Take): number | null {
  const lufs = takeLufs(take)
  const reference = referenceLufs(segment, take.id)
  if (lufs === null || reference === null) return null
  const gain = round1(Math.min(GAIN_RANGE_DB.max, Math.max(GAIN_RANGE_DB.min, reference - lufs)))
  return gain === 0 ? 0 : gain
}

/**
 * The gain a take is heard at when auditioned: with matching on, a take other than the active one whose gain is
 * untouched is heard at the segment's level (the gain choosing it would give it); otherwise at its own gain.
 */
export function auditionGainDb(segment: Pick<Segment, 'takes' | 'activeTakeId'>, take: Take, match: boolean): number {
  if (!match || take.id === segment.activeTakeId || !gainUntouched(take)) return take.mix.gainDb
  return matchedGainDb(segment, take) ?? take.mix.gainDb
}

/** The take as matching leaves it when it is chosen: its untouched gain set to the segment's level. */
export function matchedOnChoose(segment: Pick<Segment, 'takes' | 'activeTakeId'>, take: Take): Take {
  if (!gainUntouched(take)) return take
  const gainDb = matchedGainDb(segment, take)
  if (gainDb === null || gainDb === take.mix.gainDb) return take
  return { ...take, matchedGainDb: gainDb, mix: { ...take.mix, gainDb } }
}
