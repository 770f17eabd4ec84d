// The native menu against the renderer's own key maps: every command the editor has a key for is in a menu,
// each menu item shows a key that the renderer maps to that same command, bare keys are never registered with
// the OS (they would be taken from text fields), and File → Open Recent opens what it lists.
import { describe, expect, it, vi } from 'vitest'
import type { MenuItemConstructorOptions } from 'electron'
import { commandForKey, type KeyPress } from '../../../renderer/src/features/editor/shortcuts'
import { fileCommandForKey, isExportKey } from '../../../renderer/src/features/project/fileShortcuts'
import { transportKeyFor } from '../../../renderer/src/features/playback/transportKeys'

vi.mock('electron', () => ({ Menu: { buildFromTemplate: (t: unknown) => t, setApplicationMenu: () => undefined } }))
const menu = await import('../../../electron/main/menu')
const { buildMenuTemplate, hasCommandModifier } = menu

const ENTRIES = [
  menu.FILE_ENTRIES,
  menu.FILE_SAVE_ENTRIES,
  menu.EDIT_ENTRIES,
  menu.EDIT_TIMELINE_ENTRIES,
  menu.TIMELINE_ENTRIES,
  menu.PLAYBACK_ENTRIES,
  menu.VIEW_ENTRIES,
].flatMap((s) => s.filter((e) => e !== 'separator'))

/** Everything the renderer's key handlers do with one key press. */
function rendererCommands(k: KeyPress): string[] {
  const exportKey = isExportKey(k) ? 'export' : null
  return [fileCommandForKey(k), exportKey, transportKeyFor(k), commandForKey(k)].filter(
    (c): c is NonNullable<typeof c> => c !== null,
  )
}

const ELECTRON_KEY: Readonly<Record<string, string>> = {
  Plus: '+',
  Space: ' ',
  Up: 'ArrowUp',
  Down: 'ArrowDown',
  Left: 'ArrowLeft',
  Right: 'ArrowRight',
}

/** An Electron accelerator as the key press the page sees (CmdOrCtrl as Ctrl, and as Cmd). */
function keyPresses(accelerator: string): KeyPress[] {
  const parts = accelerator.split('+')
  const key = parts.at(-1) === '' ? '+' : parts.at(-1)!
  const mods = new Set(parts.slice(0, -1))
  const base = {
    key: ELECTRON_KEY[key] ?? (key.length === 1 ? key.toLowerCase() : key),
    shiftKey: mods.has('Shift'),
    altKey: mods.has('Alt'),
  }
  if (!mods.has('CmdOrCtrl')) return [{ ...base, ctrlKey: false, metaKey: false }]
  return [
    { ...base, ctrlKey: true, metaKey: false },
    { ...base, ctrlKey: false, metaKey: true },
  ]
}

// Every key a person might press, with every modifier mix.
const KEYS = [
  ..."abcdefghijklmnopqrstuvwxyz0123456789+-=_\\,./;'[]`".split(''),
  ' ',
  'Delete',
  'Backspace',
  'Escape',
  'Enter',
  'Tab',
  'ArrowLeft',
  'ArrowRight',
  'ArrowUp',
  'ArrowDown',
  'Home',
  'End',
  'PageUp',
  'PageDown',
]
const MODS = [0, 1, 2, 3, 4, 5, 6, 7, 8].map((m) => ({
  ctrlKey: (m & 1) > 0,
  metaKey: m === 8,
  shiftKey: (m & 2) > 0,
  altKey: (m & 4) > 0,
}))

type Item = MenuItemConstructorOptions
const allItems = (t: Item[]): Item[] =>
  t.flatMap((m) => [m, ...(Array.isArray(m.submenu) ? allItems(m.submenu as Item[]) : [])])
const commandItems = (t: Item[]) => allItems(t).filter((i) => i.click && !i.submenu && i.label !== undefined && !i.role)

