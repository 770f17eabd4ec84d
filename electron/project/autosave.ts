// Autosaves live in the app's data folder (never where the user saves), one file per project, each written
// atomically. After a crash, the newest autosave that is newer than its project's last explicit save is
// offered back. An explicit save, or closing a project without saving, discards its autosave.
import { createHash } from 'node:crypto'
import { statSync } from 'node:fs'
import fsp from 'node:fs/promises'
import path from 'node:path'
import { z } from 'zod'
import type { Project } from '../../shared/domain/project'
import { StoredProject } from '../../shared/domain/projectVersions'
import { writeFileAtomic } from './projectFile'

export const AutosaveRecord = z.object({
  version: z.literal(1),
  savedAt: z.string(),
  /** The project's own file, when it has one (main only records a path it allowed for saving). */
  path: z.string().nullable(),
  /** Autosaves written before an upgrade are read as the current project version. */
  project: StoredProject,
})
export type AutosaveRecord = z.infer<typeof AutosaveRecord>

export interface AutosaveDeps {
  dir: string
  now?: () => Date
  /** Last modification of a project file in ms, or null when it is not there. */
  mtimeMs?: (p: string) => number | null
}

const nodeMtime = (p: string): number | null => {
  try {
    return statSync(p).mtimeMs
  } catch {
    return null
  }
}

/** A file name safe for any project id. */
export const autosaveFileName = (projectId: string): string =>
  `${createHash('sha256').update(projectId).digest('hex').slice(0, 32)}.json`

export function createAutosaveStore({ dir, now = () => new Date(), mtimeMs = nodeMtime }: AutosaveDeps) {
  // One operation at a time, so a discard after a save cannot interleave with a write.
  let queue: Promise<unknown> = Promise.resolve()
  const serial = <T>(op: () => Promise<T>): Promise<T> => {
    const next = queue.then(op, op)
    queue = next.catch(() => undefined)
    return next
  }
  const fileFor = (projectId: string) => path.join(dir, autosaveFileName(projectId))

  async function readAll(): Promise<AutosaveRecord[]> {
    const names = await fsp.readdir(dir).catch(() => [] as string[])
    const records: AutosaveRecord[] = []
    for (const name of names.filter((n) => n.endsWith('.json') && !n.startsWith('.'))) {
      const text = await fsp.readFile(path.join(dir, name), 'utf8').catch(() => null)
      if (text === null) continue
      try {
        const parsed = AutosaveRecord.safeParse(JSON.parse(text))
        if (parsed.success) records.push(parsed.data)
      } catch {
        // An unreadable autosave is not offered.
      }
    }
    return records
  }

  return {
    write(project: Project, projectPath: string | null): Promise<{ savedAt: string }> {
      return serial(async () => {
        await fsp.mkdir(dir, { recursive: true })
        const record: AutosaveRecord = { version: 1, savedAt: now().toISOString(), path: projectPath, project }
        await writeFileAtomic(fileFor(project.id), JSON.stringify(record))
        return { savedAt: record.savedAt }
      })
    },

    /** The newest autosave newer than its project file's last save, or null. */
    recovery(): Promise<AutosaveRecord | null> {
      return serial(async () => {
        const candidates = (await readAll()).filter((r) => {
          const saved = r.path === null ? null : mtimeMs(r.path)
          return saved === null || Date.parse(r.savedAt) > saved
        })
        candidates.sort((a, b) => Date.parse(b.savedAt) - Date.parse(a.savedAt))
        return candidates[0] ?? null
      })
    },

    /** Removes one project's autosave, or all of them; returns how many were removed. */
    discard(projectId?: string): Promise<number> {
      return serial(async () => {
        const names =
          projectId === undefined
            ? (await fsp.readdir(dir).catch(() => [] as string[])).filter((n) => n.endsWith('.json'))
            : [autosaveFileName(projectId)]
        let removed = 0
        for (const name of names) {
          await fsp.rm(path.join(dir, name)).then(
            () => removed++,
            () => undefined,
          )
        }
        return removed
      })
    },
  }
}

export type AutosaveStore = ReturnType<typeof createAutosaveStore>
