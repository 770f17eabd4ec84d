// The one application window, locked down: isolated, sandboxed, no Node, no navigation, no new windows,
// no permissions.
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { BrowserWindow, type Session } from 'electron'
import type { TrustedRenderer } from '../ipc/senderGuard'

export const WINDOW_BACKGROUND = '#16171b'

/** Where the renderer comes from: the dev server (electron-vite dev) or the built file. */
export function rendererLocation(mainDir: string, devServerUrl: string | undefined): TrustedRenderer {
  if (devServerUrl) return { devServerUrl, fileUrl: null }
  return { devServerUrl: null, fileUrl: pathToFileURL(join(mainDir, '../renderer/index.html')).href }
}

/** Deny every permission request (camera, notifications, …) and check for the session. */
export function denyAllPermissions(session: Session): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false))
  session.setPermissionCheckHandler(() => false)
}

export function createMainWindow(mainDir: string, renderer: TrustedRenderer): BrowserWindow {
  const win = new BrowserWindow({
    width: 1440,
    height: 900,
    minWidth: 960,
    minHeight: 600,
    show: false,
    backgroundColor: WINDOW_BACKGROUND,
    title: 'MMAudio Studio',
    webPreferences: {
      preload: join(mainDir, '../preload/index.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      // Middle-click must not open links in new windows (Electronegativity AUXCLICK_JS_CHECK).
      disableBlinkFeatures: 'Auxclick',
      spellcheck: false,
    },
  })

  const contents = win.webContents
  contents.on('will-navigate', (event) => event.preventDefault())
  contents.on('will-redirect', (event) => event.preventDefault())
  contents.on('will-attach-webview', (event) => event.preventDefault())
  contents.setWindowOpenHandler(() => ({ action: 'deny' }))
  denyAllPermissions(contents.session)
  win.once('ready-to-show', () => win.show())

  if (renderer.devServerUrl) void win.loadURL(renderer.devServerUrl)
  else if (renderer.fileUrl) void win.loadURL(renderer.fileUrl)
  return win
}
