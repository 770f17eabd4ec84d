// What happens when the window closes or the app quits over unsaved changes, in plain code (closePrompt.ts
// binds it to Electron). Electron's order on app.quit(): 'before-quit', then each window's 'close'; a close that
// is prevented cancels the quit (nothing more happens), otherwise 'will-quit' once every window is gone. So:
// - nothing is stopped at 'before-quit' (the prompt may still cancel the quit); running work is stopped at
//   'will-quit' (see index.ts);
// - a quit the prompt interrupted is resumed once the person answered Save (and it saved) or Don't Save, on
//   macOS too, where closing the last window alone leaves the app running.
import type { CloseChoice, CloseGuard } from '../project/closeGuard'

export interface CloseFlowDeps {
  guard: Pick<CloseGuard, 'requestClose' | 'answer' | 'status'>
  /** The native Save / Don't Save / Cancel question for this project name. */
  ask(name: string): Promise<CloseChoice>
  /** Runs the renderer's own Save (a first save shows the save dialog). */
  requestSave(): void
  /** Drops the project's autosave once the person chose not to keep the changes. */
  discardRecovery(projectId: string | null): Promise<unknown>
  closeWindow(): void
  quitApp(): void
}

export interface CloseFlow {
  /** app 'before-quit'. */
  quitRequested(): void
  /** The window's 'close': true when the close must be prevented (the question is asked or already open). */
  closeRequested(): boolean
  /** The save a Save answer asked for has left the project clean. */
  saved(): void
}

export function createCloseFlow(deps: CloseFlowDeps): CloseFlow {
  let quitting = false
  let asking = false
  /** Whether the close the open question (or the Save it started) stands for is part of a quit. */
  let quitAfterClose = false

  const finish = (): void => {
    const quit = quitAfterClose
    quitAfterClose = false
    if (quit) deps.quitApp()
    else deps.closeWindow()
  }

  return {
    quitRequested() {
      quitting = true
    },
    closeRequested() {
      // A 'close' during a quit belongs to that quit; any later close is a plain one.
      const partOfQuit = quitting
      quitting = false
      if (deps.guard.requestClose() === 'close') return false
      if (asking) {
        quitAfterClose ||= partOfQuit
        return true
      }
      asking = true
      quitAfterClose = partOfQuit
      const { name, projectId } = deps.guard.status
      void deps.ask(name).then(
        (choice) => {
          asking = false
          const next = deps.guard.answer(choice)
          if (next === 'stay') quitAfterClose = false
          if (next === 'save') deps.requestSave()
          if (next === 'close')
            void deps
              .discardRecovery(projectId)
              .catch(() => 0)
              .finally(finish)
        },
        () => {
          asking = false
          quitAfterClose = false
        },
      )
      return true
    },
    saved() {
      finish()
    },
  }
}
