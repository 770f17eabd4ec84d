// Generation of one segment: chunk plan → per chunk one prepared cut (shared by all takes) → per take × chunk:
// cache, journal-resume or queue slot + provider → normalise → per take: join → Take objects.
// All units run in parallel, limited per provider by the queue. Every dependency is injected (plain Node).
import { randomUUID } from 'node:crypto'
import { mkdir } from 'node:fs/promises'
import { setMaxListeners } from 'node:events'
import { planChunks, type ChunkPlan } from '../../shared/domain/chunks'
import { AppError } from '../../shared/domain/errors'
import type { CostEstimate, GenerationRequest } from '../../shared/domain/generation'
import type { ProviderId } from '../../shared/domain/ids'
import type { Take } from '../../shared/domain/project'
import type { FfmpegRunner } from '../media/ffmpeg/run'
import { isInsideFolder, nodeRealpath } from '../media/allowList'
import { removeScratch, scratchDir } from '../media/leftovers'
import {
  PROVIDER_START_RATE,
  providerOrder,
  resolveBaseUrl,
  resolveConcurrency,
  type Env,
  type ProviderRegistry,
  type ProviderSettingsView,
} from '../providers/registry'
import type { ProviderContext } from '../providers/types'
import { createTakeCache } from './cache'
import { chunkCuts, cutSpecsFor } from './chunkCuts'
import { estimateCost } from './cost'
import { missingKeyError, produceChunk, type ChunkEngine, type ChunkJob, type ChunkResult } from './generateChunk'
import { aggregate, type GenerateUpdate, type UnitState } from './generateProgress'
import { createProgressThrottle } from './progressThrottle'
import { openJournal } from './journal'
import { createPrepareAhead } from './prepareAhead'
import { createKeyedQueue } from './queue'
import { resumePendingRequests } from './resumePending'
import {
  chunkLeadSec,
  chunkWindowSec,
  cutsInRange,
  joinPlanFor,
  segmentKey,
  validateSegment,
} from './generationRequest'
import { SEED_MAX, takeSeeds } from './seeds'
import { assembleTake, madeByPlan, readManifest } from './takeFiles'
import { createUploadCuts } from './uploadCuts'

export interface GenerateDirs {
  /** Scratch space for cuts and downloads; each job's folder is removed when it ends. */
  work: string
  /** The content-addressed chunk store. */
  cache: string
  /** Where finished takes (WAV + chunk manifest) are written. */
  takes: string
  /** The journal file. */
  journal: string
}

export interface GenerateServiceDeps {
  runner: FfmpegRunner
  providers: ProviderRegistry
  /** The key for a provider (secret store in the app, env in the CLI); null when none is set. */
  apiKey: (id: ProviderId) => Promise<string | null> | string | null
  /** The sentence after "No API key is set for X." (where to set it). */
  missingKeyHint?: (id: ProviderId) => string
  /** Live settings (base URLs, concurrency, fallback order); the CLI passes what it has. */
  settings: () => ProviderSettingsView | null
  env?: Env
  dirs: GenerateDirs
  fetch?: typeof fetch
  sleep?: ProviderContext['sleep']
  pollIntervalMs?: number
  now?: () => Date
  random?: () => number
  newId?: () => string
  /** Parallel ffmpeg cuts (default 2). */
  cutConcurrency?: number
  /** Raises a background cut's process to normal priority (tests inject a refusal). */
  raisePriority?: (pid: number) => boolean
  /** The chunk cache's size limit in bytes (read at each put: a setting); unlimited when absent. */
  cacheLimitBytes?: () => number
}

export interface GenerateRunOptions {
  signal?: AbortSignal
  onUpdate?: (update: GenerateUpdate) => void
  /** The id journal entries are filed under (a generation job passes the job registry's). */
  jobId?: string
}

/**
 * PURE: the sentence for a cancelled run. Requests a provider accepted and cannot be told to stop (its protocol
 * has no cancel call) may still finish and be charged; they stay in the journal, so the same generation run
 * again collects them instead of paying twice. Say so, naming the provider.
 */
export function cancelledMessage(unstoppable: ReadonlyArray<{ label: string }>): string {
  if (unstoppable.length === 0) return 'Cancelled.'
  const labels = [...new Set(unstoppable.map((u) => u.label))]
  const who = labels.length === 1 ? `${labels[0]} has` : `${labels.join(' and ')} have`
  const owner = labels.length === 1 ? 'it' : 'they'
  const what =
    unstoppable.length === 1
      ? `a request ${owner} had already accepted`
      : `${unstoppable.length} requests ${owner} had already accepted`
  const they = unstoppable.length === 1 ? 'it' : 'they'
  return `Cancelled. ${who} no way to stop ${what}, so ${they} may still finish and be charged; generating the same segment again collects the result instead of paying twice.`
}

