// Project files on disk: saved atomically (temp file in the same folder, fsync, rename), with each asset's
// and take's path also stored relative to the project file, so a moved folder still opens.
import { existsSync } from 'node:fs'
import fsp from 'node:fs/promises'
import path from 'node:path'
import { AppError } from '../../shared/domain/errors'
import { Project, PROJECT_VERSION } from '../../shared/domain/project'
import { parseStoredProject, READABLE_PROJECT_VERSIONS } from '../../shared/domain/projectVersions'
import { writeAtomically } from '../media/atomicOutput'
import { explainFsError } from '../media/fsErrors'
import { readRegularText } from '../media/regularFile'

export const PROJECT_EXTENSION = '.mmaudio'
/** Far more than any real project (a few hundred bytes per take); reading stops here. */
export const PROJECT_MAX_BYTES = 64e6

/** How the temp file is opened (injectable, to simulate a crash mid-write in tests). */
export type OpenFile = typeof fsp.open

/**
 * Writes `data` so that readers see either the old file or the whole new one, never half: a temp file in the
 * same folder, flushed to disk (fsync) before the rename.
 */
export async function writeFileAtomic(filePath: string, data: string, open: OpenFile = fsp.open): Promise<void> {
  await writeAtomically(filePath, async (temp) => {
    const handle = await open(temp, 'wx')
    try {
      await handle.writeFile(data, 'utf8')
      await handle.sync()
    } finally {
      await handle.close()
    }
  })
  // Persist the rename itself (best effort: not every platform lets a folder be fsynced).
  await fsp
    .open(path.dirname(filePath), 'r')
    .then(async (h) => {
      await h.sync().catch(() => undefined)
      await h.close()
    })
    .catch(() => undefined)
}

function relativeTo(projectDir: string, target: string): string {
  return path.relative(projectDir, target).split(path.sep).join('/')
}

/** The project as written to `filePath`: every asset and take also carries its path relative to the file. */
export function withRelativePaths(project: Project, filePath: string): Project {
  const dir = path.dirname(path.resolve(filePath))
  return {
    ...project,
    assets: project.assets.map((a) => ({ ...a, relativePath: relativeTo(dir, a.path) })),
    segments: project.segments.map((s) => ({
      ...s,
      takes: s.takes.map((t) => ({ ...t, relativePath: relativeTo(dir, t.path) })),
    })),
  }
}

/** Picks the absolute path if the file is there, else the one relative to the project file if that is. */
export function resolveMediaPath(
  absolute: string,
  relative: string | undefined,
  projectDir: string,
  exists: (p: string) => boolean,
): string {
  if (exists(absolute) || relative === undefined) return absolute
  const candidate = path.resolve(projectDir, relative)
  return exists(candidate) ? candidate : absolute
}

export function withResolvedPaths(project: Project, filePath: string, exists: (p: string) => boolean): Project {
  const dir = path.dirname(path.resolve(filePath))
  return {
    ...project,
    assets: project.assets.map((a) => ({ ...a, path: resolveMediaPath(a.path, a.relativePath, dir, exists) })),
    segments: project.segments.map((s) => ({
      ...s,
      takes: s.takes.map((t) => ({ ...t, path: resolveMediaPath(t.path, t.relativePath, dir, exists) })),
    })),
  }
}

export async function saveProjectFile(filePath: string, project: Project, open?: OpenFile): Promise<{ path: string }> {
  const absolute = path.resolve(filePath)
  const toWrite = Project.parse(withRelativePaths(project, absolute))
  try {
    await writeFileAtomic(absolute, `${JSON.stringify(toWrite, null, 2)}\n`, open)
  } catch (error) {
    throw explainFsError(error, absolute)
  }
  return { path: absolute }
}

/** Reads and checks a project file, then points each asset and take at where its file is now. */
export async function openProjectFile(
  filePath: string,
  exists: (p: string) => boolean = existsSync,
): Promise<{ project: Project; path: string }> {
  const absolute = path.resolve(filePath)
  const name = path.basename(absolute)
  const text = await readRegularText(
    absolute,
    'a project file',
    PROJECT_MAX_BYTES,
    (bytes) =>
      `"${name}" is ${Math.round(bytes / 1e6)} MB: too large to be an MMAudio Studio project (at most ${PROJECT_MAX_BYTES / 1e6} MB).`,
  )
  let raw: unknown
  try {
    raw = JSON.parse(text)
  } catch {
    throw new AppError('BAD_INPUT', `"${name}" is not an MMAudio Studio project (it is not a project file).`)
  }
  const version = (raw as { version?: unknown } | null)?.version
  if (typeof raw !== 'object' || raw === null || typeof version !== 'number') {
    throw new AppError('BAD_INPUT', `"${name}" is not an MMAudio Studio project.`)
  }
  if (!READABLE_PROJECT_VERSIONS.includes(version)) {
    throw new AppError(
      'BAD_INPUT',
      version > PROJECT_VERSION
        ? `"${name}" was saved by a newer version of MMAudio Studio (project version ${version}). Update the app to open it.`
        : `"${name}" has an unknown project version (${version}).`,
    )
  }
  const parsed = parseStoredProject(raw)
  if (!parsed.success) {
    const issue = parsed.error.issues[0]
    const where = issue && issue.path.length > 0 ? ` (${issue.path.join('.')})` : ''
    throw new AppError('BAD_INPUT', `"${name}" is damaged and cannot be opened${where}.`)
  }
  return { project: withResolvedPaths(parsed.data, absolute, exists), path: absolute }
}
