// The upload of each chunk, prepared once on first use and shared by every take: the source range from the
// chunk's frame-grid start (see chunkLeadSec) to its end, as MMAudio sees it, with the sha256 of its bytes
// (the cache key's picture). A few ffmpeg processes at a time, through the given slots.
import { join } from 'node:path'
import type { ChunkPlan } from '../../shared/domain/chunks'
import type { GenerationRequest } from '../../shared/domain/generation'
import type { FfmpegRunner } from '../media/ffmpeg/run'
import { prepareUpload } from '../media/prepareUpload'
import { sha256File } from './cache'
import { chunkLeadSec } from './generationRequest'
import type { CutSlots } from './queue'

export type PreparedCut = { path: string; sha256: string } | null

export function chunkCuts(input: {
  runner: FfmpegRunner
  slots: CutSlots
  request: GenerationRequest
  plan: ChunkPlan
  workDir: string
  signal: AbortSignal
}): (chunkIndex: number) => Promise<PreparedCut> {
  const memo = new Map<number, Promise<PreparedCut>>()
  return (chunkIndex) => {
    const source = input.request.source
    if (!source) return Promise.resolve(null)
    let cut = memo.get(chunkIndex)
    if (!cut) {
      const chunk = input.plan.chunks[chunkIndex]!
      cut = input.slots.run(
        async (signal) => {
          const prepared = await prepareUpload(input.runner, {
            sourcePath: source.path,
            inSec: source.inSec + chunk.startSec - chunkLeadSec(input.request, chunk),
            outSec: source.inSec + chunk.endSec,
            outputPath: join(input.workDir, `cut-${chunkIndex}.mp4`),
            focus: input.request.params.focus,
            signal,
          })
          return { path: prepared.path, sha256: await sha256File(prepared.path) }
        },
        { signal: input.signal },
      )
      memo.set(chunkIndex, cut)
    }
    return cut
  }
}
