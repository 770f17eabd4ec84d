// Closing the window with unsaved changes: ask Save / Don't Save / Cancel. Pure state; main/index.ts shows the
// native question and closes the window when this says so. The renderer reports whether its project is dirty.

export interface ProjectStatus {
  projectId: string | null
  name: string
  dirty: boolean
}

export type CloseChoice = 'save' | 'discard' | 'cancel'

export function createCloseGuard() {
  let status: ProjectStatus = { projectId: null, name: '', dirty: false }
  let closeConfirmed = false
  let closeAfterSave = false

  return {
    get status(): ProjectStatus {
      return status
    },
    /** The renderer's latest status; true when a save asked for by a pending close has finished. */
    setStatus(next: ProjectStatus): boolean {
      status = next
      if (closeAfterSave && !next.dirty) {
        closeAfterSave = false
        closeConfirmed = true
        return true
      }
      return false
    },
    /**
     * 'close' lets the window close; 'ask' means prevent it and ask the person. A confirmed close is used up by
     * the close it allowed, so the next window (macOS reopens one from the Dock) asks again when dirty.
     */
    requestClose(): 'close' | 'ask' {
      if (closeConfirmed) {
        closeConfirmed = false
        return 'close'
      }
      return status.dirty ? 'ask' : 'close'
    },
    /** What to do with the person's answer: close now, save first (close once clean), or stay. */
    answer(choice: CloseChoice): 'close' | 'save' | 'stay' {
      if (choice === 'discard') {
        closeConfirmed = true
        return 'close'
      }
      if (choice === 'save') {
        closeAfterSave = true
        return 'save'
      }
      return 'stay'
    },
    /** The save dialog was cancelled or the save failed: the window stays open. */
    saveAbandoned(): void {
      closeAfterSave = false
    },
  }
}

export type CloseGuard = ReturnType<typeof createCloseGuard>
