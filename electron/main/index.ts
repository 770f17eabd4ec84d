// App lifecycle: one instance, a log file, ffmpeg checked before anything else, media:// registered, the secure
// window, IPC bound to the handler table, job updates forwarded, the native menu with Open Recent. A quit asks
// about unsaved changes first and may be cancelled there, so running work is stopped only at 'will-quit'. A
// start-up that throws shows why and where the log is, releases the single-instance lock and exits.
import { join } from 'node:path'
import { app, BrowserWindow, dialog } from 'electron'
import { createAppServices, type AppServices } from '../app/services'
import { createHandlers } from '../ipc/handlers'
import { registerIpc, sendEvent } from '../ipc/register'
import { resolveBinaries } from '../media/binaries'
import { APP_ID } from './appIdentity'
import type { CloseFlow } from './closeFlow'
import { guardUnsavedClose } from './closePrompt'
import { bringForward, createElectronDesktop } from './desktop'
import { createFileLogger, type FileLogger } from './logFile'
import { installMenu } from './menu'
import { handleMediaProtocol, mediaUrl, registerMediaScheme } from './protocol'
import { startOrReport } from './startupFailure'
import { createMainWindow, rendererLocation } from './window'
import { createSafeStorageCipher, openElectronStore } from '../store/electronStores'

const mainDir = import.meta.dirname
const devServerUrl = !app.isPackaged ? process.env.ELECTRON_RENDERER_URL : undefined
const renderer = rendererLocation(mainDir, devServerUrl)

let mainWindow: BrowserWindow | null = null
let closeFlow: CloseFlow | null = null
let services: AppServices | null = null
let logger: FileLogger | null = null

/** main.log in Electron's logs folder (~/Library/Logs/MMAudio Studio on macOS, <userData>/logs elsewhere). */
function logFilePath(): string {
  try {
    app.setAppLogsPath()
    return join(app.getPath('logs'), 'main.log')
  } catch {
    return join(app.getPath('userData'), 'logs', 'main.log')
  }
}

function openWindow(): BrowserWindow {
  const win = createMainWindow(mainDir, renderer)
  mainWindow = win
  if (services) closeFlow = guardUnsavedClose(win, services.projects, () => app.quit())
  win.on('closed', () => {
    if (mainWindow !== win) return
    mainWindow = null
    closeFlow = null
  })
  return win
}

/** File → Open Recent, or a recent document chosen in the OS: the renderer opens it (asking about unsaved work). */
function openRecent(filePath: string): void {
  if (!services) return
  if (mainWindow) {
    bringForward(mainWindow)
    sendEvent(mainWindow.webContents, 'menu:openRecent', { path: filePath })
    return
  }
  const win = openWindow()
  win.webContents.once('did-finish-load', () => sendEvent(win.webContents, 'menu:openRecent', { path: filePath }))
}

function showMenu(recent: readonly string[]): void {
  installMenu({
    isDev: !app.isPackaged,
    isMac: process.platform === 'darwin',
    onCommand: (command) => {
      if (mainWindow) sendEvent(mainWindow.webContents, 'menu:command', { command })
    },
    recent,
    onOpenRecent: openRecent,
  })
}

function start(): void {
  logger = createFileLogger(logFilePath())
  if (process.platform === 'win32') app.setAppUserModelId(APP_ID)
  const binaries = resolveBinaries()

  const settingsFile = openElectronStore('settings')
  const secretsFile = openElectronStore('secrets')
  const built = createAppServices({
    binaries,
    cacheDir: join(app.getPath('userData'), 'media-cache'),
    dataDir: join(app.getPath('userData'), 'generation'),
    env: process.env,
    mediaUrl,
    settingsStore: settingsFile.store,
    secretsStore: secretsFile.store,
    cipher: createSafeStorageCipher(),
    desktop: createElectronDesktop(() => mainWindow, showMenu),
    appVersion: app.getVersion(),
    logger,
  })
  services = built
  for (const backup of [settingsFile.backupPath, secretsFile.backupPath]) {
    if (backup) built.logger.error(`An unreadable store file was moved to ${backup}; starting fresh.`)
  }

  // Requests a crash or quit left with a provider are finished into the cache (same ids, nothing submitted).
  void built.generation.resumePending().then(
    ({ resumed, failed }) =>
      resumed + failed > 0 && built.logger.info(`Resumed ${resumed} generation(s); ${failed} could not be finished.`),
    (error: unknown) => built.logger.error(`Resuming generations failed: ${String(error)}`),
  )
  handleMediaProtocol(built.allowList)
  registerIpc(createHandlers(built), renderer, { logger: built.logger })
  built.jobs.onUpdate((update) => {
    if (mainWindow) sendEvent(mainWindow.webContents, 'job:update', update)
  })
  showMenu(built.settings.get().recentProjects)
  openWindow()
}

if (!app.requestSingleInstanceLock()) {
  app.quit()
} else {
  registerMediaScheme()
  app.on('second-instance', () => bringForward(mainWindow))
  // Only remembered: the window's unsaved-changes question may still cancel this quit.
  app.on('before-quit', () => closeFlow?.quitRequested())
  // Every window has closed and nothing cancelled the quit: now stop every ffmpeg.
  app.on('will-quit', () => services?.runner.abortAll())
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit()
  })
  app.on('activate', () => {
    if (services && BrowserWindow.getAllWindows().length === 0) openWindow()
  })
  app.on('open-file', (event, filePath) => {
    event.preventDefault()
    openRecent(filePath)
  })
  void app.whenReady().then(() =>
    startOrReport(start, () => ({
      logError: (message) => (logger ?? createFileLogger(logFilePath())).error(message),
      logPath: logger?.path ?? logFilePath(),
      showErrorBox: (title, body) => dialog.showErrorBox(title, body),
      releaseSingleInstanceLock: () => app.releaseSingleInstanceLock(),
      exit: (code) => {
        services?.runner.abortAll()
        app.exit(code)
      },
    })),
  )
}
