// The persisted record of every request a provider has accepted, so a crash or quit never pays twice:
// an entry is written (temp + rename) the moment the provider accepts a request, before any polling; a restart
// finds it 'pending' and resumes polling the SAME request id. An entry is closed ('done') only after the
// result's file is stored, so a finished take is never lost between download and bookkeeping.
import { readFile, rename } from 'node:fs/promises'
import { z } from 'zod'
import { GenerationRequest } from '../../shared/domain/generation'
import { ProviderId } from '../../shared/domain/ids'
import { writeFileAtomically } from '../media/atomicOutput'

export const JournalEntry = z.object({
  jobId: z.string(),
  /** Identity of the segment request (source, range, parameters except the seed): finds a take's seed again. */
  segmentKey: z.string(),
  segmentId: z.string().nullable(),
  takeIndex: z.number().int().nonnegative(),
  chunkIndex: z.number().int().nonnegative(),
  /** The seed this request was made with. */
  seed: z.number().int(),
  /** The take's seed, when a chunk's differs from it (text chunks use seed + chunk index). */
  takeSeed: z.number().int().optional(),
  provider: ProviderId,
  requestId: z.string().min(1),
  cacheKey: z.string(),
  durationSec: z.number().positive(),
  status: z.enum(['pending', 'done', 'failed']),
  /** The stored result, once done. */
  resultPath: z.string().optional(),
  /** Why it was given up, when failed. */
  reason: z.string().optional(),
  /** A run that included this take finished: its seed is no longer offered for resuming. */
  takeClosed: z.boolean().optional(),
  submittedAt: z.string(),
  updatedAt: z.string(),
})
export type JournalEntry = z.infer<typeof JournalEntry>

/** The request a segment was generated with, so an interrupted one can be offered and run again. */
export const JournalRequest = z.object({
  segmentKey: z.string(),
  segmentId: z.string().nullable(),
  request: GenerationRequest,
  updatedAt: z.string(),
})
export type JournalRequest = z.infer<typeof JournalRequest>

/**
 * PURE: the stored requests this version can read. One it cannot (written by another version, or edited) is
 * left out: it is only an offer to run again, while the file's entries are what was paid for and must not be
 * lost with it.
 */
export function readableRequests(stored: readonly unknown[]): JournalRequest[] {
  return stored.flatMap((r) => {
    const parsed = JournalRequest.safeParse(r)
    return parsed.success ? [parsed.data] : []
  })
}

const JournalFile = z.object({
  version: z.literal(1),
  entries: z.array(JournalEntry),
  requests: z.array(z.unknown()).default([]).transform(readableRequests),
})
type JournalState = { entries: JournalEntry[]; requests: JournalRequest[] }

export type NewJournalEntry = Omit<JournalEntry, 'status' | 'resultPath' | 'reason' | 'submittedAt' | 'updatedAt'>

/** Closed entries kept for the record; older ones are dropped when the file is rewritten. */
const MAX_CLOSED_ENTRIES = 500

export interface Journal {
  readonly path: string
  entries(): readonly JournalEntry[]
  pending(): JournalEntry[]
  /** An accepted, unfinished request that would produce exactly this cache entry. */
  findPending(cacheKey: string): JournalEntry | undefined
  /**
   * The seed of take `takeIndex` of this segment request when a run that had it never finished (crash, quit,
   * cancel, failure): a rerun takes it again, so what was paid for is resumed or found in the cache.
   */
  resumableSeed(segmentKey: string, takeIndex: number): number | undefined
  /** Segment requests with takes left open by a run that never finished, newest first. */
  interrupted(): JournalRequest[]
  /**
   * Remembers the request behind a segment key (written with the next entry), as it will read back: one the
   * contract cannot carry (the CLI's requests are not checked by it) is not remembered, so never offered.
   */
  noteRequest(segmentKey: string, segmentId: string | null, request: GenerationRequest): void
  /** A run finished these takes: their seeds are no longer offered for resuming. */
  closeTakes(segmentKey: string, takeIndexes: readonly number[]): Promise<void>
  record(entry: NewJournalEntry): Promise<void>
  complete(requestId: string, resultPath: string): Promise<void>
  fail(requestId: string, reason: string): Promise<void>
}

const isFinished = (e: JournalEntry): boolean => e.status !== 'pending' && e.takeClosed === true

/** PURE: what the file keeps — every entry still of use, the newest finished ones, and their requests. */
export function compactState(state: JournalState, maxClosed = MAX_CLOSED_ENTRIES): JournalState {
  const finished = state.entries.filter(isFinished)
  const dropped = new Set(finished.slice(0, Math.max(0, finished.length - maxClosed)))
  const entries = state.entries.filter((e) => !dropped.has(e))
  const open = new Set(entries.filter((e) => !isFinished(e)).map((e) => e.segmentKey))
  return { entries, requests: state.requests.filter((r) => open.has(r.segmentKey)) }
}

const identity = (e: JournalEntry): string => `${e.provider}:${e.requestId}`
const rank = (e: JournalEntry): number => (e.status === 'pending' ? 0 : 1) + (e.takeClosed ? 2 : 0)

