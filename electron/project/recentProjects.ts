// The recent-projects list (newest first, no duplicates, bounded), kept in settings.recentProjects by main.
import path from 'node:path'

export const RECENT_LIMIT = 10

/** `filePath` moved to the front; an older entry for the same file is dropped; at most `limit` entries. */
export function pushRecent(list: readonly string[], filePath: string, limit = RECENT_LIMIT): string[] {
  return [filePath, ...list.filter((p) => p !== filePath)].slice(0, limit)
}

export interface RecentEntry {
  path: string
  /** The file name without ".mmaudio". */
  name: string
  exists: boolean
}

export function recentEntries(list: readonly string[], exists: (p: string) => boolean): RecentEntry[] {
  return list.map((p) => ({ path: p, name: path.basename(p).replace(/\.mmaudio$/i, ''), exists: exists(p) }))
}
