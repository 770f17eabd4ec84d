// Pure facts about the open project: whether it has unsaved changes (derived from the undo history's present
// against the snapshot last saved or opened, so undoing back to it is clean again), its name and the window
// title, when to autosave, and the sentence for media that could not be found.
import type { Project } from '../../../../shared/domain/project'
import type { RecentProject } from '../../../../shared/ipc/contract'

/**
 * History entries are immutable snapshots, so identity says it all: `saved` is the present at the last save or
 * open (null after recovering unsaved work, which has never been saved as it is).
 */
export function isDirty(present: Project, saved: Project | null): boolean {
  return present !== saved
}

/** "Beach" for /films/Beach.mmaudio; the project's own name before its first save. */
export function projectDisplayName(filePath: string | null, project: Project): string {
  if (filePath === null) return project.name
  const file = filePath.split(/[\\/]/).pop() ?? filePath
  return file.replace(/\.mmaudio$/i, '')
}

export function windowTitle(name: string, dirty: boolean): string {
  return `${dirty ? '• ' : ''}${name} — MMAudio Studio`
}

export interface AutosaveCheck {
  dirty: boolean
  saving: boolean
  project: Project
  lastAutosaved: Project | null
}

/** Only unsaved work, not while a save is writing it, and not the same snapshot twice. */
export function shouldAutosave({ dirty, saving, project, lastAutosaved }: AutosaveCheck): boolean {
  return dirty && !saving && project !== lastAutosaved
}

export function missingMediaText(
  missing: readonly { name: string; path: string; reason?: string | undefined }[],
): string {
  const names = missing.map((m) => `"${m.name}"`)
  const first = missing[0]
  if (!first) return ''
  if (missing.length === 1) {
    if (first.reason) return `${first.reason} Everything else opened.`
    return `${names[0]} was not found at ${first.path} nor beside the project. Everything else opened.`
  }
  const shown = names.length > 4 ? `${names.slice(0, 4).join(', ')} and ${names.length - 4} more` : names.join(', ')
  const noun = missing.some((m) => m.reason) ? 'files could not be used' : 'files were not found'
  return `${missing.length} ${noun}: ${shown}. Everything else opened.`
}

/** Recent entries with the parent folder added where two files share a name. */
export function recentLabels(entries: readonly RecentProject[]): { entry: RecentProject; label: string }[] {
  const counts = new Map<string, number>()
  for (const e of entries) counts.set(e.name, (counts.get(e.name) ?? 0) + 1)
  return entries.map((entry) => {
    if ((counts.get(entry.name) ?? 0) < 2) return { entry, label: entry.name }
    const parts = entry.path.split(/[\\/]/)
    return { entry, label: `${entry.name} (${parts[parts.length - 2] ?? ''})` }
  })
}

/** "14:05" today, else "23 Nov 14:05", in the person's locale. */
export function savedAtText(savedAtIso: string, now: Date): string {
  const at = new Date(savedAtIso)
  const time = at.toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' })
  if (at.toDateString() === now.toDateString()) return time
  return `${at.toLocaleDateString(undefined, { day: 'numeric', month: 'short' })} ${time}`
}