/**
 * PURE: our entries merged with those another process wrote to the same file meanwhile (the app and a CLI run,
 * or two CLI runs): each request once; a closed entry wins over a pending one, then the later update; ours on a tie.
 */
export function mergeEntries(ours: readonly JournalEntry[], theirs: readonly JournalEntry[]): JournalEntry[] {
  const byId = new Map(ours.map((e) => [identity(e), e]))
  const order = ours.map(identity)
  for (const t of theirs) {
    const o = byId.get(identity(t))
    if (!o) {
      byId.set(identity(t), t)
      order.push(identity(t))
    } else if (rank(t) > rank(o) || (rank(t) === rank(o) && t.updatedAt > o.updatedAt)) {
      byId.set(identity(t), t)
    }
  }
  return order.map((id) => byId.get(id)!)
}

/** PURE: requests merged by segment key, the newer winning. */
export function mergeRequests(ours: readonly JournalRequest[], theirs: readonly JournalRequest[]): JournalRequest[] {
  const byKey = new Map(ours.map((r) => [r.segmentKey, r]))
  for (const t of theirs) {
    const o = byKey.get(t.segmentKey)
    if (!o || t.updatedAt > o.updatedAt) byKey.set(t.segmentKey, t)
  }
  return [...byKey.values()]
}

async function readState(path: string): Promise<JournalState> {
  const parsed = JournalFile.safeParse(JSON.parse(await readFile(path, 'utf8')))
  if (!parsed.success) throw new Error('journal has an unknown shape')
  return parsed.data
}

/**
 * Reads the journal at `path` (missing = empty). An unreadable file is moved aside to `<path>.corrupt-<time>`
 * rather than overwritten, and the journal starts empty.
 */
export async function openJournal(path: string, now: () => Date = () => new Date()): Promise<Journal> {
  let entries: JournalEntry[] = []
  let requests: JournalRequest[] = []
  try {
    ;({ entries, requests } = await readState(path))
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') {
      await rename(path, `${path}.corrupt-${now().getTime()}`).catch(() => undefined)
    }
  }

  // Writes are serialised: each one re-reads the file (another process may share it), merges, and writes the
  // whole state to a temp file renamed into place.
  let writing: Promise<void> = Promise.resolve()
  const persist = (): Promise<void> => {
    writing = writing.catch(() => undefined).then(async () => {
      const onDisk = await readState(path).catch(() => ({ entries: [], requests: [] }))
      const merged = mergeEntries(entries, onDisk.entries)
      const kept = compactState({ entries: merged, requests: mergeRequests(requests, onDisk.requests) })
      // A request noted by a run that has had nothing accepted yet stays in memory for that run's first entry
      // (another segment's write must not drop it); the file keeps only what it needs.
      const awaitingEntries = requests.filter((r) => !merged.some((e) => e.segmentKey === r.segmentKey))
      entries = kept.entries
      requests = [...kept.requests, ...awaitingEntries]
      await writeFileAtomically(path, JSON.stringify({ version: 1, entries, requests: kept.requests }, null, 1))
    })
    return writing
  }

  const close = (requestId: string, patch: Partial<JournalEntry>): Promise<void> => {
    const i = entries.findIndex((e) => e.requestId === requestId && e.status === 'pending')
    if (i < 0) return writing
    entries[i] = { ...entries[i]!, ...patch, updatedAt: now().toISOString() }
    return persist()
  }

  return {
    path,
    entries: () => entries,
    pending: () => entries.filter((e) => e.status === 'pending'),
    findPending: (cacheKey) => entries.find((e) => e.status === 'pending' && e.cacheKey === cacheKey),
    resumableSeed: (segmentKey, takeIndex) => {
      const entry = entries.filter((e) => e.segmentKey === segmentKey && e.takeIndex === takeIndex && !e.takeClosed).at(-1)
      return entry ? (entry.takeSeed ?? entry.seed) : undefined
    },
    interrupted: () => {
      const open = new Set(entries.filter((e) => !e.takeClosed).map((e) => e.segmentKey))
      return requests.filter((r) => open.has(r.segmentKey)).sort((a, b) => (a.updatedAt < b.updatedAt ? 1 : -1))
    },
    noteRequest(segmentKey, segmentId, request) {
      const readable = GenerationRequest.safeParse(request)
      if (!readable.success) return
      const note = { segmentKey, segmentId, request: readable.data, updatedAt: now().toISOString() }
      requests = [...requests.filter((r) => r.segmentKey !== segmentKey), note]
    },
    closeTakes(segmentKey, takeIndexes) {
      let changed = false
      entries = entries.map((e) => {
        if (e.segmentKey !== segmentKey || e.takeClosed || !takeIndexes.includes(e.takeIndex)) return e
        changed = true
        return { ...e, takeClosed: true, updatedAt: now().toISOString() }
      })
      return changed ? persist() : writing
    },
    record(entry) {
      const at = now().toISOString()
      entries = [...entries.filter((e) => !(e.requestId === entry.requestId && e.provider === entry.provider)), { ...entry, status: 'pending', submittedAt: at, updatedAt: at }]
      return persist()
    },
    complete: (requestId, resultPath) => close(requestId, { status: 'done', resultPath }),
    fail: (requestId, reason) => close(requestId, { status: 'failed', reason }),
  }
}
