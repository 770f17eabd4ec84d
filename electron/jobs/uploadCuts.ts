// Upload cuts, each made once and kept in the chunk cache under its source and range. Generate asks for the cuts
// it needs now; the prepare-ahead service asks for cuts a segment will need, at low priority, before Generate is
// pressed. Asking again for a cut being made joins it (a "now" request raises a background one to normal
// priority); a cut nobody waits for any more is cancelled. Cuts of one source whose ranges overlap (the chunks
// of a long segment) are decoded once, in one ffmpeg process that writes each of them.
// "now" cuts run a few at a time (the cores' worth); "ahead" cuts one at a time, at the lowest CPU priority.
import { createHash } from 'node:crypto'
import { stat } from 'node:fs/promises'
import { AppError } from '../../shared/domain/errors'
import { contentHash } from '../media/contentHash'
import type { FocusBox } from '../../shared/domain/focus'
import { UPLOAD_RECIPE } from '../media/ffmpeg/args/uploadCut'
import { type FfmpegRunner, raisePriority } from '../media/ffmpeg/run'
import { type PreparedUpload, prepareUpload, prepareUploadParts } from '../media/prepareUpload'
import { sha256File, type TakeCache } from './cache'

/** One upload: a range of a source as the model will see it. */
export interface CutSpec {
  sourcePath: string
  /** The range of the source the upload shows, [inSec, outSec). */
  inSec: number
  outSec: number
  /** The segment's focus box, when it has one. */
  crop?: FocusBox | null
}

/** A cut in the chunk cache and the sha256 of its bytes (the picture part of a take's cache key). */
export interface PreparedCut {
  path: string
  sha256: string
}

export type CutUrgency = 'now' | 'ahead'

/** Decoding shared by overlapping cuts stops at this many cuts or this long a range, so results keep flowing. */
export const MAX_SHARED_CUTS = 4
export const MAX_SHARED_DECODE_SEC = 32

/**
 * PURE: the key a cut is stored under: what decides its picture — the source's identity (its fast content hash),
 * the range to the microsecond, the focus box and the recipe (UPLOAD_RECIPE).
 */
export function cutKey(spec: CutSpec, sourceHash: string): string {
  const us = (sec: number): number => Math.round(sec * 1e6)
  const crop = spec.crop ? [spec.crop.x, spec.crop.y, spec.crop.w, spec.crop.h] : null
  const canonical = JSON.stringify(['cut', UPLOAD_RECIPE, sourceHash, us(spec.inSec), us(spec.outSec), crop])
  return createHash('sha256').update(canonical).digest('hex')
}

const sameCrop = (a: CutSpec, b: CutSpec): boolean => JSON.stringify(a.crop ?? null) === JSON.stringify(b.crop ?? null)

/**
 * PURE: the cuts that start together with the first one in `line`: those of the same source and focus box whose
 * ranges overlap the range gathered so far (so one decode serves them all), in line order, within
 * MAX_SHARED_CUTS and MAX_SHARED_DECODE_SEC.
 */
export function sharedDecode<T extends CutSpec>(line: readonly T[]): T[] {
  const [head, ...rest] = line
  if (!head) return []
  const group = [head]
  let from = head.inSec
  let to = head.outSec
  let grew = true
  while (grew && group.length < MAX_SHARED_CUTS) {
    grew = false
    for (const c of rest) {
      if (group.includes(c) || group.length >= MAX_SHARED_CUTS) continue
      if (c.sourcePath !== head.sourcePath || !sameCrop(c, head)) continue
      if (!(c.inSec < to && c.outSec > from)) continue
      if (Math.max(to, c.outSec) - Math.min(from, c.inSec) > MAX_SHARED_DECODE_SEC) continue
      group.push(c)
      from = Math.min(from, c.inSec)
      to = Math.max(to, c.outSec)
      grew = true
    }
  }
  return group
}

export interface UploadCutsDeps {
  runner: FfmpegRunner
  cache: TakeCache
  /** "now" cuts at once (read each time one ends). */
  concurrency: () => number
  /** Raises a low-priority process to normal; false when the OS refuses (injected in tests). */
  raise?: (pid: number) => boolean
}

export interface UploadCuts {
  /** One promise per spec: the cut from the cache, joined while being made, or made (at this urgency). */
  request(specs: readonly CutSpec[], options?: { signal?: AbortSignal; urgency?: CutUrgency }): Promise<PreparedCut>[]
  /** Cuts being made (in all, and for someone waiting now) or waiting, by urgency. */
  stats(): { running: number; runningNow: number; waitingNow: number; waitingAhead: number }
  /** Resolves once no cut anyone waits for now is being made or waiting (at once when there is none). */
  whenIdle(): Promise<void>
}

interface Waiter {
  urgency: CutUrgency
  resolve: (cut: PreparedCut) => void
  reject: (error: unknown) => void
}

interface Entry extends CutSpec {
  key: string
  waiters: Set<Waiter>
  attempt: Attempt | null
  /** Requests for the same spec still finding out its key: it is not given up while they may join it. */
  holds: number
}

