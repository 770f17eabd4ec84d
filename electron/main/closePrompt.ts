// Closing the window (or quitting) with unsaved changes asks Save / Don't Save / Cancel: the decisions are in
// closeFlow.ts (and the state in project/closeGuard); this binds them to the window, the dialog and the app.
// Save runs the renderer's own Save (a first save shows the save dialog); the window closes once the project
// is clean, and stays if that dialog is cancelled or the save fails. Don't Save also drops the autosave.
import { dialog, type BrowserWindow } from 'electron'
import type { AppServices } from '../app/services'
import type { CloseChoice } from '../project/closeGuard'
import { sendEvent } from '../ipc/register'
import { createCloseFlow, type CloseFlow } from './closeFlow'

const CHOICES: readonly CloseChoice[] = ['save', 'discard', 'cancel']

/** Guards this window's close; `quitApp` resumes a quit the question interrupted. Returns the flow for 'before-quit'. */
export function guardUnsavedClose(
  win: BrowserWindow,
  projects: AppServices['projects'],
  quitApp: () => void,
): CloseFlow {
  const flow = createCloseFlow({
    guard: projects.closeGuard,
    ask: async (name) => {
      const { response } = await dialog.showMessageBox(win, {
        type: 'warning',
        buttons: ['Save', 'Don’t Save', 'Cancel'],
        defaultId: 0,
        cancelId: 2,
        noLink: true,
        message: `Save changes to “${name}” before closing?`,
        detail: 'Your changes are lost if you don’t save them.',
      })
      return CHOICES[response] ?? 'cancel'
    },
    requestSave: () => sendEvent(win.webContents, 'menu:command', { command: 'save' }),
    discardRecovery: (projectId) => (projectId ? projects.discardRecovery(projectId) : Promise.resolve(0)),
    closeWindow: () => {
      if (!win.isDestroyed()) win.close()
    },
    quitApp,
  })
  win.on('close', (event) => {
    if (flow.closeRequested()) event.preventDefault()
  })
  const stop = projects.onCloseReady(() => flow.saved())
  win.on('closed', stop)
  return flow
}
