// The native menu: File (New, Open…, Save, Save As…, Import…, Export…, Settings…, Quit), Edit (the editor's
// undo/redo, clipboard roles), View (reload and devtools in development only). Each command reaches the
// renderer as a 'menu:command' event and runs the same action as its shortcut there.
import { Menu, type MenuItemConstructorOptions } from 'electron'
import type { MenuCommand } from '../../shared/ipc/contract'

export interface MenuOptions {
  isDev: boolean
  isMac: boolean
  /** Delivers a menu command to the renderer. */
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
        command('New Project', 'new', 'CmdOrCtrl+N'),
        command('Open Project…', 'open', 'CmdOrCtrl+O'),
        command('Save', 'save', 'CmdOrCtrl+S'),
        command('Save As…', 'saveAs', 'Shift+CmdOrCtrl+S'),
        { type: 'separator' },
        command('Import…', 'import', 'CmdOrCtrl+I'),
        command('Export…', 'export', 'CmdOrCtrl+E'),
        { type: 'separator' },
        command('Settings…', 'settings', 'CmdOrCtrl+,'),
        { type: 'separator' },
        isMac ? { role: 'close' } : { role: 'quit' },
      ],
    },
    {
      label: 'Edit',
      submenu: [
        command('Undo', 'undo', 'CmdOrCtrl+Z'),
        command('Redo', 'redo', 'Shift+CmdOrCtrl+Z'),
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
