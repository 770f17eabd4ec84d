// A saved project is self-contained: its generated takes are copied into "<name> media/" beside the project
// file and the project refers to those copies (the app cache keeps its own, other projects may use them).
// Only the app's own takes are copied: a file is taken only from the app's take folders (and the media folder
// the project came with), judged by where it really is (symlinks resolved). That folder is made to be shared,
// so a project sent by someone else must never make a save copy the person's other files into it.
import { existsSync, statSync } from 'node:fs'
import { copyFile } from 'node:fs/promises'
import path from 'node:path'
import type { Project, Take } from '../../shared/domain/project'
import { writeAtomically } from '../media/atomicOutput'
import { manifestPathFor } from '../jobs/takeFiles'
import { isInsideFolder, nodeRealpath } from '../media/allowList'
import { diskFullError, freeBytesAt } from '../media/fsErrors'

/** "/films/Beach.mmaudio" → "/films/Beach media". */
export function mediaFolderFor(projectPath: string): string {
  const absolute = path.resolve(projectPath)
  const stem = path.basename(absolute).replace(/\.mmaudio$/i, '')
  return path.join(path.dirname(absolute), `${stem} media`)
}

export interface MediaFolderFs {
  exists(p: string): boolean
  /** Symlinks resolved; null when the path is not there. */
  realpath(p: string): string | null
  sizeOf(p: string): number
  /** Copies so that `to` is either absent or whole (temp + rename). */
  copy(from: string, to: string): Promise<void>
  /** Bytes free on the disk that holds `p` (or would), null when unknown. */
  freeBytes(p: string): number | null
}

export const nodeMediaFolderFs: MediaFolderFs = {
  exists: existsSync,
  realpath: nodeRealpath,
  sizeOf: (p) => statSync(p).size,
  copy: (from, to) => writeAtomically(to, (temp) => copyFile(from, temp)),
  freeBytes: freeBytesAt,
}

export interface GatherOptions {
  /** The app's take folders (and the media folder the project came with): the only places copied from. */
  ownFolders: readonly string[]
  fs?: MediaFolderFs
}

/**
 * Copies every take (and its chunk manifest, when there is one) from the app's own folders that is not yet in
 * the project's media folder into it, and returns the project pointing at the copies, and the copies made. A
 * take whose file is gone, or that is not the app's own, keeps its path and is not copied.
 */
export async function gatherTakes(
  project: Project,
  projectPath: string,
  options: GatherOptions,
): Promise<{ project: Project; copied: string[] }> {
  const fs = options.fs ?? nodeMediaFolderFs
  const folder = mediaFolderFor(projectPath)
  const own = options.ownFolders.flatMap((f) => fs.realpath(f) ?? [])
  const isOwn = (p: string): boolean => {
    const real = fs.realpath(p)
    return real !== null && own.some((f) => isInsideFolder(real, f))
  }
  const moved = new Map<string, string>()

  async function place(take: Take): Promise<Take> {
    const from = path.resolve(take.path)
    if (isInsideFolder(from, folder) || !fs.exists(from) || !isOwn(from)) return take
    let to = moved.get(from)
    if (to === undefined) {
      to = path.join(folder, path.basename(from))
      if (!fs.exists(to) || fs.sizeOf(to) !== fs.sizeOf(from)) await fs.copy(from, to)
      const manifest = manifestPathFor(from)
      if (fs.exists(manifest) && isOwn(manifest)) await fs.copy(manifest, manifestPathFor(to))
      moved.set(from, to)
    }
    return { ...take, path: to }
  }

  // Whether the copies fit is known before the first one is made: no half-filled media folder.
  const toCopy = new Map<string, number>()
  for (const segment of project.segments) {
    for (const take of segment.takes) {
      const from = path.resolve(take.path)
      if (isInsideFolder(from, folder) || !fs.exists(from) || !isOwn(from)) continue
      const to = path.join(folder, path.basename(from))
      if (!fs.exists(to) || fs.sizeOf(to) !== fs.sizeOf(from)) toCopy.set(from, fs.sizeOf(from))
    }
  }
  const needed = [...toCopy.values()].reduce((a, b) => a + b, 0)
  const free = needed > 0 ? fs.freeBytes(folder) : null
  if (free !== null && needed > free)
    throw diskFullError(path.join(folder, path.basename([...toCopy.keys()][0]!)), undefined, needed)

  const segments = []
  for (const segment of project.segments) {
    const takes = []
    for (const take of segment.takes) takes.push(await place(take))
    segments.push({ ...segment, takes })
  }
  return moved.size === 0 ? { project, copied: [] } : { project: { ...project, segments }, copied: [...moved.values()] }
}
