// What a process leaves behind when it is killed: hidden temp files beside what it was writing (a project, an
// export, a cached chunk) and its scratch folders. Each process notes them in its own ledger file
// (<ledger dir>/<pid>-<start ms>.log: "+path" when made, "-path" when gone), and on start the app and the CLI
// sweep the ledgers of processes that are no longer running (or whose ledger is too old to trust the pid): what
// is still listed there, and named as ours, is removed. Plain Node.
import { appendFileSync, mkdirSync } from 'node:fs'
import { readdir, readFile, rm, stat } from 'node:fs/promises'
import { randomUUID } from 'node:crypto'
import { basename, join } from 'node:path'

/** A ledger untouched for this long is swept even if its pid is running again (pids are reused). */
export const LEDGER_TRUST_MS = 7 * 24 * 3600_000
/** Scratch folders in a work folder with no ledger (older builds) are swept once this old. */
export const UNLEDGERED_SCRATCH_MS = 24 * 3600_000

/** Hidden temp files, as tempPathFor names them: ".<stem>.<pid>-<8 hex>.tmp<ext>". */
const TEMP_NAME = /^\..*\.(\d+)-[0-9a-f]{8}\.tmp(\.[^./\\]+)?$/
/** Scratch folders, as scratchDir names them. */
const SCRATCH_NAME = /^mmaudio-work-(\d+)-[\w-]+$/

/** Is this file or folder one of ours, made by process `pid`? PURE. */
export function isLeftoverOf(path: string, pid: number): boolean {
  const name = basename(path)
  const owner = TEMP_NAME.exec(name)?.[1] ?? SCRATCH_NAME.exec(name)?.[1]
  return owner !== undefined && Number(owner) === pid
}

/** The paths a ledger's lines leave listed ("+a", "+b", "-a" → ["b"]). PURE. */
export function stillListed(ledgerText: string): string[] {
  const listed = new Set<string>()
  for (const line of ledgerText.split('\n')) {
    if (line.startsWith('+')) listed.add(line.slice(1))
    else if (line.startsWith('-')) listed.delete(line.slice(1))
  }
  return [...listed]
}

let ledgerFile: string | null = null

/** From now on this process notes what it leaves behind in `dir`. */
export function openLeftoverLedger(dir: string): void {
  mkdirSync(dir, { recursive: true })
  ledgerFile = join(dir, `${process.pid}-${Date.now()}.log`)
}

function append(line: string): void {
  if (ledgerFile === null) return
  try {
    appendFileSync(ledgerFile, `${line}\n`)
  } catch {
    // A ledger that cannot be written only means a later sweep misses this file.
  }
}

/** A temp file or scratch folder is about to be made. */
export const noteLeftover = (path: string): void => append(`+${path}`)
/** It has been renamed into place or removed. */
export const clearLeftover = (path: string): void => append(`-${path}`)

/** A scratch folder under `parent`, named for this process and noted in the ledger. Create it yourself. */
export function scratchDir(parent: string, label: string = randomUUID()): string {
  const dir = join(parent, `mmaudio-work-${process.pid}-${label.replace(/[^\w-]/g, '_')}`)
  noteLeftover(dir)
  return dir
}

/** Removes a scratch folder made with scratchDir, and clears it from the ledger. */
export async function removeScratch(dir: string): Promise<void> {
  await rm(dir, { recursive: true, force: true }).catch(() => undefined)
  clearLeftover(dir)
}

export interface SweepOptions {
  /** Whether a process with this pid is running now. */
  isRunning?: (pid: number) => boolean
  now?: () => number
  /** Work folders whose scratch folders older builds made without a ledger. */
  workDirs?: readonly string[]
  /** Folders where older builds may have left temp files (beside recent projects): ours by name and dead pid. */
  looseFolders?: readonly string[]
}

export const isPidRunning = (pid: number): boolean => {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}

/** Sweeps the ledgers in `dir` of processes that are gone; returns what was removed. */
export async function sweepLeftovers(dir: string, options: SweepOptions = {}): Promise<string[]> {
  const isRunning = options.isRunning ?? isPidRunning
  const now = options.now ?? Date.now
  const removed: string[] = []
  const remove = async (path: string): Promise<void> => {
    const there = await stat(path).then(
      () => true,
      () => false,
    )
    if (!there) return
    await rm(path, { recursive: true, force: true })
    removed.push(path)
  }
  for (const name of await readdir(dir).catch(() => [] as string[])) {
    const match = /^(\d+)-(\d+)\.log$/.exec(name)
    if (!match) continue
    const file = join(dir, name)
    const pid = Number(match[1])
    if (file === ledgerFile) continue
    const info = await stat(file).catch(() => null)
    if (!info) continue
    if (isRunning(pid) && now() - info.mtimeMs < LEDGER_TRUST_MS) continue
    const text = await readFile(file, 'utf8').catch(() => '')
    for (const path of stillListed(text)) if (isLeftoverOf(path, pid)) await remove(path).catch(() => undefined)
    await rm(file, { force: true }).catch(() => undefined)
  }
  for (const work of options.workDirs ?? []) {
    for (const name of await readdir(work).catch(() => [] as string[])) {
      const path = join(work, name)
      const owner = SCRATCH_NAME.exec(name)?.[1]
      if (owner !== undefined) {
        if (Number(owner) !== process.pid && !isRunning(Number(owner))) await remove(path).catch(() => undefined)
        continue
      }
      const info = await stat(path).catch(() => null)
      if (info && now() - info.mtimeMs > UNLEDGERED_SCRATCH_MS) await remove(path).catch(() => undefined)
    }
  }
  for (const folder of options.looseFolders ?? []) {
    for (const name of await readdir(folder).catch(() => [] as string[])) {
      const owner = TEMP_NAME.exec(name)?.[1]
      if (owner === undefined || Number(owner) === process.pid || isRunning(Number(owner))) continue
      const path = join(folder, name)
      const info = await stat(path).catch(() => null)
      if (info?.isFile() && now() - info.mtimeMs > UNLEDGERED_SCRATCH_MS) await remove(path).catch(() => undefined)
    }
  }
  return removed
}
