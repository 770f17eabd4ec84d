// The upload of each chunk of a segment: the source range from the chunk's frame-grid start (see chunkLeadSec)
// to its end, as MMAudio sees it, with the sha256 of its bytes (the cache key's picture). All chunks of a segment
// are asked for together on first use (so overlapping ones share one decode) and shared by every take; each is
// linked into the job's scratch folder, so the chunk cache making room meanwhile cannot take it away mid-upload.
import { copyFile, link } from 'node:fs/promises'
import { join } from 'node:path'
import type { ChunkPlan } from '../../shared/domain/chunks'
import type { GenerationRequest } from '../../shared/domain/generation'
import { chunkLeadSec } from './generationRequest'
import type { CutSpec, PreparedCut, UploadCuts } from './uploadCuts'

export type { PreparedCut }

/** PURE: the upload cut each chunk of a video request needs, in chunk order; [] in text mode. */
export function cutSpecsFor(request: Pick<GenerationRequest, 'source' | 'params'>, plan: ChunkPlan): CutSpec[] {
  const source = request.source
  if (!source) return []
  const crop = request.params.focus
  return plan.chunks.map((chunk) => ({
    sourcePath: source.path,
    inSec: source.inSec + chunk.startSec - chunkLeadSec(request, chunk),
    outSec: source.inSec + chunk.endSec,
    ...(crop ? { crop } : {}),
  }))
}

async function linkOrCopy(from: string, to: string): Promise<void> {
  await link(from, to).catch(() => copyFile(from, to))
}

export function chunkCuts(input: {
  cuts: UploadCuts
  request: GenerationRequest
  plan: ChunkPlan
  workDir: string
  signal: AbortSignal
  /** The chunks that will be asked for (default all; regenerating one chunk needs only its own). */
  chunks?: readonly number[]
}): (chunkIndex: number) => Promise<PreparedCut | null> {
  let asked: Map<number, Promise<PreparedCut>> | null = null
  return (chunkIndex) => {
    if (!input.request.source) return Promise.resolve(null)
    if (!asked) {
      const specs = cutSpecsFor(input.request, input.plan)
      const indices = input.chunks ?? specs.map((_, i) => i)
      const cuts = input.cuts.request(
        indices.map((i) => specs[i]!),
        { signal: input.signal },
      )
      asked = new Map(
        indices.map((i, n) => [
          i,
          cuts[n]!.then(async ({ path, sha256 }) => {
            const own = join(input.workDir, `cut-${i}.mp4`)
            await linkOrCopy(path, own)
            return { path: own, sha256 }
          }),
        ]),
      )
      // A run that fails early leaves the other chunks' cuts unawaited; that is not an unhandled failure.
      for (const cut of asked.values()) cut.catch(() => undefined)
    }
    const cut = asked.get(chunkIndex)
    if (!cut) throw new Error(`chunk ${chunkIndex} was not among the cuts asked for`)
    return cut
  }
}