describe('the native menu and the editor’s keys', () => {
  it('has every command the editor has a key for', () => {
    const inMenu = new Set(ENTRIES.map((e) => e.command))
    const keyed = new Set(KEYS.flatMap((key) => MODS.flatMap((m) => rendererCommands({ key, ...m }))))
    expect(keyed.size).toBeGreaterThan(25)
    expect([...keyed].filter((c) => !inMenu.has(c as never))).toEqual([])
  })

  it('shows, for each item, a key the renderer maps to that same command', () => {
    for (const entry of ENTRIES) {
      for (const press of keyPresses(entry.key)) {
        expect(rendererCommands(press), `${entry.label}: ${entry.key}`).toEqual([entry.command])
      }
    }
  })

  it('writes keys in Electron’s accelerator syntax', () => {
    const KEY =
      /^([A-Z0-9]|F\d{1,2}|Plus|Space|Tab|Backspace|Delete|Insert|Return|Enter|Up|Down|Left|Right|Home|End|PageUp|PageDown|Escape|Esc|[-=,./\\;'[\]`])$/
    for (const { key } of ENTRIES) {
      const parts = key.split('+')
      expect(
        parts.slice(0, -1).every((m) => ['CmdOrCtrl', 'Shift', 'Alt'].includes(m)),
        key,
      ).toBe(true)
      expect(KEY.test(parts.at(-1)!), key).toBe(true)
    }
  })
})

describe('buildMenuTemplate', () => {
  const labels = (t: Item[]) => t.map((m) => m.label ?? m.role)

  it('has File, Edit, Timeline, Playback and View (macOS adds the app and Window menus; development adds reload and devtools)', () => {
    expect(labels(buildMenuTemplate({ isDev: false, isMac: false }))).toEqual([
      'File',
      'Edit',
      'Timeline',
      'Playback',
      'View',
    ])
    expect(labels(buildMenuTemplate({ isDev: false, isMac: true }))).toEqual([
      'appMenu',
      'File',
      'Edit',
      'Timeline',
      'Playback',
      'View',
      'windowMenu',
    ])
    const roles = (dev: boolean) =>
      allItems(buildMenuTemplate({ isDev: dev, isMac: false }))
        .map((i) => i.role)
        .filter(Boolean)
    expect(roles(true)).toContain('toggleDevTools')
    expect(roles(false)).not.toContain('toggleDevTools')
  })

  it('registers only keys with Ctrl/Cmd; on Windows/Linux a bare key is shown but not registered, on macOS written after the label', () => {
    const onCommand = vi.fn()
    const win = commandItems(buildMenuTemplate({ isDev: false, isMac: false, onCommand })).filter(
      (i) => i.label !== 'No Recent Projects',
    )
    const mac = commandItems(buildMenuTemplate({ isDev: false, isMac: true, onCommand }))
    expect(win.map((i) => i.accelerator)).toEqual(ENTRIES.map((e) => e.key))
    for (const item of win) {
      expect(item.registerAccelerator, item.label).toBe(
        hasCommandModifier(item.accelerator as string) ? undefined : false,
      )
    }
    const split = mac.find((i) => String(i.label).startsWith('Split at Playhead'))!
    expect(split.accelerator).toBeUndefined()
    expect(split.label).toBe('Split at Playhead    S')
    expect(mac.find((i) => String(i.label).startsWith('Back 10 Frames'))!.label).toBe('Back 10 Frames    ⇧←')
    expect(mac.find((i) => i.label === 'Save')!.accelerator).toBe('CmdOrCtrl+S')
    expect(hasCommandModifier('Shift+Delete')).toBe(false)
  })

  it('delivers every command to the renderer, and is greyed out while nothing can receive it', () => {
    expect(commandItems(buildMenuTemplate({ isDev: false, isMac: false })).every((i) => i.enabled === false)).toBe(true)
    const onCommand = vi.fn()
    for (const item of commandItems(buildMenuTemplate({ isDev: false, isMac: false, onCommand })))
      item.click?.({} as never, undefined, {} as never)
    expect(onCommand.mock.calls.flat()).toEqual(ENTRIES.map((e) => e.command))
  })

  it('File → Open Recent lists the recent projects by name, says which folder when two share one, and opens the one chosen', () => {
    const onOpenRecent = vi.fn()
    const openRecent = (recent: string[]) =>
      allItems(buildMenuTemplate({ isDev: false, isMac: false, recent, onOpenRecent })).find(
        (i) => i.label === 'Open Recent',
      )!.submenu as Item[]
    expect(openRecent([]).map((i) => [i.label, i.enabled])).toEqual([['No Recent Projects', false]])
    const items = openRecent(['/films/Beach.mmaudio', '/a/Forest.mmaudio', '/b/Forest.mmaudio'])
    expect(items.map((i) => i.label)).toEqual(['Beach', 'Forest — /a', 'Forest — /b'])
    items[2]!.click?.({} as never, undefined, {} as never)
    expect(onOpenRecent).toHaveBeenCalledWith('/b/Forest.mmaudio')
  })
})
