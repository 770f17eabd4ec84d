// The Desktop abilities (native dialogs, reveal in folder) implemented with Electron.
import { existsSync } from 'node:fs'
import { dialog, shell, type BrowserWindow } from 'electron'
import type { Desktop, SaveKind } from '../app/services'

const VIDEO_EXTENSIONS = ['mp4', 'mov', 'm4v', 'mkv', 'webm', 'avi']

const SAVE_FILTERS: Readonly<Record<SaveKind, Electron.FileFilter>> = {
  mp4: { name: 'MP4 video', extensions: ['mp4'] },
  project: { name: 'MMAudio Studio project', extensions: ['mmaudio'] },
  wav: { name: 'WAV audio', extensions: ['wav'] },
}

export function createElectronDesktop(getWindow: () => BrowserWindow | null): Desktop {
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
    async showInFolder(absPath) {
      if (!existsSync(absPath)) return false
      shell.showItemInFolder(absPath)
      return true
    },
  }
}
