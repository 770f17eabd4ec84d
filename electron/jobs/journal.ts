// The persisted record of every request a provider has accepted, so a crash or quit never pays twice:
// an entry is written (temp + rename) the moment the provider accepts a request, before any polling; a restart
// finds it 'pending' and resumes polling the SAME request id. An entry is closed ('done') only after the
// result's file is stored, so a finished take is never lost between download and bookkeeping.
import { readFile, rename } from 'node:fs/promises'
import { z } from 'zod'
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
  submittedAt: z.string(),
  updatedAt: z.string(),
})
export type JournalEntry = z.infer<typeof JournalEntry>

const JournalFile = z.object({ version: z.literal(1), entries: z.array(JournalEntry) })

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
   * The seed take `takeIndex` had in the newest interrupted job (one with requests still pending) for this
   * segment request, so a rerun resumes and reuses that job's requests instead of rolling new seeds.
   */
  resumableSeed(segmentKey: string, takeIndex: number): number | undefined
  record(entry: NewJournalEntry): Promise<void>
  complete(requestId: string, resultPath: string): Promise<void>
  fail(requestId: string, reason: string): Promise<void>
}

/** PURE: what the file keeps — every pending entry, and the newest closed ones. */
export function compactEntries(entries: readonly JournalEntry[], maxClosed = MAX_CLOSED_ENTRIES): JournalEntry[] {
  const closed = entries.filter((e) => e.status !== 'pending')
  const dropped = new Set(closed.slice(0, Math.max(0, closed.length - maxClosed)))
  return entries.filter((e) => !dropped.has(e))
}

const identity = (e: JournalEntry): string => `${e.provider}:${e.requestId}`
const rank = (e: JournalEntry): number => (e.status === 'pending' ? 0 : 1)

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

async function readEntries(path: string): Promise<JournalEntry[]> {
  const parsed = JournalFile.safeParse(JSON.parse(await readFile(path, 'utf8')))
  if (!parsed.success) throw new Error('journal has an unknown shape')
  return parsed.data.entries
}

/**
 * Reads the journal at `path` (missing = empty). An unreadable file is moved aside to `<path>.corrupt-<time>`
 * rather than overwritten, and the journal starts empty.
 */
export async function openJournal(path: string, now: () => Date = () => new Date()): Promise<Journal> {
  let entries: JournalEntry[] = []
  try {
    entries = await readEntries(path)
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
      const onDisk = await readEntries(path).catch(() => [])
      entries = compactEntries(mergeEntries(entries, onDisk))
      await writeFileAtomically(path, JSON.stringify({ version: 1, entries }, null, 1))
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
      const ofSegment = entries.filter((e) => e.segmentKey === segmentKey)
      const interrupted = ofSegment.filter((e) => e.status === 'pending').at(-1)?.jobId
      const entry = ofSegment.find((e) => e.jobId === interrupted && e.takeIndex === takeIndex)
      return entry ? (entry.takeSeed ?? entry.seed) : undefined
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
