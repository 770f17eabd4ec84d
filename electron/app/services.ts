// The composition root in plain Node: everything main (and the E2E harness) needs, built from its parts.
// Electron-only abilities come in through `Desktop`, files through KeyValueStores and a Cipher, so the
// harness can pass fakes and run the same handler table without Electron.
import { dirname, join } from 'node:path'
import { AppError } from '../../shared/domain/errors'
import type { ExportRequest } from '../../shared/domain/export'
import type { HandoffRequest } from '../../shared/domain/handoff'
import type { Project } from '../../shared/domain/project'
import type { InvokeInput, InvokeOutput, SourceRange } from '../../shared/ipc/contract'
import { createExportService } from '../jobs/export'
import { createHandoffService } from '../jobs/handoff'
import { createGenerateService } from '../jobs/generate'
import { createJobRegistry } from '../jobs/jobs'
import { createKeyedQueue } from '../jobs/queue'
import type { Binaries } from '../media/binaries'
import { createFfmpegRunner, type FfmpegRunner } from '../media/ffmpeg/run'
import { nodeRealpath, type RealpathFn } from '../media/allowList'
import { openLeftoverLedger, sweepLeftovers } from '../media/leftovers'
import { createMediaService } from '../media/mediaService'
import { mediaFolderFor } from '../project/mediaFolder'
import { createAutosaveStore } from '../project/autosave'
import { createProjectService } from '../project/projectService'
import { defaultProviderRegistry, type Env, type ProviderRegistry } from '../providers/registry'
import { createGenerateOps } from './generateOps'
import { watchLongWork, type LongWorkDesktop } from './longWork'
import { createMediaAccess } from './mediaAccess'
import type { KeyValueStore } from '../store/keyValueStore'
import { createSecretStore, type Cipher } from '../store/secrets'
import { createSettingsStore } from '../store/settings'

export type SaveKind = InvokeInput<'dialog:saveFile'>['kind']

/** The native dialogs and the file manager. */
export interface DesktopDialogs {
  /** A native open dialog for video files; [] when cancelled. */
  openVideos(): Promise<string[]>
  /** A native open dialog for one project file (.mmaudio); null when cancelled. */
  openProject(): Promise<string | null>
  /** A native save dialog; null when cancelled. */
  saveFile(defaultName: string, kind: SaveKind): Promise<string | null>
  /** A native dialog for a folder to write into (one can be made there); null when cancelled. */
  chooseFolder(): Promise<string | null>
  /** Reveals a file in the OS file manager; false if it does not exist. */
  showInFolder(absPath: string): Promise<boolean>
}

/** What only the desktop shell can do. The harness passes a fake that records what it was asked. */
export interface Desktop extends DesktopDialogs, LongWorkDesktop {
  /** The recent projects changed (newest first): the OS's recent documents and File → Open Recent follow. */
  recentProjectsChanged(paths: readonly string[]): void
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
  /** Persistent app data: the generation journal, chunk cache and takes live here. */
  dataDir: string
  /** MMAUDIO_<ID>_BASE_URL and _CONCURRENCY overrides (process.env in the app). */
  env?: Env
  /** Overrides for tests. */
  runner?: FfmpegRunner
  providers?: ProviderRegistry
  fetch?: typeof fetch
  pollIntervalMs?: number
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
  const takesDir = join(deps.dataDir, 'takes')
  const access = createMediaAccess({ runner, appFolders: [deps.cacheDir, takesDir], takesDir, realpath })

  const media = createMediaService({ runner, cacheDir: deps.cacheDir, mediaUrl: deps.mediaUrl, allow: access.allow })
  const jobs = createJobRegistry({ logError: (text) => logger.error(text) })
  const shotScans = createKeyedQueue<'scan'>(() => 1)
  watchLongWork(jobs, deps.desktop)
  const workDir = join(deps.dataDir, 'work')
  const exports = createExportService({ runner, jobs, tmpDir: workDir })
  const handoff = createHandoffService({ runner, jobs, tmpDir: workDir })
  const settings = createSettingsStore(deps.settingsStore, {
    onRecovered: (reason) => logger.error(`Settings were unreadable and have been reset (kept a backup): ${reason}`),
  })
  const secrets = createSecretStore(deps.secretsStore, deps.cipher)
  const providers = deps.providers ?? defaultProviderRegistry()
  // What a killed app left: its ledgered temp files and work folders, and older builds' temp files beside
  // recent projects.
  const ledgers = join(deps.dataDir, 'leftovers')
  const recentFolders = settings.get().recentProjects.flatMap((p) => [dirname(p), mediaFolderFor(p)])
  const leftoversSwept = sweepLeftovers(ledgers, { workDirs: [workDir], looseFolders: recentFolders }).then(
    (removed) => {
      if (removed.length > 0)
        logger.info(`Removed ${removed.length} temp files and work folders a closed session left.`)
      return removed
    },
    () => [] as string[],
  )
  openLeftoverLedger(ledgers)
  const generate = createGenerateService({
    runner,
    providers,
    apiKey: (id) => secrets.getKey(id),
    missingKeyHint: () => 'Add it in Settings.',
    settings: () => settings.get(),
    env: deps.env ?? {},
    dirs: {
      work: workDir,
      cache: join(deps.dataDir, 'chunk-cache'),
      takes: takesDir,
      journal: join(deps.dataDir, 'journal.json'),
    },
    cacheLimitBytes: () => settings.get().chunkCacheLimitMb * 1e6,
    ...(deps.fetch ? { fetch: deps.fetch } : {}),
    ...(deps.pollIntervalMs !== undefined ? { pollIntervalMs: deps.pollIntervalMs } : {}),
  })

