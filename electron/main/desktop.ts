// The Desktop abilities implemented with Electron: native dialogs, reveal in folder, progress on the taskbar /
// Dock icon, system notifications (a click brings the window forward) and the OS's recent documents.
import { existsSync } from 'node:fs'
import { app, dialog, Notification, shell, type BrowserWindow } from 'electron'
import type { Desktop, SaveKind } from '../app/services'

const VIDEO_EXTENSIONS = ['mp4', 'mov', 'm4v', 'mkv', 'webm', 'avi']

const SAVE_FILTERS: Readonly<Record<SaveKind, Electron.FileFilter>> = {
  mp4: { name: 'MP4 video', extensions: ['mp4'] },
  project: { name: 'MMAudio Studio project', extensions: ['mmaudio'] },
  wav: { name: 'WAV audio', extensions: ['wav'] },
}

/** Brings the window forward (restored if minimised). */
export function bringForward(win: BrowserWindow | null): void {
  if (!win || win.isDestroyed()) return
  if (win.isMinimized()) win.restore()
  win.show()
  win.focus()
}

export function createElectronDesktop(
  getWindow: () => BrowserWindow | null,
  /** File → Open Recent is rebuilt from this list. */
  onRecentProjects: (paths: readonly string[]) => void,
): Desktop {
  // Shown notifications are kept until closed or clicked: one that is garbage-collected loses its click.
  const live = new Set<Notification>()
  return {
    async openVideos() {
      const win = getWindow()
      const options: Electron.OpenDialogOptions = {
        title: 'Import video',
        properties: ['openFile', 'multiSelections'],
        filters: [{ name: 'Video', extensions: VIDEO_EXTENSIONS }],
      }
      const result = win ? await dialog.showOpenDialog(win, options) : await dialog.showOpenDialog(options)
      return result.canceled ? [] : result.filePaths
    },
    async openProject() {
      const win = getWindow()
      const options: Electron.OpenDialogOptions = {
        title: 'Open project',
        properties: ['openFile'],
        filters: [SAVE_FILTERS.project],
      }
      const result = win ? await dialog.showOpenDialog(win, options) : await dialog.showOpenDialog(options)
      return result.canceled ? null : (result.filePaths[0] ?? null)
    },
    async saveFile(defaultName, kind) {
      const win = getWindow()
      const options: Electron.SaveDialogOptions = { defaultPath: defaultName, filters: [SAVE_FILTERS[kind]] }
      const result = win ? await dialog.showSaveDialog(win, options) : await dialog.showSaveDialog(options)
      return result.canceled || !result.filePath ? null : result.filePath
    },
    async chooseFolder() {
      const win = getWindow()
      const options: Electron.OpenDialogOptions = {
        title: 'Choose where to put the hand-off pack',
        buttonLabel: 'Choose',
        properties: ['openDirectory', 'createDirectory', 'promptToCreate'],
      }
      const result = win ? await dialog.showOpenDialog(win, options) : await dialog.showOpenDialog(options)
      return result.canceled ? null : (result.filePaths[0] ?? null)
    },
    async showInFolder(absPath) {
      if (!existsSync(absPath)) return false
      shell.showItemInFolder(absPath)
      return true
    },
    setProgress(progress) {
      const win = getWindow()
      if (!win || win.isDestroyed()) return
      // Electron: below 0 removes the bar, above 1 is indeterminate (Windows also takes the mode).
      if (progress === null) win.setProgressBar(-1)
      else if (progress === 'indeterminate') win.setProgressBar(2, { mode: 'indeterminate' })
      else win.setProgressBar(progress)
    },
    isFocused() {
      const win = getWindow()
      return win !== null && !win.isDestroyed() && win.isFocused()
    },
    notify(title, body) {
      if (!Notification.isSupported()) return
      const note = new Notification({ title, body })
      live.add(note)
      note.on('click', () => {
        live.delete(note)
        bringForward(getWindow())
      })
      note.on('close', () => live.delete(note))
      note.show()
    },
    recentProjectsChanged(paths) {
      if (paths[0]) app.addRecentDocument(paths[0])
      onRecentProjects(paths)
    },
  }
}
