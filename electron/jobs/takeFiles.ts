// A take on disk: its joined 48 kHz WAV, and beside it a small manifest of the chunks it was made from
// (seed, provider, request id, cached WAV), so one chunk can be regenerated and the take re-joined.
import { copyFile, readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { z } from 'zod'
import type { ChunkPlan } from '../../shared/domain/chunks'
import { AppError, isAppError } from '../../shared/domain/errors'
import { ProviderId } from '../../shared/domain/ids'
import { DEFAULT_TAKE_MIX, type Take } from '../../shared/domain/project'
import { writeAtomically, writeFileAtomically } from '../media/atomicOutput'
import type { FfmpegRunner } from '../media/ffmpeg/run'
import { joinChunks } from '../media/joinChunks'
import { integratedLufs } from '../media/measureLoudness'
import type { ChunkResult } from './generateChunk'

export const TakeManifest = z.object({
  version: z.literal(1),
  takeId: z.string(),
  seed: z.number().int(),
  chunks: z.array(
    z.object({ seed: z.number().int(), provider: ProviderId, requestId: z.string().nullable(), path: z.string() }),
  ),
  /** Each chunk's kept part [keepStartSec, keepEndSec] (absent in manifests written before seams could move). */
  keeps: z.array(z.tuple([z.number(), z.number()])).optional(),
})
export type TakeManifest = z.infer<typeof TakeManifest>

export const takeWavPath = (takesDir: string, takeId: string): string => join(takesDir, `${takeId}.wav`)
export const manifestPathFor = (takeWav: string): string => `${takeWav.replace(/\.wav$/i, '')}.chunks.json`

/** Where each chunk of a plan is kept in the joined take: a chunk regenerated alone must fit the same places. */
const keepsOf = (plan: ChunkPlan): Array<[number, number]> => plan.chunks.map((c) => [c.keepStartSec, c.keepEndSec])

/**
 * PURE: whether a take was joined by this plan (same chunks, kept at the same places), so one of its chunks can
 * be made again and joined with the others. A manifest from before it recorded places is judged by its count.
 */
export function madeByPlan(manifest: TakeManifest, plan: ChunkPlan): boolean {
  if (manifest.chunks.length !== plan.chunks.length) return false
  const keeps = keepsOf(plan)
  return (manifest.keeps ?? keeps).every(
    ([a, b], i) => keeps[i] !== undefined && Math.abs(a - keeps[i]![0]) < 1e-6 && Math.abs(b - keeps[i]![1]) < 1e-6,
  )
}

export async function readManifest(take: Pick<Take, 'id' | 'path'>): Promise<TakeManifest> {
  const path = manifestPathFor(take.path)
  try {
    return TakeManifest.parse(JSON.parse(await readFile(path, 'utf8')))
  } catch (cause) {
    throw new AppError(
      'NOT_FOUND',
      `The chunk list of this take (${path}) is missing or unreadable, so one chunk cannot be regenerated alone. Generate the take again.`,
      { cause },
    )
  }
}

/**
 * The chunks of one take → its WAV (copied when one chunk is already exactly the take, else trimmed and joined
 * with equal-power crossfades by the plan) and its manifest → the Take. The WAV is renamed into place before
 * the manifest is written. `plan` is the join plan: chunk startSec = where its audio file starts.
 */
export async function assembleTake(
  runner: FfmpegRunner,
  input: {
    takeId: string
    takesDir: string
    plan: ChunkPlan
    chunks: readonly ChunkResult[]
    seed: number
    createdAt: string
    signal?: AbortSignal
  },
): Promise<Take> {
  const outputPath = takeWavPath(input.takesDir, input.takeId)
  let durationSec = input.plan.durationSec
  // Metered as it is written: a join measures the take itself; a take that is its one chunk as it stands has that
  // chunk's loudness, when it was metered as it was made (not when it came from the cache).
  let metered: number | null | undefined
  if (input.chunks.length === 1 && input.plan.chunks[0]!.startSec === 0) {
    await writeAtomically(outputPath, (temp) => copyFile(input.chunks[0]!.path, temp))
    metered = input.chunks[0]!.integratedLufs
  } else {
    const joined = await joinChunks(runner, {
      takePaths: input.chunks.map((c) => c.path),
      plan: input.plan,
      outputPath,
      ...(input.signal ? { signal: input.signal } : {}),
    })
    durationSec = joined.durationSec
    metered = joined.integratedLufs
  }
  const manifest: TakeManifest = {
    version: 1,
    takeId: input.takeId,
    seed: input.seed,
    chunks: input.chunks.map((c) => ({ seed: c.seed, provider: c.provider, requestId: c.requestId, path: c.path })),
    keeps: keepsOf(input.plan),
  }
  await writeFileAtomically(manifestPathFor(outputPath), JSON.stringify(manifest, null, 1))
  const loudness = metered !== undefined ? metered : await takeLoudness(runner, outputPath, input.signal)
  return {
    id: input.takeId,
    provider: input.chunks[0]!.provider,
    seed: input.seed,
    path: outputPath,
    durationSec,
    requestIds: input.chunks.flatMap((c) => (c.requestId ? [c.requestId] : [])),
    createdAt: input.createdAt,
    integratedLufs: loudness,
    mix: { ...DEFAULT_TAKE_MIX },
  }
}

/**
 * A new take's loudness, for fair A/B (Match loudness). A take whose meter run fails is still a take: it keeps
 * no number (and is left out of matching) rather than being thrown away after it was paid for. A cancel stops.
 */
async function takeLoudness(runner: FfmpegRunner, path: string, signal?: AbortSignal): Promise<number | null> {
  try {
    return await integratedLufs(runner, path, signal)
  } catch (error) {
    if (signal?.aborted || (isAppError(error) && error.code === 'CANCELLED')) throw error
    return null
  }
}
