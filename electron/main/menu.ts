// The native menu: every command the editor has a key for is also here (File, Edit, Timeline, Playback, View),
// plus File → Open Recent. Each command reaches the renderer as a 'menu:command' event and runs the same action
// as its shortcut there. Keys with a modifier are real accelerators. A bare key (S, I, Space, arrows…) is only
// shown: registered with the OS it would be taken from every text field (macOS matches menu key equivalents
// before the page sees the key), so on Windows/Linux it is not registered, and on macOS, which cannot show
// an accelerator without registering it, it is written after the label.
import path from 'node:path'
import { Menu, type MenuItemConstructorOptions } from 'electron'
import type { MenuCommand } from '../../shared/ipc/contract'

export interface MenuOptions {
  isDev: boolean
  isMac: boolean
  /** Delivers a menu command to the renderer. */
  onCommand?: (command: MenuCommand) => void
  /** Recent project files, newest first (File → Open Recent). */
  recent?: readonly string[]
  onOpenRecent?: (filePath: string) => void
}

/** One menu command: its label, and the key the renderer maps to the same command (Electron accelerator syntax). */
export interface MenuEntry {
  label: string
  command: MenuCommand
  key: string
}

type Section = readonly (MenuEntry | 'separator')[]

export const FILE_ENTRIES: Section = [
  { label: 'New Project', command: 'new', key: 'CmdOrCtrl+N' },
  { label: 'Open Project…', command: 'open', key: 'CmdOrCtrl+O' },
]
export const FILE_SAVE_ENTRIES: Section = [
  { label: 'Save', command: 'save', key: 'CmdOrCtrl+S' },
  { label: 'Save As…', command: 'saveAs', key: 'Shift+CmdOrCtrl+S' },
  'separator',
  { label: 'Import…', command: 'import', key: 'CmdOrCtrl+I' },
  { label: 'Export…', command: 'export', key: 'CmdOrCtrl+E' },
  'separator',
  { label: 'Settings…', command: 'settings', key: 'CmdOrCtrl+,' },
]
export const EDIT_ENTRIES: Section = [
  { label: 'Undo', command: 'undo', key: 'CmdOrCtrl+Z' },
  { label: 'Redo', command: 'redo', key: 'Shift+CmdOrCtrl+Z' },
]
export const EDIT_TIMELINE_ENTRIES: Section = [
  { label: 'Delete', command: 'delete', key: 'Delete' },
  { label: 'Ripple Delete', command: 'rippleDelete', key: 'Shift+Delete' },
  { label: 'Deselect', command: 'deselect', key: 'Escape' },
]
export const TIMELINE_ENTRIES: Section = [
  { label: 'Split at Playhead', command: 'split', key: 'S' },
  { label: 'Mark In', command: 'markIn', key: 'I' },
  { label: 'Mark Out', command: 'markOut', key: 'O' },
  { label: 'Snapping On/Off', command: 'toggleSnap', key: 'N' },
  'separator',
  { label: 'Previous Edit', command: 'previousEdit', key: 'Up' },
  { label: 'Next Edit', command: 'nextEdit', key: 'Down' },
  { label: 'Go to Start', command: 'goToStart', key: 'Home' },
  { label: 'Go to End', command: 'goToEnd', key: 'End' },
  'separator',
  { label: 'Back One Frame', command: 'frameBack', key: 'Left' },
  { label: 'Forward One Frame', command: 'frameForward', key: 'Right' },
  { label: 'Back 10 Frames', command: 'framesBack10', key: 'Shift+Left' },
  { label: 'Forward 10 Frames', command: 'framesForward10', key: 'Shift+Right' },
]
export const PLAYBACK_ENTRIES: Section = [
  { label: 'Play / Stop', command: 'playPause', key: 'Space' },
  { label: 'Play Backwards (again: faster)', command: 'reverse', key: 'J' },
  { label: 'Stop', command: 'stop', key: 'K' },
  { label: 'Play Forwards (again: faster)', command: 'forward', key: 'L' },
]
export const VIEW_ENTRIES: Section = [
  { label: 'Zoom In', command: 'zoomIn', key: 'Plus' },
  { label: 'Zoom Out', command: 'zoomOut', key: '-' },
  { label: 'Zoom to Fit', command: 'zoomFit', key: '\\' },
]

