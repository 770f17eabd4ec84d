// The native menu: File (Import…, Export…, Quit), Edit (undo/redo and clipboard roles), View (reload and
// devtools in development only).
import { Menu, type MenuItemConstructorOptions } from 'electron'

export type MenuCommand = 'import' | 'export'

export interface MenuOptions {
  isDev: boolean
  isMac: boolean
  /** Delivers a menu command to the renderer; the items are disabled until there is a way to. */
  onCommand?: (command: MenuCommand) => void
}

export function buildMenuTemplate({ isDev, isMac, onCommand }: MenuOptions): MenuItemConstructorOptions[] {
  const command = (label: string, name: MenuCommand, accelerator: string): MenuItemConstructorOptions => ({
    label,
    accelerator,
    enabled: onCommand !== undefined,
    click: () => onCommand?.(name),
  })
  const template: MenuItemConstructorOptions[] = [
    ...(isMac ? [{ role: 'appMenu' as const }] : []),
    {
      label: 'File',
      submenu: [
        command('Import…', 'import', 'CmdOrCtrl+I'),
        command('Export…', 'export', 'CmdOrCtrl+E'),
        { type: 'separator' },
        isMac ? { role: 'close' } : { role: 'quit' },
      ],
    },
    {
      label: 'Edit',
      submenu: [
        { role: 'undo' },
        { role: 'redo' },
        { type: 'separator' },
        { role: 'cut' },
        { role: 'copy' },
        { role: 'paste' },
        { role: 'selectAll' },
      ],
    },
  ]
  if (isDev) {
    template.push({ label: 'View', submenu: [{ role: 'reload' }, { role: 'forceReload' }, { role: 'toggleDevTools' }] })
  }
  return template
}

export function installMenu(options: MenuOptions): void {
  Menu.setApplicationMenu(Menu.buildFromTemplate(buildMenuTemplate(options)))
}
