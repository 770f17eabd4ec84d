// App lifecycle: one instance, ffmpeg checked before anything else, media:// registered, the secure window,
// IPC bound to the handler table, job updates forwarded, every ffmpeg stopped on quit.
import { join } from 'node:path'
import { app, BrowserWindow, dialog } from 'electron'
import { isAppError } from '../../shared/domain/errors'
import { createAppServices, type AppServices } from '../app/services'
import { createHandlers } from '../ipc/handlers'
import { registerIpc, sendEvent } from '../ipc/register'
import { resolveBinaries, type Binaries } from '../media/binaries'
import { guardUnsavedClose } from './closePrompt'
import { createElectronDesktop } from './desktop'
import { installMenu } from './menu'
import { handleMediaProtocol, mediaUrl, registerMediaScheme } from './protocol'
import { createMainWindow, rendererLocation } from './window'
import { createSafeStorageCipher, openElectronStore } from '../store/electronStores'

const mainDir = import.meta.dirname
const devServerUrl = !app.isPackaged ? process.env.ELECTRON_RENDERER_URL : undefined
const renderer = rendererLocation(mainDir, devServerUrl)

let mainWindow: BrowserWindow | null = null
let services: AppServices | null = null

function openWindow(): void {
  mainWindow = createMainWindow(mainDir, renderer)
  if (services) guardUnsavedClose(mainWindow, services.projects)
  mainWindow.on('closed', () => {
    mainWindow = null
  })
}

/** ffmpeg and ffprobe, or one clear error box and a clean quit. */
function binariesOrQuit(): Binaries | null {
  try {
    return resolveBinaries()
  } catch (error) {
    const message = isAppError(error) ? error.message : 'ffmpeg or ffprobe could not be found.'
    dialog.showErrorBox('MMAudio Studio cannot start', message)
    app.quit()
    return null
  }
}

function start(): void {
  const binaries = binariesOrQuit()
  if (!binaries) return

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
    desktop: createElectronDesktop(() => mainWindow),
    appVersion: app.getVersion(),
  })
  services = built
  for (const backup of [settingsFile.backupPath, secretsFile.backupPath]) {
    if (backup) built.logger.error(`An unreadable store file was moved to ${backup}; starting fresh.`)
  }

  // Requests a crash or quit left with a provider are finished into the cache (same ids, nothing submitted).
  void built.generation.resumePending().then(
    ({ resumed, failed }) => resumed + failed > 0 && built.logger.info(`Resumed ${resumed} generation(s); ${failed} could not be finished.`),
    (error: unknown) => built.logger.error(`Resuming generations failed: ${String(error)}`),
  )
  handleMediaProtocol(built.allowList)
  registerIpc(createHandlers(built), renderer, { logger: built.logger })
  built.jobs.onUpdate((update) => {
    if (mainWindow) sendEvent(mainWindow.webContents, 'job:update', update)
  })
  installMenu({
    isDev: !app.isPackaged,
    isMac: process.platform === 'darwin',
    onCommand: (command) => {
      if (mainWindow) sendEvent(mainWindow.webContents, 'menu:command', { command })
    },
  })
  openWindow()
}

if (!app.requestSingleInstanceLock()) {
  app.quit()
} else {
  registerMediaScheme()
  app.on('second-instance', () => {
    if (!mainWindow) return
    if (mainWindow.isMinimized()) mainWindow.restore()
    mainWindow.focus()
  })
  app.on('before-quit', () => services?.runner.abortAll())
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit()
  })
  app.on('activate', () => {
    if (services && BrowserWindow.getAllWindows().length === 0) openWindow()
  })
  void app.whenReady().then(start)
}
