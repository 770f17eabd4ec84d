// The native menu's commands ('menu:command' from main) run the same editor commands as their shortcuts.
// Undo/Redo from the menu while typing in a text field undo the typing, as everywhere else on the desktop.
// Commands that are not editor commands (new, open, save, saveAs, settings, …) run from `appCommands`.
import { useEffect } from 'react'
import type { MenuCommand } from '../../../../shared/ipc/contract'
import { on } from '../../lib/ipc'
import { hasOwnUndo, type Command } from './shortcuts'
import type { RunCommand } from './useEditorCommands'

const EDITOR_COMMAND: Partial<Record<MenuCommand, Command>> = { undo: 'undo', redo: 'redo', import: 'import' }

const NO_APP_COMMANDS: Partial<Record<MenuCommand, () => void>> = {}

export function useMenuCommands(run: RunCommand, appCommands = NO_APP_COMMANDS): void {
  useEffect(
    () =>
      on('menu:command', ({ command }) => {
        const appCommand = appCommands[command]
        if (appCommand) return appCommand()
        const editorCommand = EDITOR_COMMAND[command]
        if (!editorCommand) return
        if ((command === 'undo' || command === 'redo') && hasOwnUndo(document.activeElement)) {
          document.execCommand(command)
          return
        }
        run(editorCommand)
      }),
    [run, appCommands],
  )
}