  // The renderer is not trusted with the file system. It may write only where the user chose in a save
  // dialog (or the project file it opened or saved), and reveal only files the app imported or wrote.
  const chosenForSave = new Set<string>()
  const chosenFolders = new Set<string>()
  const projectFiles = new Set<string>()
  const revealable = new Set<string>()
  jobs.onUpdate((update) => {
    for (const path of update.exportResult?.paths ?? []) revealable.add(path)
    if (update.handoffResult)
      for (const path of [update.handoffResult.folder, ...update.handoffResult.files]) revealable.add(path)
  })
  const requireChosen = (path: string, allowed: ReadonlySet<string>, what: string): void => {
    if (!allowed.has(path))
      throw new AppError('FORBIDDEN', `Choose where to save the ${what} in the save dialog first.`)
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

  const projects = createProjectService({
    projectFiles,
    check: (project) => access.checkProject(project),
    admit: (paths) => access.admit(paths),
    takesDir,
    onFileKnown: (filePath) => revealable.add(filePath),
    // The project service keeps the recent list in settings; the desktop shows it too.
    settings: {
      get: () => settings.get(),
      set(next) {
        const before = settings.get().recentProjects
        const saved = settings.set(next)
        const after = saved.recentProjects
        if (after.length !== before.length || after.some((p, i) => p !== before[i]))
          deps.desktop.recentProjectsChanged(after)
        return saved
      },
    },
    autosaves: createAutosaveStore({ dir: join(deps.dataDir, 'autosave') }),
  })

  return {
    logger,
    leftoversSwept,
    runner,
    allowList: access.allowList,
    jobs,
    settings,
    secrets,
    generation: createGenerateOps({ generate, jobs, providers, secrets, usable: access.usable }),

    /** Native dialogs and the file manager; only paths the app knows of may be revealed. */
    desktop: {
      openVideos: () => deps.desktop.openVideos(),
      /** The chosen project file may then be opened and saved. */
      async openProject() {
        const chosen = await deps.desktop.openProject()
        if (chosen !== null) projectFiles.add(chosen)
        return chosen
      },
      async saveFile(defaultName: string, kind: SaveKind) {
        const chosen = await deps.desktop.saveFile(defaultName, kind)
        if (chosen === null && kind === 'project') projects.closeGuard.saveAbandoned()
        if (chosen !== null) {
          chosenForSave.add(chosen)
          revealable.add(chosen)
          if (kind === 'project') projectFiles.add(chosen)
        }
        return chosen
      },
      /** The chosen folder may then receive a hand-off pack. */
      async chooseFolder() {
        const chosen = await deps.desktop.chooseFolder()
        if (chosen !== null) chosenFolders.add(chosen)
        return chosen
      },
      showInFolder(absPath: string) {
        if (!revealable.has(absPath) && !access.isListed(absPath)) {
          throw new AppError('FORBIDDEN', 'MMAudio Studio only shows files it imported or wrote.')
        }
        return deps.desktop.showInFolder(absPath)
      },
    } satisfies DesktopDialogs,

    async appInfo(): Promise<InvokeOutput<'app:info'>> {
      ffmpegInfo ??= checkFfmpeg()
      return { version: deps.appVersion, platform: deps.platform ?? process.platform, ...(await ffmpegInfo) }
    },

    /** The URL the renderer plays a file from; only for files the app imported or generated. */
    mediaUrlFor(absPath: string): string {
      access.usable(absPath)
      return deps.mediaUrl(absPath)
    },

    /** Media work (thumbnails, peaks) only on files that were imported or generated. */
    media: {
      importFiles: (paths: string[]) => media.importFiles(paths),
      thumbnails(input: { assetId: string; path: string; range?: SourceRange | undefined }) {
        return media.thumbnails({ ...input, path: access.usable(input.path) })
      },
      waveform(path: string, range?: SourceRange) {
        return media.waveform(access.usable(path), range)
      },
      /** A background job, one scan at a time (each decodes a whole file); cancelled with job:cancel. */
      shots(input: { assetId: string; path: string }) {
        const path = access.usable(input.path)
        const jobId = jobs.start('shots', async ({ signal, report }) => {
          const analysis = await shotScans.run(
            'scan',
            (slotSignal) =>
              media.shots(path, {
                signal: slotSignal,
                onProgress: (fraction) => report({ stage: 'measuring', progress: fraction }),
              }),
            { signal, onPosition: () => report({ stage: 'queued', progress: null }) },
          )
          return { shotsResult: { assetId: input.assetId, analysis } }
        })
        return { jobId }
      },
    },

    /** Exports write only where the user chose in the save dialog. */
    exports: {
      start(project: Project, request: ExportRequest) {
        requireChosen(request.destinationPath, chosenForSave, 'export')
        access.requireProjectMedia(project)
        return exports.start(project, request)
      },
    },

    /** A hand-off pack is written only into a folder chosen in the folder dialog. */
    handoff: {
      start(project: Project, request: HandoffRequest) {
        requireChosen(request.folder, chosenFolders, 'hand-off pack')
        access.requireProjectMedia(project)
        return handoff.start(project, request)
      },
    },

    projects,
  }
}

export type AppServices = ReturnType<typeof createAppServices>