interface Attempt {
  entries: Entry[]
  low: boolean
  controller: AbortController
  pid: number | null
  /** A "now" request joined this low-priority process: raise it once its pid is known. */
  wantsRaise: boolean
  /** It was raised: someone waits for it now, though it runs in the background's slot. */
  raised: boolean
  /** Its ffmpeg is done (its slot is free): nothing left to raise. */
  ended: boolean
  /** Raising was refused: it is stopped and its cuts go back to the front of the "now" line. */
  restart: boolean
}

const cancelled = (): AppError => new AppError('CANCELLED', 'Cancelled.')
const specId = (s: CutSpec): string => JSON.stringify([s.sourcePath, s.inSec, s.outSec, s.crop ?? null])

export function createUploadCuts(deps: UploadCutsDeps): UploadCuts {
  const raise = deps.raise ?? ((pid: number) => raisePriority(pid))
  const entries = new Map<string, Entry>()
  const bySpec = new Map<string, Entry>()
  const forget = (e: Entry): void => {
    entries.delete(e.key)
    if (bySpec.get(specId(e)) === e) bySpec.delete(specId(e))
  }
  const nowLine: Entry[] = []
  const aheadLine: Entry[] = []
  let runningNow = 0
  let runningAhead = 0
  /** Background processes raised because a "now" request joined them: someone waits for them too. */
  let runningRaised = 0
  let pumpQueued = false
  let idleWaiters: Array<() => void> = []
  const busyNow = (): boolean => runningNow > 0 || runningRaised > 0 || nowLine.length > 0
  function tellIfIdle(): void {
    if (busyNow() || idleWaiters.length === 0) return
    const waiting = idleWaiters
    idleWaiters = []
    for (const resolve of waiting) resolve()
  }

  // The fast content hash of each source, per version of the file (size and mtime), so the chunks of a segment
  // (and every segment of one clip) read its 2 MiB once.
  const hashes = new Map<string, Promise<string>>()
  async function sourceHash(path: string): Promise<string> {
    const info = await stat(path)
    const version = `${path}\0${info.size}\0${info.mtimeMs}`
    let hash = hashes.get(version)
    if (!hash) {
      if (hashes.size > 256) hashes.clear()
      hash = contentHash(path)
      hashes.set(version, hash)
      hash.catch(() => hashes.delete(version))
    }
    return hash
  }

  const remove = (line: Entry[], entry: Entry): boolean => {
    const i = line.indexOf(entry)
    if (i >= 0) line.splice(i, 1)
    return i >= 0
  }

  function schedule(): void {
    if (pumpQueued) return
    pumpQueued = true
    // After the current turn, so cuts asked for together (a segment's chunks) are grouped together.
    setImmediate(() => {
      pumpQueued = false
      pump()
    })
  }

  function pump(): void {
    while (runningNow < Math.max(1, deps.concurrency()) && nowLine.length > 0) {
      // Overlapping cuts waiting in the background line join a "now" decode: they come for free.
      const group = sharedDecode([...nowLine, ...aheadLine])
      start(group, false)
    }
    if (runningAhead < 1 && aheadLine.length > 0) start(sharedDecode(aheadLine), true)
  }

  function start(group: Entry[], low: boolean): void {
    const attempt: Attempt = {
      entries: group,
      low,
      controller: new AbortController(),
      pid: null,
      wantsRaise: false,
      raised: false,
      ended: false,
      restart: false,
    }
    for (const e of group) {
      remove(nowLine, e) || remove(aheadLine, e)
      e.attempt = attempt
    }
    if (low) runningAhead++
    else runningNow++
    // The slot is free once ffmpeg is done: storing and hashing its result need no more than a moment of it.
    const free = (): void => {
      if (attempt.ended) return
      attempt.ended = true
      if (low) runningAhead--
      else runningNow--
      if (attempt.raised) runningRaised--
      schedule()
      tellIfIdle()
    }
    void run(attempt, free).finally(free)
  }

  async function run(attempt: Attempt, free: () => void): Promise<void> {
    const { entries: group, controller } = attempt
    const first = group[0]!
    const options = {
      signal: controller.signal,
      lowPriority: attempt.low,
      onSpawn: (pid: number) => {
        attempt.pid = pid
        if (attempt.wantsRaise) raiseOrRestart(attempt)
      },
      ...(first.crop ? { crop: first.crop } : {}),
    }
    let results: Array<PreparedUpload | Error>
    try {
      results =
        group.length === 1
          ? [
              await prepareUpload(deps.runner, {
                ...options,
                sourcePath: first.sourcePath,
                inSec: first.inSec,
                outSec: first.outSec,
                outputPath: deps.cache.pathFor(first.key, 'cut'),
              }),
            ]
          : await prepareUploadParts(deps.runner, {
              ...options,
              sourcePath: first.sourcePath,
              parts: group.map((e) => ({
                inSec: e.inSec,
                outSec: e.outSec,
                outputPath: deps.cache.pathFor(e.key, 'cut'),
              })),
            })
    } catch (error) {
      results = group.map(() => (error instanceof Error ? error : new Error(String(error))))
    }
    free()
    await Promise.all(
      group.map(async (e, i) => {
        const result = results[i]!
        try {
          if (result instanceof Error) throw result
          const path = await deps.cache.added(e.key, 'cut')
          settle(e, { path, sha256: await sha256File(path) })
        } catch (error) {
          // Stopped by us (nobody wanted it, or to start again at normal priority): whoever asked for it since
          // gets it from a new attempt.
          if (controller.signal.aborted) requeue(e, attempt.restart)
          else settle(e, null, error)
        }
      }),
    )
  }

  function requeue(e: Entry, front: boolean): void {
    e.attempt = null
    if (e.waiters.size === 0) {
      forget(e)
      return
    }
    const line = front || [...e.waiters].some((w) => w.urgency === 'now') ? nowLine : aheadLine
    if (front) line.unshift(e)
    else line.push(e)
  }

  function settle(e: Entry, cut: PreparedCut | null, error?: unknown): void {
    forget(e)
    e.attempt = null
    for (const w of e.waiters) {
      if (cut) w.resolve(cut)
      else w.reject(error)
    }
    e.waiters.clear()
  }

  function raiseOrRestart(attempt: Attempt): void {
    if (!attempt.low || attempt.ended) return
    if (attempt.pid === null) {
      attempt.wantsRaise = true
      return
    }
    if (raise(attempt.pid)) {
      attempt.low = false
      attempt.raised = true
      runningRaised++
      return
    }
    attempt.restart = true
    attempt.controller.abort()
  }

  /** A "now" request for an entry: out of the background line, or its background process raised. */
  function promote(e: Entry): void {
    if (remove(aheadLine, e)) nowLine.push(e)
    else if (e.attempt?.low) raiseOrRestart(e.attempt)
  }

  function leave(e: Entry, w: Waiter): void {
    if (!e.waiters.delete(w)) return
    w.reject(cancelled())
    giveUpIfUnwanted(e)
  }

  /** Nobody waits for it (or may be about to): out of its line, or its process stopped once none of its cuts is wanted. */
  function giveUpIfUnwanted(e: Entry): void {
    if (e.waiters.size > 0 || e.holds > 0) return
    if (remove(nowLine, e) || remove(aheadLine, e)) {
      forget(e)
      return
    }
    const attempt = e.attempt
    if (attempt?.entries.every((x) => x.waiters.size === 0 && x.holds === 0)) attempt.controller.abort()
  }

  function join(
    spec: CutSpec,
    key: string,
    urgency: CutUrgency,
    signal: AbortSignal | undefined,
  ): Promise<PreparedCut> {
    let entry = entries.get(key)
    if (!entry) {
      entry = { ...spec, key, waiters: new Set(), attempt: null, holds: 0 }
      entries.set(key, entry)
      bySpec.set(specId(spec), entry)
      ;(urgency === 'now' ? nowLine : aheadLine).push(entry)
    }
    const e = entry
    return new Promise<PreparedCut>((resolve, reject) => {
      const waiter: Waiter = {
        urgency,
        resolve: (cut) => {
          signal?.removeEventListener('abort', onAbort)
          resolve(cut)
        },
        reject: (error) => {
          signal?.removeEventListener('abort', onAbort)
          reject(error)
        },
      }
      const onAbort = (): void => leave(e, waiter)
      e.waiters.add(waiter)
      signal?.addEventListener('abort', onAbort, { once: true })
      if (urgency === 'now') promote(e)
      schedule()
    })
  }

  return {
    request(specs, options = {}) {
      const { signal, urgency = 'now' } = options
      // Cuts of these specs being made now are held until this request has found its keys and joined them.
      const held = specs.flatMap((spec) => bySpec.get(specId(spec)) ?? [])
      for (const e of held) e.holds++
      const found = Promise.all(
        specs.map(async (spec) => {
          const key = cutKey(spec, await sourceHash(spec.sourcePath))
          const path = entries.has(key) ? null : await deps.cache.get(key, 'cut')
          return { spec, key, cut: path ? { path, sha256: await sha256File(path) } : null }
        }),
      )
      // Joined in one go, so the pump sees every cut of this request at once.
      const joined = found
        .then((list) =>
          list.map(({ spec, key, cut }) => {
            if (cut) return Promise.resolve(cut)
            if (signal?.aborted) return Promise.reject(cancelled())
            return join(spec, key, urgency, signal)
          }),
        )
        .finally(() => {
          for (const e of held) {
            e.holds--
            giveUpIfUnwanted(e)
          }
        })
      return specs.map((_, i) => joined.then((all) => all[i]!))
    },
    whenIdle: () =>
      busyNow()
        ? new Promise<void>((resolve) => {
            idleWaiters.push(resolve)
          })
        : Promise.resolve(),
    stats: () => ({
      running: runningNow + runningAhead,
      runningNow,
      waitingNow: nowLine.length,
      waitingAhead: aheadLine.length,
    }),
  }
}
