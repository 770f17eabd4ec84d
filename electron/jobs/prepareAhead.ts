// Prepare ahead: when a segment is marked or its range changes, its upload cuts are made in the background (one
// at a time, at low priority: see uploadCuts) and kept in the chunk cache, so Generate finds them there and
// uploads at once. A segment's new range replaces its old one: cuts of the old range still waiting or being made
// are cancelled (unless a Generate is waiting for them too).
import type { CutSpec, UploadCuts } from './uploadCuts'

export interface PrepareAhead {
  /** Prepare these cuts for the segment, instead of whatever was being prepared for it ([] = nothing). */
  prepare(segmentId: string, specs: readonly CutSpec[]): void
  /** Segments with cuts still being prepared. */
  pending(): number
}

export function createPrepareAhead(cuts: Pick<UploadCuts, 'request'>): PrepareAhead {
  const bySegment = new Map<string, { identity: string; controller: AbortController }>()

  return {
    prepare(segmentId, specs) {
      const identity = JSON.stringify(specs)
      const current = bySegment.get(segmentId)
      if (current?.identity === identity) return
      current?.controller.abort()
      bySegment.delete(segmentId)
      if (specs.length === 0) return
      const controller = new AbortController()
      const mine = { identity, controller }
      bySegment.set(segmentId, mine)
      // Failures are not reported here: a range Generate cannot cut says so when Generate is pressed.
      const done = cuts.request(specs, { signal: controller.signal, urgency: 'ahead' }).map((c) => c.catch(() => null))
      void Promise.all(done).then(() => {
        if (bySegment.get(segmentId) === mine) bySegment.delete(segmentId)
      })
    },
    pending: () => bySegment.size,
  }
}
