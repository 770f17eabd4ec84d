// Prepare ahead: when a segment is marked or its range changes, main is asked (audio:prepare) to make its upload
// cuts in the background, so pressing Generate later uploads at once. Only what decides the cuts counts as a
// change (the picture's file and range, its shot cuts, the focus box, the window and the provider whose limit
// caps it); prompts and takes do not.
// Segments there were when the project opened are left alone: nobody marked them just now.
import { useEffect, useRef } from 'react'
import type { GenerationRequest } from '../../../../shared/domain/generation'
import type { Project, Segment } from '../../../../shared/domain/project'
import { invoke } from '../../lib/ipc'

/** How long the segments must stay still (a drag, a run of nudges) before main is asked. */
export const PREPARE_DEBOUNCE_MS = 400

/** PURE: what decides a request's upload cuts, as text; null when it has none (text mode, or no request). */
export function cutIdentity(request: GenerationRequest | null): string | null {
  if (!request?.source) return null
  const { path, inSec, outSec, cutsSec } = request.source
  return JSON.stringify([
    path,
    inSec,
    outSec,
    // where the picture cuts moves the chunk seams; the focus box is what the cut shows
    cutsSec ?? null,
    request.params.focus,
    request.params.windowSec,
    request.params.provider,
    request.crossfadeSec ?? null,
  ])
}

export interface Preparation {
  segmentId: string
  request: GenerationRequest | null
}

/**
 * PURE: what to ask main, going from the cut identities main was last told about to the segments now: each
 * segment whose identity changed (or that is new) with its request, and each one that lost its cuts (deleted,
 * now text only) with null.
 */
export function preparationsBetween(
  told: ReadonlyMap<string, string | null>,
  now: ReadonlyMap<string, { identity: string | null; request: GenerationRequest | null }>,
): Preparation[] {
  const out: Preparation[] = []
  for (const [segmentId, { identity, request }] of now) {
    if ((told.get(segmentId) ?? null) === identity) continue
    out.push({ segmentId, request: identity === null ? null : request })
  }
  for (const [segmentId, identity] of told)
    if (identity !== null && !now.has(segmentId)) out.push({ segmentId, request: null })
  return out
}

/**
 * Tells main about segments marked or moved (or whose clip moved) while a project is open, once they stay still
 * for a moment. `requestFor` is null until the providers are known (a request's window depends on its provider).
 */
export function usePrepareAhead(project: Project, requestFor: ((s: Segment) => GenerationRequest | null) | null): void {
  const told = useRef<{ projectId: string; identities: Map<string, string | null> } | null>(null)
  const latest = useRef<Map<string, { identity: string | null; request: GenerationRequest | null }>>(new Map())
  // Rebuilt each render: the latest one is used when the project (or whether providers are known) changes.
  const build = useRef(requestFor)
  build.current = requestFor
  const ready = requestFor !== null
  useEffect(() => {
    const requestFor = build.current
    if (!ready || !requestFor) return
    const now = new Map(
      project.segments.map((s) => {
        const request = requestFor(s)
        return [s.id, { identity: cutIdentity(request), request }] as const
      }),
    )
    latest.current = now
    if (told.current?.projectId !== project.id) {
      // What there was when the project opened (or the providers became known) is the starting point.
      told.current = { projectId: project.id, identities: new Map([...now].map(([id, v]) => [id, v.identity])) }
      return
    }
    if (preparationsBetween(told.current.identities, now).length === 0) return
    const timer = setTimeout(() => {
      const known = told.current!.identities
      for (const p of preparationsBetween(known, latest.current)) {
        known.set(p.segmentId, cutIdentity(p.request))
        if (p.request === null && !latest.current.has(p.segmentId)) known.delete(p.segmentId)
        void invoke('audio:prepare', p)
      }
    }, PREPARE_DEBOUNCE_MS)
    return () => clearTimeout(timer)
  }, [project, ready])
}
