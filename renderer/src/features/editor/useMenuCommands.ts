// The native menu's commands ('menu:command' from main) run the same editor commands as their shortcuts.
// Undo/Redo from the menu while typing in a text field undo the typing, as everywhere else on the desktop.
// Commands that are not editor commands (new, open, save, saveAs, settings, the transport, …) run from
// `appCommands`.
import { useEffect } from 'react'
import type { MenuCommand } from '../../../../shared/ipc/contract'
import { on } from '../../lib/ipc'
import { EDITOR_COMMANDS } from '../../../../shared/domain/commands'
import { hasOwnUndo, type Command } from './shortcuts'
import type { RunCommand } from './useEditorCommands'

const isEditorCommand = (command: MenuCommand): command is MenuCommand & Command =>
  (EDITOR_COMMANDS as readonly string[]).includes(command)

const NO_APP_COMMANDS: Partial<Record<MenuCommand, () => void>> = {}

export function useMenuCommands(run: RunCommand, appCommands = NO_APP_COMMANDS): void {
  useEffect(
    () =>
      on('menu:command', ({ command }) => {
        const appCommand = appCommands[command]
        if (appCommand) return appCommand()
        if (!isEditorCommand(command)) return
        if ((command === 'undo' || command === 'redo') && hasOwnUndo(document.activeElement)) {
          document.execCommand(command)
          return
        }
        run(command)
      }),
    [run, appCommands],
  )
}
