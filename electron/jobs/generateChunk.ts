// One chunk of one take: cache → (resume a journalled request | queue slot → provider.generate) → normalise →
// cache → journal closed. Falls over to the next provider in the order when the error is one another provider
// could avoid (see shouldFallBack).
import { mkdir, rm } from 'node:fs/promises'
import { join } from 'node:path'
import { AppError, isAppError } from '../../shared/domain/errors'
import type { ProviderId } from '../../shared/domain/ids'
import type { GenerationParams } from '../../shared/domain/project'
import type { FfmpegRunner } from '../media/ffmpeg/run'
import { normaliseResult } from '../media/normaliseResult'
import type { ProviderRegistry } from '../providers/registry'
import type { ProviderRequest, GenerateResult, ProviderContext } from '../providers/types'
import { cacheKey, type TakeCache } from './cache'
import { unitFromProvider, type UnitState } from './generateProgress'
import type { Journal } from './journal'
import type { ProviderQueue } from './queue'

/**
 * Fallback policy. Another provider takes over on RATE_LIMITED, PROVIDER_FAILED, NETWORK and TIMEOUT: problems
 * of that provider right now. It never takes over on PROVIDER_AUTH or PROVIDER_BALANCE (the user's account needs
 * fixing, and quietly sending their footage and money elsewhere would hide that), PROVIDER_INPUT (the request
 * itself is wrong, another provider would refuse it too), CANCELLED, or local failures (ffmpeg, disk).
 */
export function shouldFallBack(error: unknown): boolean {
  return isAppError(error) && ['RATE_LIMITED', 'PROVIDER_FAILED', 'NETWORK', 'TIMEOUT'].includes(error.code)
}

export type ProviderConnection = Pick<ProviderContext, 'fetch' | 'baseUrl' | 'apiKey' | 'sleep' | 'pollIntervalMs'>

export interface ChunkEngine {
  providers: ProviderRegistry
  queue: ProviderQueue
  cache: TakeCache
  journal: Journal
  runner: FfmpegRunner
  /** Base URL, key, fetch… for a provider; throws PROVIDER_AUTH when no key is set. */
  connect(id: ProviderId): Promise<ProviderConnection>
  /** Requests being made now, by cache key: an identical request started meanwhile waits for it, not pays again. */
  inflight: Map<string, Promise<ChunkResult>>
  /**
   * Resolves when no upload cut someone waits for is being made (or after `maxWaitMs`), and says whether cuts are
   * still being made then. In a batch the cuts keep the provider busy: finishing a take waits for them (a take
   * ready a little later costs nothing), then runs at low priority if they are still going.
   */
  afterCuts?: (maxWaitMs: number, signal: AbortSignal) => Promise<{ cutting: boolean }>
}

/** The longest a finished request waits for cuts before its take is made (at low priority). */
export const TAKE_WAITS_FOR_CUTS_MS = 10_000

export interface ChunkJob {
  jobId: string
  segmentKey: string
  segmentId: string | null
  takeIndex: number
  chunkIndex: number
  /** The seed of this chunk's request. */
  seed: number
  /** The take's seed (differs for text chunks). */
  takeSeed: number
  mode: 'video' | 'text'
  params: Pick<GenerationParams, 'prompt' | 'negativePrompt' | 'steps' | 'cfg' | 'maskAwayClip'>
  durationSec: number
  /** The prepared upload of this chunk (shared by every take), or null in text mode. */
  cut: () => Promise<{ path: string; sha256: string } | null>
  /** The chosen provider first, then the fallbacks. */
  providerOrder: readonly ProviderId[]
  workDir: string
}

export interface ChunkResult {
  /** The normalised 48 kHz WAV of this chunk, in the cache. */
  path: string
  provider: ProviderId
  seed: number
  requestId: string | null
  fromCache: boolean
  /** Its loudness when it was just made (metered as it was normalised); absent for one from the cache. */
  integratedLufs?: number | null
}

export interface ChunkHooks {
  signal: AbortSignal
  onState: (state: UnitState) => void
  onMessage: (message: string) => void
}

export async function produceChunk(engine: ChunkEngine, job: ChunkJob, hooks: ChunkHooks): Promise<ChunkResult> {
  hooks.onState({ stage: 'preparing', fraction: null })
  const cut = await job.cut()
  let lastError: unknown
  for (const [i, providerId] of job.providerOrder.entries()) {
    try {
      return await withProvider(engine, job, hooks, providerId, cut)
    } catch (error) {
      lastError = error
      const next = job.providerOrder[i + 1]
      if (!next || !shouldFallBack(error) || hooks.signal.aborted) throw error
      const label = engine.providers.get(providerId).label
      hooks.onMessage(
        `${label} failed (${(error as AppError).message}) — ${engine.providers.get(next).label} takes over.`,
      )
    }
  }
  throw lastError
}

