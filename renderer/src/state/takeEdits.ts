// Pure edits of a segment's generation settings and takes. Each is one gesture (a committed field, a finished
// job, a chosen or deleted take), so the editor records it as one history entry. An edit that changes nothing
// returns the same Project, so no entry is recorded.
import type { GenerationParams, Project, Segment, Take } from '../../../shared/domain/project'
import { matchedOnChoose } from './loudnessMatch'

function editSegment(project: Project, segmentId: string, edit: (s: Segment) => Segment): Project {
  const seg = project.segments.find((s) => s.id === segmentId)
  if (!seg) return project
  const next = edit(seg)
  if (next === seg) return project
  return { ...project, segments: project.segments.map((s) => (s === seg ? next : s)) }
}

/** Appends a finished job's takes (those not already there); the first becomes active if none is. */
export function addTakes(project: Project, segmentId: string, takes: readonly Take[]): Project {
  return editSegment(project, segmentId, (seg) => {
    const known = new Set(seg.takes.map((t) => t.id))
    const fresh = takes.filter((t) => !known.has(t.id))
    if (fresh.length === 0) return seg
    return { ...seg, takes: [...seg.takes, ...fresh], activeTakeId: seg.activeTakeId ?? fresh[0]!.id }
  })
}

/**
 * Makes a take the one that sounds. With Match loudness, a take whose gain is untouched starts at the level the
 * segment's takes sit at (see loudnessMatch), in the same step.
 */
export function chooseActiveTake(project: Project, segmentId: string, takeId: string, matchLoudness = false): Project {
  return editSegment(project, segmentId, (seg) => {
    const take = seg.takes.find((t) => t.id === takeId)
    if (seg.activeTakeId === takeId || !take) return seg
    const chosen = matchLoudness ? matchedOnChoose(seg, take) : take
    const takes = chosen === take ? seg.takes : seg.takes.map((t) => (t === take ? chosen : t))
    return { ...seg, takes, activeTakeId: takeId }
  })
}

/** Removes a take; when it was the active one, the next take (else the previous, else none) becomes active. */
export function deleteTake(project: Project, segmentId: string, takeId: string): Project {
  return editSegment(project, segmentId, (seg) => {
    const i = seg.takes.findIndex((t) => t.id === takeId)
    if (i < 0) return seg
    const takes = seg.takes.filter((t) => t.id !== takeId)
    const activeTakeId = seg.activeTakeId !== takeId ? seg.activeTakeId : ((takes[i] ?? takes[i - 1])?.id ?? null)
    return { ...seg, takes, activeTakeId }
  })
}

/** Changes some generation settings of a segment; values equal to the current ones change nothing. */
export function changeSegmentParams(project: Project, segmentId: string, change: Partial<GenerationParams>): Project {
  return editSegment(project, segmentId, (seg) => {
    const keys = Object.keys(change) as Array<keyof GenerationParams>
    if (keys.every((k) => change[k] === undefined || sameValue(change[k], seg.params[k]))) return seg
    const defined = Object.fromEntries(Object.entries(change).filter(([, v]) => v !== undefined))
    return { ...seg, params: { ...seg.params, ...defined } }
  })
}

/** Equal values: the same primitive, or records with the same fields (a focus box drawn again where it was). */
function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false
  const ka = Object.keys(a)
  return (
    ka.length === Object.keys(b).length &&
    ka.every((k) => (a as Record<string, unknown>)[k] === (b as Record<string, unknown>)[k])
  )
}
