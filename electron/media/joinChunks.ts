import type { ChunkPlan } from '../../shared/domain/chunks'
import { AppError } from '../../shared/domain/errors'
import { writeAtomically } from './atomicOutput'
import { chunkJoinArgs, type ChunkJoinPart } from './ffmpeg/args/chunkJoin'
import { TAKE_SAMPLE_RATE } from './ffmpeg/args/takeAudio'
import type { FfmpegRunner } from './ffmpeg/run'
import { meterReading } from './measureLoudness'

export interface JoinChunksInput {
  /** One take per chunk of the plan, in order; each starts at its window's startSec. */
  takePaths: readonly string[]
  plan: ChunkPlan
  /** Where the .wav goes; written to a temp name and renamed into place. */
  outputPath: string
  signal?: AbortSignal
}

const toSamples = (sec: number): number => Math.round(sec * TAKE_SAMPLE_RATE)

/** Pure: each chunk's kept span in samples of its own file (absolute times rounded once, so edges line up). */
export function joinParts(takePaths: readonly string[], plan: ChunkPlan): ChunkJoinPart[] {
  return plan.chunks.map((chunk, i) => {
    const startSample = toSamples(chunk.startSec)
    return {
      path: takePaths[i] as string,
      keepStartSample: toSamples(chunk.keepStartSec) - startSample,
      keepEndSample: toSamples(chunk.keepEndSec) - startSample,
    }
  })
}

/**
 * Overlapping chunk takes of one long segment → one 48 kHz WAV of exactly the segment's length, joined with
 * equal-power crossfades at the plan's contact edges.
 */
export async function joinChunks(
  runner: FfmpegRunner,
  input: JoinChunksInput,
): Promise<{ path: string; durationSec: number; integratedLufs: number | null }> {
  const { plan, takePaths } = input
  if (takePaths.length !== plan.chunks.length) {
    throw new AppError(
      'BAD_INPUT',
      `The plan has ${plan.chunks.length} chunks but ${takePaths.length} takes were given.`,
    )
  }
  const totalSamples = toSamples(plan.durationSec)
  const args = (outputPath: string): readonly string[] =>
    chunkJoinArgs({
      parts: joinParts(takePaths, plan),
      crossfadeSamples: toSamples(plan.crossfadeSec),
      totalSamples,
      outputPath,
    })
  const { stderr } = await writeAtomically(input.outputPath, (temp) =>
    runner.ffmpeg(args(temp), input.signal ? { signal: input.signal } : {}),
  )
  return { path: input.outputPath, durationSec: totalSamples / TAKE_SAMPLE_RATE, integratedLufs: meterReading(stderr) }
}
