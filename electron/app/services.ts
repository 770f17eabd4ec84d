// The composition root in plain Node: everything main (and the E2E harness) needs, built from its parts.
// Electron-only abilities come in through `Desktop`, files through KeyValueStores and a Cipher, so the
// harness can pass fakes and run the same handler table without Electron.
import { basename } from 'node:path'
import { AppError } from '../../shared/domain/errors'
import type { Project } from '../../shared/domain/project'
import type { InvokeOutput } from '../../shared/ipc/contract'
import { createExportService } from '../jobs/export'
import { createJobRegistry } from '../jobs/jobs'
import type { Binaries } from '../media/binaries'
import { createFfmpegRunner, type FfmpegRunner } from '../media/ffmpeg/run'
import { createAllowList, isListedPath, nodeRealpath, resolveAllowedPath, type RealpathFn } from '../media/allowList'
import { createMediaService } from '../media/mediaService'
import { openProjectFile, saveProjectFile } from '../project/projectFile'
import type { KeyValueStore } from '../store/keyValueStore'
import { createSecretStore, type Cipher } from '../store/secrets'
import { createSettingsStore } from '../store/settings'

export type SaveKind = 'mp4' | 'project' | 'wav'

/** What only the desktop shell can do. The harness passes a fake. */
export interface Desktop {
  /** A native open dialog for video files; [] when cancelled. */
  openVideos(): Promise<string[]>
  /** A native save dialog; null when cancelled. */
  saveFile(defaultName: string, kind: SaveKind): Promise<string | null>
  /** Reveals a file in the OS file manager; false if it does not exist. */
  showInFolder(absPath: string): Promise<boolean>
}

export interface Logger {
  info(message: string): void
  error(message: string): void
}

export interface AppServicesDeps {
  binaries: Binaries
  /** Where thumbnails, peaks and temp files go; served to the renderer as a whole folder. */
  cacheDir: string
  /** media://… in the app, http://127.0.0.1/… in the harness. */
  mediaUrl: (absPath: string) => string
  settingsStore: KeyValueStore
  secretsStore: KeyValueStore
  cipher: Cipher
  desktop: Desktop
  appVersion: string
  platform?: string
  logger?: Logger
  /** Overrides for tests. */
  runner?: FfmpegRunner
  realpath?: RealpathFn
}

const consoleLogger: Logger = {
  info: (m) => console.info(m),
  error: (m) => console.error(m),
}

export function parseFfmpegVersion(versionOutput: string): string | null {
  return /ffmpeg version (\S+)/.exec(versionOutput)?.[1] ?? null
}

export function createAppServices(deps: AppServicesDeps) {
  const logger = deps.logger ?? consoleLogger
  const realpath = deps.realpath ?? nodeRealpath
  const runner = deps.runner ?? createFfmpegRunner(deps.binaries)
  const allowList = createAllowList()
  allowList.allowFolder(deps.cacheDir)
  const allow = (absPath: string): void => allowList.allowFile(absPath)

  const media = createMediaService({ runner, cacheDir: deps.cacheDir, mediaUrl: deps.mediaUrl, allow })
  const jobs = createJobRegistry()
  const exports = createExportService({ runner, jobs })
  const settings = createSettingsStore(deps.settingsStore, {
    onRecovered: (reason) => logger.error(`Settings were unreadable and have been reset (kept a backup): ${reason}`),
  })
  const secrets = createSecretStore(deps.secretsStore, deps.cipher)

  // Files the user may reveal in the file manager: ones they picked in a save dialog, export outputs, media.
  const revealable = new Set<string>()
  jobs.onUpdate((update) => {
    for (const path of update.exportResult?.paths ?? []) revealable.add(path)
  })

  /** Every file a project refers to may be played. */
  function allowProjectMedia(project: Project): void {
    for (const asset of project.assets) allow(asset.path)
    for (const segment of project.segments) for (const take of segment.takes) allow(take.path)
  }

  let ffmpegInfo: Promise<{ ffmpegVersion: string | null; ffmpegProblem: string | null }> | undefined
  const checkFfmpeg = () =>
    runner
      .ffmpeg(['-version'], { captureStdout: true })
      .then(({ stdout }) => ({ ffmpegVersion: parseFfmpegVersion(stdout.toString('utf8')), ffmpegProblem: null }))
      .catch((error: unknown) => ({
        ffmpegVersion: null,
        ffmpegProblem: error instanceof AppError ? error.message : 'ffmpeg could not be run.',
      }))

  return {
    logger,
    runner,
    allowList,
    media,
    jobs,
    exports,
    settings,
    secrets,

    /** Native dialogs and the file manager; only paths the app knows of may be revealed. */
    desktop: {
      openVideos: () => deps.desktop.openVideos(),
      async saveFile(defaultName: string, kind: SaveKind) {
        const chosen = await deps.desktop.saveFile(defaultName, kind)
        if (chosen !== null) revealable.add(chosen)
        return chosen
      },
      showInFolder(absPath: string) {
        if (!revealable.has(absPath) && !isListedPath(absPath, allowList)) {
          throw new AppError('FORBIDDEN', 'MMAudio Studio only shows files it imported or wrote.')
        }
        return deps.desktop.showInFolder(absPath)
      },
    } satisfies Desktop,

    async appInfo(): Promise<InvokeOutput<'app:info'>> {
      ffmpegInfo ??= checkFfmpeg()
      return { version: deps.appVersion, platform: deps.platform ?? process.platform, ...(await ffmpegInfo) }
    },

    /** The URL the renderer plays a file from; only for files the app imported or generated. */
    mediaUrlFor(absPath: string): string {
      if (resolveAllowedPath(absPath, allowList, realpath) !== null) return deps.mediaUrl(absPath)
      // Only a listed (imported) file is reported as missing: others get no hint whether they exist.
      if (isListedPath(absPath, allowList) && realpath(absPath) === null) {
        throw new AppError('FILE_NOT_FOUND', `"${basename(absPath)}" is missing: it may have been moved or deleted.`)
      }
      throw new AppError('FORBIDDEN', 'This file has not been imported into the project.')
    },

    projects: {
      async open(filePath: string) {
        const opened = await openProjectFile(filePath)
        allowProjectMedia(opened.project)
        return opened
      },
      async save(filePath: string, project: Project) {
        const saved = await saveProjectFile(filePath, project)
        allowProjectMedia(project)
        return saved
      },
    },
  }
}

export type AppServices = ReturnType<typeof createAppServices>