export function createGenerateService(deps: GenerateServiceDeps) {
  const now = deps.now ?? (() => new Date())
  const newId = deps.newId ?? randomUUID
  const env = deps.env ?? {}
  const journalReady = openJournal(deps.dirs.journal, now)
  const cache = createTakeCache(deps.dirs.cache, deps.cacheLimitBytes ? { limitBytes: deps.cacheLimitBytes } : {})
  const queue = createKeyedQueue<ProviderId>((id) => resolveConcurrency(deps.providers.get(id), deps.settings(), env), {
    rateFor: (id) => PROVIDER_START_RATE[id] ?? null,
  })
  const cuts = createUploadCuts({
    runner: deps.runner,
    cache,
    concurrency: () => deps.cutConcurrency ?? 2,
    ...(deps.raisePriority ? { raise: deps.raisePriority } : {}),
  })
  const ahead = createPrepareAhead(cuts)
  const inflight: ChunkEngine['inflight'] = new Map()
  /** Segment keys with a run going on in this process: a second run of one rolls its own seeds. */
  const live = new Map<string, number>()

  async function engine(): Promise<ChunkEngine> {
    return {
      providers: deps.providers,
      queue,
      cache,
      journal: await journalReady,
      runner: deps.runner,
      inflight,
      async afterCuts(maxWaitMs, signal) {
        const waited = AbortSignal.any([signal, AbortSignal.timeout(maxWaitMs)])
        await Promise.race([
          cuts.whenIdle(),
          new Promise<void>((resolve) => waited.addEventListener('abort', () => resolve(), { once: true })),
        ])
        const c = cuts.stats()
        return { cutting: c.runningNow > 0 || c.waitingNow > 0 }
      },
      async connect(id) {
        const apiKey = await deps.apiKey(id)
        if (!apiKey)
          throw missingKeyError(deps.providers.get(id).label, deps.missingKeyHint?.(id) ?? 'Add it in Settings.')
        return {
          apiKey,
          baseUrl: resolveBaseUrl(id, deps.settings(), env),
          fetch: deps.fetch ?? globalThis.fetch,
          ...(deps.sleep ? { sleep: deps.sleep } : {}),
          ...(deps.pollIntervalMs !== undefined ? { pollIntervalMs: deps.pollIntervalMs } : {}),
        }
      },
    }
  }

  function planFor(request: GenerationRequest): { plan: ChunkPlan; mode: 'video' | 'text' } {
    const { mode, durationSec } = validateSegment(request, deps.providers.get(request.params.provider))
    const windowSec = chunkWindowSec(request.params.windowSec, deps.providers.get(request.params.provider).capabilities)
    return {
      mode,
      plan: planChunks(durationSec, {
        windowSec,
        crossfadeSec: Math.min(request.crossfadeSec ?? 1, windowSec / 2),
        cutsSec: cutsInRange(request),
      }),
    }
  }

  /** The chosen provider, then configured fallbacks that can do this mode and have a key. */
  async function orderFor(request: GenerationRequest, mode: 'video' | 'text'): Promise<ProviderId[]> {
    const supports = (id: ProviderId): boolean => {
      const c = deps.providers.get(id).capabilities
      return mode === 'video' ? c.videoToAudio : c.textToAudio
    }
    const order = providerOrder(request.params.provider, deps.settings()?.fallbackOrder ?? [], supports)
    const keyed = await Promise.all(order.map(async (id, i) => i === 0 || (await deps.apiKey(id)) !== null))
    return order.filter((_, i) => keyed[i])
  }

  const cutsFor = (
    request: GenerationRequest,
    plan: ChunkPlan,
    workDir: string,
    signal: AbortSignal,
    chunks?: readonly number[],
  ) => chunkCuts({ cuts, request, plan, workDir, signal, ...(chunks ? { chunks } : {}) })

  async function run(
    request: GenerationRequest,
    options: GenerateRunOptions = {},
  ): Promise<{ takes: Take[]; estimate: CostEstimate; plan: ChunkPlan }> {
    const { plan, mode } = planFor(request)
    const eng = await engine()
    const jobId = options.jobId ?? newId()
    const controller = new AbortController()
    // Every chunk's cut, upload, submit and status watch listens to this signal: a long segment has far more of
    // them than Node's leak-warning threshold of 10, and all are removed as they end.
    setMaxListeners(0, controller.signal)
    const stop = (): void => controller.abort()
    options.signal?.addEventListener('abort', stop, { once: true })
    if (options.signal?.aborted) stop()
    const signal = controller.signal
    const workDir = scratchDir(deps.dirs.work, jobId)
    await mkdir(workDir, { recursive: true })
    await mkdir(deps.dirs.takes, { recursive: true })

    const throttle = createProgressThrottle(options.onUpdate ?? (() => undefined))
    let liveKey: string | null = null
    try {
      const order = await orderFor(request, mode)
      const key = await segmentKey(request, mode, plan)
      const journal = eng.journal
      // Seeds of takes an unfinished earlier run paid for come back (unless that run is still going here).
      const resumable = !live.has(key)
      const seeds = takeSeeds(request.params.seed, request.params.takes, {
        ...(deps.random ? { random: deps.random } : {}),
        reuse: (i) => (resumable ? journal.resumableSeed(key, i) : undefined),
      })
      live.set(key, (live.get(key) ?? 0) + 1)
      liveKey = key
      journal.noteRequest(key, request.segmentId ?? null, request)
      const units: UnitState[] = []
      const update = (): void => throttle.push(aggregate(units))
      const cutFor = cutsFor(request, plan, workDir, signal)

      const takes = await Promise.all(
        seeds.map(async (seed, takeIndex) => {
          const chunks = await Promise.all(
            plan.chunks.map((chunk) => {
              const unit = units.push({ stage: 'preparing', fraction: null }) - 1
              const job: ChunkJob = {
                jobId,
                segmentKey: key,
                segmentId: request.segmentId ?? null,
                takeIndex,
                chunkIndex: chunk.index,
                // Text has no picture to tell chunks apart: each gets its own seed, or they would all sound alike.
                seed: mode === 'text' ? (seed + chunk.index) % (SEED_MAX + 1) : seed,
                takeSeed: seed,
                mode,
                params: request.params,
                durationSec: chunk.endSec - chunk.startSec + chunkLeadSec(request, chunk),
                cut: () => cutFor(chunk.index),
                providerOrder: order,
                workDir,
              }
              return produceChunk(eng, job, {
                signal,
                onState: (s) => {
                  units[unit] = s
                  update()
                },
                onMessage: (message) => throttle.push({ ...aggregate(units), message }, true),
              })
            }),
          ).catch((error: unknown) => {
            stop() // one failure stops the rest: what was already paid for is in the cache and the journal
            throw error
          })
          return assembleTake(deps.runner, {
            takeId: newId(),
            takesDir: deps.dirs.takes,
            plan: joinPlanFor(request, plan),
            chunks,
            seed,
            createdAt: now().toISOString(),
            signal,
          })
        }),
      )
      await journal.closeTakes(
        key,
        seeds.map((_, i) => i),
      )
      throttle.push({ stage: 'mixing', progress: 1 }, true)
      return {
        takes,
        plan,
        estimate: estimateCost(plan, request.params.takes, deps.providers.get(request.params.provider).capabilities),
      }
    } catch (error) {
      if (options.signal?.aborted) {
        const unstoppable = eng.journal
          .entries()
          .filter((e) => e.jobId === jobId && e.status === 'pending' && !deps.providers.get(e.provider).canCancel)
          .map((e) => deps.providers.get(e.provider))
        throw new AppError('CANCELLED', cancelledMessage(unstoppable))
      }
      throw error
    } finally {
      options.signal?.removeEventListener('abort', stop)
      if (liveKey) {
        const left = (live.get(liveKey) ?? 1) - 1
        if (left > 0) live.set(liveKey, left)
        else live.delete(liveKey)
      }
      await removeScratch(workDir)
    }
  }

  /** Generates chunk `chunkIndex` of an existing take again with a new seed, and re-joins it into a new take. */
  async function regenerateChunk(
    input: { request: GenerationRequest; take: Take; chunkIndex: number; seed?: number },
    options: GenerateRunOptions = {},
  ): Promise<Take> {
    const { plan, mode } = planFor(input.request)
    const chunk = plan.chunks[input.chunkIndex]
    if (!chunk)
      throw new AppError(
        'BAD_INPUT',
        `This segment has ${plan.chunks.length} chunks; there is no chunk ${input.chunkIndex + 1}.`,
      )
    const manifest = await readManifest(input.take)
    if (!madeByPlan(manifest, plan)) {
      throw new AppError('BAD_INPUT', 'The segment changed since this take was made; generate a new take instead.')
    }
    // The other chunks are re-joined from the chunk cache: only from there (a chunk list that came with a
    // project could name any file), and only while they are still cached.
    const cacheReal = nodeRealpath(deps.dirs.cache)
    for (const [i, chunk] of manifest.chunks.entries()) {
      if (i === input.chunkIndex) continue
      const real = nodeRealpath(chunk.path)
      if (real === null) {
        throw new AppError(
          'NOT_FOUND',
          `Chunk ${i + 1} of this take is no longer in the chunk cache (it keeps only so much; see Settings), so one chunk cannot be regenerated alone. Generate the take again.`,
        )
      }
      if (cacheReal === null || !isInsideFolder(real, cacheReal)) {
        throw new AppError(
          'FORBIDDEN',
          'This take’s chunk list names files outside MMAudio Studio’s chunk cache, so it is not used. Generate the take again.',
        )
      }
    }
    const eng = await engine()
    const jobId = options.jobId ?? newId()
    const signal = options.signal ?? new AbortController().signal
    const workDir = scratchDir(deps.dirs.work, jobId)
    await mkdir(workDir, { recursive: true })
    try {
      const old = manifest.chunks[input.chunkIndex]!
      const [seed] =
        input.seed !== undefined
          ? [input.seed]
          : takeSeeds(null, 1, { ...(deps.random ? { random: deps.random } : {}) })
      const fresh = seed === old.seed ? (seed! + 1) % (SEED_MAX + 1) : seed!
      const throttle = createProgressThrottle(options.onUpdate ?? (() => undefined))
      const units: UnitState[] = [{ stage: 'preparing', fraction: null }]
      const chunkKey = `${await segmentKey(input.request, mode, plan)}:chunk`
      const result = await produceChunk(
        eng,
        {
          // Its own namespace: an interrupted regeneration must not hand its seed to a later whole-segment run.
          jobId,
          segmentKey: chunkKey,
          segmentId: input.request.segmentId ?? null,
          takeIndex: 0,
          chunkIndex: chunk.index,
          seed: fresh,
          takeSeed: manifest.seed,
          mode,
          params: input.request.params,
          durationSec: chunk.endSec - chunk.startSec + chunkLeadSec(input.request, chunk),
          cut: () => cutsFor(input.request, plan, workDir, signal, [chunk.index])(chunk.index),
          providerOrder: await orderFor(input.request, mode),
          workDir,
        },
        {
          signal,
          onState: (s) => {
            units[0] = s
            throttle.push(aggregate(units))
          },
          onMessage: (message) => throttle.push({ ...aggregate(units), message }, true),
        },
      )
      await eng.journal.closeTakes(chunkKey, [0])
      const chunks: ChunkResult[] = manifest.chunks.map((c, i) =>
        i === input.chunkIndex ? result : { ...c, fromCache: true },
      )
      return await assembleTake(deps.runner, {
        takeId: newId(),
        takesDir: deps.dirs.takes,
        plan: joinPlanFor(input.request, plan),
        chunks,
        seed: manifest.seed,
        createdAt: now().toISOString(),
        signal,
      })
    } finally {
      await removeScratch(workDir)
    }
  }

  return {
    run,
    regenerateChunk,
    /**
     * A segment was marked or its range changed: its upload cuts are made in the background, replacing what was
     * being prepared for it, so a Generate of it uploads at once. A text-only request (or null) prepares nothing.
     */
    prepare(segmentId: string, request: GenerationRequest | null): { cuts: number } {
      const specs = request ? cutSpecsFor(request, planFor(request).plan) : []
      ahead.prepare(segmentId, specs)
      return { cuts: specs.length }
    },
    /** Upload cuts being made or waiting (tests, the bench). */
    cutStats: () => ({ ...cuts.stats(), preparing: ahead.pending() }),
    /** What a request will cost before anything is sent; a bad request is refused here (BAD_INPUT). */
    estimate(request: GenerationRequest): CostEstimate {
      const { plan } = planFor(request)
      return estimateCost(plan, request.params.takes, deps.providers.get(request.params.provider).capabilities)
    },
    /**
     * Segment requests a crash, quit, cancel or failure left unfinished, newest first. Running one again with
     * run() resumes its accepted requests, takes finished ones from the cache, and keeps its takes' seeds.
     */
    async interrupted(): Promise<Array<{ segmentId: string | null; request: GenerationRequest }>> {
      return (await journalReady).interrupted().map((r) => ({ segmentId: r.segmentId, request: r.request }))
    },
    /** After a crash or quit: finish every journalled request (same ids, nothing submitted) into the cache. */
    async resumePending(options: { signal?: AbortSignal } = {}): Promise<{ resumed: number; failed: number }> {
      return resumePendingRequests(await engine(), scratchDir(deps.dirs.work, `resume-${newId()}`), options.signal)
    },
  }
}

export type GenerateService = ReturnType<typeof createGenerateService>