async function withProvider(
  engine: ChunkEngine,
  job: ChunkJob,
  hooks: ChunkHooks,
  providerId: ProviderId,
  cut: { path: string; sha256: string } | null,
): Promise<ChunkResult> {
  const key = cacheKey({
    inputSha256: cut?.sha256 ?? null,
    mode: job.mode,
    ...job.params,
    durationSec: job.durationSec,
    seed: job.seed,
    provider: providerId,
  })
  const base = { provider: providerId, seed: job.seed }
  const hit = await engine.cache.get(key)
  if (hit) {
    const done = engine.journal.entries().find((e) => e.cacheKey === key && e.status === 'done')
    hooks.onState({ stage: 'done', fraction: null })
    return { ...base, path: hit, requestId: done?.requestId ?? null, fromCache: true }
  }
  const same = engine.inflight.get(key)
  if (same) {
    hooks.onMessage('An identical request is already running; waiting for it instead of paying twice.')
    const shared = await same.catch((error: unknown) => {
      // Only its cancellation is not ours to share: then this request is made on its own below.
      if (isAppError(error) && error.code === 'CANCELLED' && !hooks.signal.aborted) return null
      throw error
    })
    if (shared) {
      hooks.onState({ stage: 'done', fraction: null })
      return { ...shared, fromCache: true }
    }
  }
  const fresh = generateFresh(engine, job, hooks, providerId, cut, key)
  engine.inflight.set(key, fresh)
  try {
    return await fresh
  } finally {
    if (engine.inflight.get(key) === fresh) engine.inflight.delete(key)
  }
}

async function generateFresh(
  engine: ChunkEngine,
  job: ChunkJob,
  hooks: ChunkHooks,
  providerId: ProviderId,
  cut: { path: string; sha256: string } | null,
  key: string,
): Promise<ChunkResult> {
  const provider = engine.providers.get(providerId)
  const base = { provider: providerId, seed: job.seed }
  const request: ProviderRequest = {
    mode: job.mode,
    ...(cut ? { videoPath: cut.path } : {}),
    ...job.params,
    seed: job.seed,
    durationSec: job.durationSec,
  }
  const connection = await engine.connect(providerId)
  const tmpDir = join(job.workDir, `t${job.takeIndex}-c${job.chunkIndex}-${providerId}`)
  await mkdir(tmpDir, { recursive: true })
  let requestId: string | null = null
  // `release` frees the provider's slot once the provider has finished the job (only our download is left).
  const context = (signal: AbortSignal, release: () => void = () => undefined): ProviderContext => ({
    ...connection,
    signal,
    tmpDir,
    onProgress: (p) => {
      if (p.stage === 'downloading') release()
      hooks.onState(unitFromProvider(p))
    },
    onSubmitted: async (id) => {
      requestId = id
      await engine.journal.record({
        jobId: job.jobId,
        segmentKey: job.segmentKey,
        segmentId: job.segmentId,
        takeIndex: job.takeIndex,
        chunkIndex: job.chunkIndex,
        seed: job.seed,
        ...(job.takeSeed !== job.seed ? { takeSeed: job.takeSeed } : {}),
        provider: providerId,
        requestId: id,
        cacheKey: key,
        durationSec: job.durationSec,
      })
    },
  })

  const pending = engine.journal.findPending(key)
  const result = await engine.queue
    .run(
      providerId,
      async (signal, release): Promise<GenerateResult> => {
        if (pending) {
          requestId = pending.requestId
          hooks.onMessage(`Resuming ${provider.label} request ${pending.requestId} (already paid for).`)
          try {
            return await provider.resume(pending.requestId, context(signal))
          } catch (error) {
            if (signal.aborted || (isAppError(error) && error.code === 'CANCELLED')) throw error
            // The old request is gone or failed at the provider: a new one does not pay twice.
            await engine.journal.fail(pending.requestId, errorText(error))
            hooks.onMessage(`${provider.label} could not resume request ${pending.requestId}; submitting it again.`)
          }
        }
        return provider.generate(request, context(signal, release))
      },
      {
        signal: hooks.signal,
        onPosition: (position) => hooks.onState({ stage: 'queued', fraction: null, queuePosition: position }),
      },
    )
    .catch(async (error: unknown) => {
      // A cancelled request stays 'pending': the provider may still finish it, and the next identical run resumes it.
      const cancelled = hooks.signal.aborted || (isAppError(error) && error.code === 'CANCELLED')
      if (requestId && !cancelled) await engine.journal.fail(requestId, errorText(error))
      throw error
    })

  hooks.onState({ stage: 'downloading', fraction: 1 })
  const { cutting } = (await engine.afterCuts?.(TAKE_WAITS_FOR_CUTS_MS, hooks.signal)) ?? { cutting: false }
  const normalisedPath = join(tmpDir, 'normalised.wav')
  let integratedLufs: number | null
  try {
    ;({ integratedLufs } = await normaliseResult(engine.runner, {
      inputPath: result.file,
      outputPath: normalisedPath,
      durationSec: job.durationSec,
      signal: hooks.signal,
      lowPriority: cutting,
    }))
  } catch (error) {
    if (!hooks.signal.aborted) await engine.journal.fail(result.requestId, errorText(error))
    throw error
  }
  // The file is stored before the journal entry is closed: a crash in between resumes and re-downloads.
  const stored = await engine.cache.put(key, normalisedPath)
  await engine.journal.complete(result.requestId, stored)
  await rm(tmpDir, { recursive: true, force: true })
  hooks.onState({ stage: 'done', fraction: null })
  return { ...base, path: stored, requestId: result.requestId, fromCache: false, integratedLufs }
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}

export function missingKeyError(label: string, hint: string): AppError {
  return new AppError('PROVIDER_AUTH', `No API key is set for ${label}. ${hint}`)
}