const MODIFIERS = /^(CmdOrCtrl|CommandOrControl|Cmd|Command|Ctrl|Control|Alt|Option|AltGr|Super|Meta)\+/i

/** A key with Ctrl/Cmd/Alt/Super is safe to register; Shift alone still types into fields. */
export function hasCommandModifier(accelerator: string): boolean {
  return accelerator.split('+').some((part) => MODIFIERS.test(`${part}+`))
}

const KEY_TEXT: Readonly<Record<string, string>> = {
  Plus: '+',
  Up: '↑',
  Down: '↓',
  Left: '←',
  Right: '→',
  Escape: 'Esc',
}

/** How macOS shows a bare key after the label: "Shift+Left" → "⇧←". */
function macKeyText(key: string): string {
  return key
    .split('+')
    .map((part) => (part === 'Shift' ? '⇧' : (KEY_TEXT[part] ?? part)))
    .join('')
}

function recentLabels(recent: readonly string[]): string[] {
  const names = recent.map((p) => path.basename(p).replace(/\.mmaudio$/i, ''))
  // Two projects with the same name: say which folder each is in.
  return names.map((name, i) =>
    names.indexOf(name) !== names.lastIndexOf(name) ? `${name} — ${path.dirname(recent[i]!)}` : name,
  )
}

export function buildMenuTemplate({
  isDev,
  isMac,
  onCommand,
  recent = [],
  onOpenRecent,
}: MenuOptions): MenuItemConstructorOptions[] {
  const item = ({ label, command, key }: MenuEntry): MenuItemConstructorOptions => {
    const base = { enabled: onCommand !== undefined, click: () => onCommand?.(command) }
    if (hasCommandModifier(key)) return { ...base, label, accelerator: key }
    if (isMac) return { ...base, label: `${label}    ${macKeyText(key)}` }
    return { ...base, label, accelerator: key, registerAccelerator: false }
  }
  const section = (entries: Section): MenuItemConstructorOptions[] =>
    entries.map((e) => (e === 'separator' ? { type: 'separator' as const } : item(e)))
  const labels = recentLabels(recent)
  const openRecent: MenuItemConstructorOptions = {
    label: 'Open Recent',
    submenu:
      recent.length === 0
        ? [{ label: 'No Recent Projects', enabled: false }]
        : recent.map((filePath, i) => ({
            label: labels[i]!,
            enabled: onOpenRecent !== undefined,
            click: () => onOpenRecent?.(filePath),
          })),
  }

  const template: MenuItemConstructorOptions[] = [
    ...(isMac ? [{ role: 'appMenu' as const }] : []),
    {
      label: 'File',
      submenu: [
        ...section(FILE_ENTRIES),
        openRecent,
        { type: 'separator' },
        ...section(FILE_SAVE_ENTRIES),
        { type: 'separator' },
        isMac ? { role: 'close' } : { role: 'quit' },
      ],
    },
    {
      label: 'Edit',
      submenu: [
        ...section(EDIT_ENTRIES),
        { type: 'separator' },
        { role: 'cut' },
        { role: 'copy' },
        { role: 'paste' },
        { role: 'selectAll' },
        { type: 'separator' },
        ...section(EDIT_TIMELINE_ENTRIES),
      ],
    },
    { label: 'Timeline', submenu: section(TIMELINE_ENTRIES) },
    { label: 'Playback', submenu: section(PLAYBACK_ENTRIES) },
    {
      label: 'View',
      submenu: [
        ...section(VIEW_ENTRIES),
        ...(isDev
          ? [
              { type: 'separator' as const },
              { role: 'reload' as const },
              { role: 'forceReload' as const },
              { role: 'toggleDevTools' as const },
            ]
          : []),
      ],
    },
    ...(isMac ? [{ role: 'windowMenu' as const }] : []),
  ]
  return template
}

export function installMenu(options: MenuOptions): void {
  Menu.setApplicationMenu(Menu.buildFromTemplate(buildMenuTemplate(options)))
}
