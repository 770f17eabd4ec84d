// A saved project is self-contained: its generated takes are copied into "<name> media/" beside the project
// file and the project refers to those copies (the app cache keeps its own, other projects may use them).
import { existsSync, statSync } from 'node:fs'
import { copyFile } from 'node:fs/promises'
import path from 'node:path'
import type { Project, Take } from '../../shared/domain/project'
import { writeAtomically } from '../media/atomicOutput'
import { manifestPathFor } from '../jobs/takeFiles'

/** "/films/Beach.mmaudio" → "/films/Beach media". */
export function mediaFolderFor(projectPath: string): string {
  const absolute = path.resolve(projectPath)
  const stem = path.basename(absolute).replace(/\.mmaudio$/i, '')
  return path.join(path.dirname(absolute), `${stem} media`)
}

export interface MediaFolderFs {
  exists(p: string): boolean
  sizeOf(p: string): number
  /** Copies so that `to` is either absent or whole (temp + rename). */
  copy(from: string, to: string): Promise<void>
}

export const nodeMediaFolderFs: MediaFolderFs = {
  exists: existsSync,
  sizeOf: (p) => statSync(p).size,
  copy: (from, to) => writeAtomically(to, (temp) => copyFile(from, temp)),
}

function isInside(folder: string, file: string): boolean {
  const rel = path.relative(folder, file)
  return rel !== '' && !rel.startsWith('..') && !path.isAbsolute(rel)
}

/**
 * Copies every take (and its chunk manifest, when there is one) that is not yet in the project's media folder
 * into it, and returns the project pointing at the copies. A take whose file is gone keeps its path: the
 * save goes on, and opening the project later names the missing file.
 */
export async function gatherTakes(project: Project, projectPath: string, fs: MediaFolderFs = nodeMediaFolderFs): Promise<Project> {
  const folder = mediaFolderFor(projectPath)
  const moved = new Map<string, string>()

  async function place(take: Take): Promise<Take> {
    const from = path.resolve(take.path)
    if (isInside(folder, from) || !fs.exists(from)) return take
    let to = moved.get(from)
    if (to === undefined) {
      to = path.join(folder, path.basename(from))
      if (!fs.exists(to) || fs.sizeOf(to) !== fs.sizeOf(from)) await fs.copy(from, to)
      const manifest = manifestPathFor(from)
      if (fs.exists(manifest)) await fs.copy(manifest, manifestPathFor(to))
      moved.set(from, to)
    }
    return { ...take, path: to }
  }

  const segments = []
  for (const segment of project.segments) {
    const takes = []
    for (const take of segment.takes) takes.push(await place(take))
    segments.push({ ...segment, takes })
  }
  return moved.size === 0 ? project : { ...project, segments }
}
