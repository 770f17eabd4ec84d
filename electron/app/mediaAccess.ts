// Which local files the renderer may have played, thumbnailed, exported or uploaded: a file enters only when the
// person chose it (the open dialog, a drop — both through media:import, which probes it), when the app made it
// (takes, thumbnails, exports), or when a project that came from disk named it and openChecks passed it. Plain
// Node; the allow-list itself (and its symlink rules) is media/allowList.ts.
import { mkdirSync } from 'node:fs'
import { basename } from 'node:path'
import { AppError } from '../../shared/domain/errors'
import type { Project } from '../../shared/domain/project'
import {
  createAllowList,
  isInsideFolder,
  isListedPath,
  nodeRealpath,
  resolveAllowedPath,
  type RealpathFn,
} from '../media/allowList'
import type { FfmpegRunner } from '../media/ffmpeg/run'
import { probeMedia } from '../media/probe'
import { checkOpenedProject, type CheckedProject } from '../project/openChecks'

/** A probe of a file a project names may take this long before the file counts as unreadable. */
const PROBE_TIMEOUT_MS = 20_000

export interface MediaAccessDeps {
  runner: FfmpegRunner
  /** Folders the app owns and serves whole (thumbnail cache, its takes); created here. */
  appFolders: readonly string[]
  /** The app's own take folder: files there are not probed again when a project names them. */
  takesDir: string
  realpath?: RealpathFn
}

export function createMediaAccess(deps: MediaAccessDeps) {
  const realpath = deps.realpath ?? nodeRealpath
  const allowList = createAllowList()
  for (const folder of deps.appFolders) {
    // Created first, so the allow-list pins where each really is.
    mkdirSync(folder, { recursive: true })
    allowList.allowFolder(folder)
  }
  const takesReal = realpath(deps.takesDir)
  const allow = (absPath: string): void => allowList.allowFile(absPath)

  /** The real path of a file the renderer may use; FILE_NOT_FOUND for a listed file that is gone, else FORBIDDEN. */
  function usable(absPath: string): string {
    const real = resolveAllowedPath(absPath, allowList, realpath)
    if (real !== null) return real
    // Only a listed (imported) file is reported as missing: others get no hint whether they exist.
    if (isListedPath(absPath, allowList) && realpath(absPath) === null) {
      throw new AppError('FILE_NOT_FOUND', `"${basename(absPath)}" is missing: it may have been moved or deleted.`)
    }
    throw new AppError('FORBIDDEN', 'This file has not been imported into the project.')
  }

  return {
    allowList,
    allow,
    /** Files that passed openChecks or that the app wrote. */
    admit(paths: readonly string[]): void {
      for (const p of paths) allow(p)
    },
    usable,
    isListed: (absPath: string): boolean => isListedPath(absPath, allowList),
    /** openChecks with the real ffprobe; takes in the app's own folder are trusted without a probe. */
    checkProject(project: Project): Promise<CheckedProject> {
      return checkOpenedProject(project, {
        probe: (p) => probeMedia(deps.runner, p, AbortSignal.timeout(PROBE_TIMEOUT_MS)),
        isAppMade: (p) => {
          const real = realpath(p)
          return takesReal !== null && real !== null && isInsideFolder(real, takesReal)
        },
      })
    },
    /** Every file an export of this project reads must be one the renderer may use. */
    requireProjectMedia(project: Pick<Project, 'assets' | 'clips' | 'segments'>): void {
      const used = new Set(project.clips.map((c) => c.assetId))
      for (const asset of project.assets) if (used.has(asset.id)) usable(asset.path)
      for (const segment of project.segments) {
        for (const take of segment.takes) if (take.id === segment.activeTakeId) usable(take.path)
      }
    },
  }
}

export type MediaAccess = ReturnType<typeof createMediaAccess>
