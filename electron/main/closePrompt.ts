// Closing the window with unsaved changes asks Save / Don't Save / Cancel (the state is in project/closeGuard).
// Save runs the renderer's own Save (a first save shows the save dialog); the window closes once the project
// is clean, and stays if that dialog is cancelled or the save fails. Don't Save also drops the autosave.
import { dialog, type BrowserWindow } from 'electron'
import type { AppServices } from '../app/services'
import type { CloseChoice } from '../project/closeGuard'
import { sendEvent } from '../ipc/register'

const CHOICES: readonly CloseChoice[] = ['save', 'discard', 'cancel']

export function guardUnsavedClose(win: BrowserWindow, projects: AppServices['projects']): void {
  let asking = false
  win.on('close', (event) => {
    if (projects.closeGuard.requestClose() === 'close') return
    event.preventDefault()
    if (asking) return
    asking = true
    const { name, projectId } = projects.closeGuard.status
    void dialog
      .showMessageBox(win, {
        type: 'warning',
        buttons: ['Save', 'Don’t Save', 'Cancel'],
        defaultId: 0,
        cancelId: 2,
        noLink: true,
        message: `Save changes to “${name}” before closing?`,
        detail: 'Your changes are lost if you don’t save them.',
      })
      .then(({ response }) => {
        asking = false
        const next = projects.closeGuard.answer(CHOICES[response] ?? 'cancel')
        if (next === 'save') sendEvent(win.webContents, 'menu:command', { command: 'save' })
        if (next === 'close') {
          void (projectId ? projects.discardRecovery(projectId) : Promise.resolve(0)).finally(() => {
            if (!win.isDestroyed()) win.close()
          })
        }
      })
  })
  const stop = projects.onCloseReady(() => {
    if (!win.isDestroyed()) win.close()
  })
  win.on('closed', stop)
}
