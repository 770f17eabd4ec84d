import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it, vi } from 'vitest'

const electron = vi.hoisted(() => ({
  open: { canceled: false, filePaths: ['/v/a.mp4', '/v/b.mov'] } as { canceled: boolean; filePaths: string[] },
  save: { canceled: false, filePath: '/out/final.mp4' } as { canceled: boolean; filePath?: string },
  openOptions: [] as unknown[],
  saveOptions: [] as unknown[],
  shown: [] as string[],
  recentDocuments: [] as string[],
  notifications: [] as {
    options: { title: string; body: string }
    handlers: Map<string, () => void>
    shown: boolean
  }[],
  supported: true,
}))

vi.mock('electron', () => ({
  dialog: {
    showOpenDialog: async (...args: unknown[]) => {
      electron.openOptions.push(args.at(-1))
      return electron.open
    },
    showSaveDialog: async (...args: unknown[]) => {
      electron.saveOptions.push(args.at(-1))
      return electron.save
    },
  },
  shell: { showItemInFolder: (p: string) => void electron.shown.push(p) },
  app: { addRecentDocument: (p: string) => void electron.recentDocuments.push(p) },
  Notification: class {
    static isSupported = () => electron.supported
    handlers = new Map<string, () => void>()
    record: (typeof electron.notifications)[number]
    constructor(options: { title: string; body: string }) {
      this.record = { options, handlers: this.handlers, shown: false }
      electron.notifications.push(this.record)
    }
    on(name: string, fn: () => void) {
      this.handlers.set(name, fn)
    }
    show() {
      this.record.shown = true
    }
  },
}))

const { createElectronDesktop } = await import('../../../electron/main/desktop')
const menus: (readonly string[])[] = []
const desktop = createElectronDesktop(
  () => null,
  (paths) => void menus.push(paths),
)

/** The parts of a BrowserWindow the desktop uses, recording what it is asked. */
function fakeWindow(state: { focused?: boolean; minimized?: boolean } = {}) {
  const calls: unknown[][] = []
  return {
    calls,
    isDestroyed: () => false,
    isFocused: () => state.focused ?? false,
    isMinimized: () => state.minimized ?? false,
    setProgressBar: (...args: unknown[]) => void calls.push(['progress', ...args]),
    restore: () => void calls.push(['restore']),
    show: () => void calls.push(['show']),
    focus: () => void calls.push(['focus']),
  }
}

describe('Electron Desktop', () => {
  it('opens several videos, and returns [] when cancelled', async () => {
    expect(await desktop.openVideos()).toEqual(['/v/a.mp4', '/v/b.mov'])
    expect(electron.openOptions.at(-1)).toMatchObject({ properties: ['openFile', 'multiSelections'] })
    electron.open = { canceled: true, filePaths: [] }
    expect(await desktop.openVideos()).toEqual([])
  })

  it('opens one project file (.mmaudio), and returns null when cancelled', async () => {
    electron.open = { canceled: false, filePaths: ['/films/Beach.mmaudio'] }
    expect(await desktop.openProject()).toBe('/films/Beach.mmaudio')
    expect(electron.openOptions.at(-1)).toMatchObject({
      properties: ['openFile'],
      filters: [{ extensions: ['mmaudio'] }],
    })
    electron.open = { canceled: true, filePaths: [] }
    expect(await desktop.openProject()).toBeNull()
  })

  it('saves with the filter of the kind, and returns null when cancelled', async () => {
    expect(await desktop.saveFile('final.mp4', 'mp4')).toBe('/out/final.mp4')
    expect(electron.saveOptions.at(-1)).toEqual({
      defaultPath: 'final.mp4',
      filters: [{ name: 'MP4 video', extensions: ['mp4'] }],
    })
    await desktop.saveFile('p.mmaudio', 'project')
    expect(electron.saveOptions.at(-1)).toMatchObject({ filters: [{ extensions: ['mmaudio'] }] })
    electron.save = { canceled: true }
    expect(await desktop.saveFile('x.wav', 'wav')).toBeNull()
  })

  it('reveals existing files only', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'desktop-'))
    writeFileSync(join(dir, 'a.mp4'), 'v')
    expect(await desktop.showInFolder(join(dir, 'a.mp4'))).toBe(true)
    expect(await desktop.showInFolder(join(dir, 'missing.mp4'))).toBe(false)
    expect(electron.shown).toEqual([join(dir, 'a.mp4')])
  })
})

describe('Electron Desktop: the taskbar, notifications and recent documents', () => {
  it('shows progress on the window’s taskbar / Dock icon, indeterminate when unknown, and removes it', () => {
    const win = fakeWindow()
    const d = createElectronDesktop(
      () => win as never,
      () => undefined,
    )
    d.setProgress(0.25)
    d.setProgress('indeterminate')
    d.setProgress(null)
    expect(win.calls).toEqual([
      ['progress', 0.25],
      ['progress', 2, { mode: 'indeterminate' }],
      ['progress', -1],
    ])
    expect(() => desktop.setProgress(0.5)).not.toThrow() // no window: nothing to show it on
  })

  it('notifies through the OS; a click restores and focuses the window', () => {
    const win = fakeWindow({ minimized: true })
    const d = createElectronDesktop(
      () => win as never,
      () => undefined,
    )
    expect(d.isFocused()).toBe(false)
    d.notify('Export finished', 'beach.mp4 is ready.')
    const note = electron.notifications.at(-1)!
    expect(note.options).toEqual({ title: 'Export finished', body: 'beach.mp4 is ready.' })
    expect(note.shown).toBe(true)
    note.handlers.get('click')!()
    expect(win.calls).toEqual([['restore'], ['show'], ['focus']])
    electron.supported = false
    d.notify('x', 'y')
    expect(electron.notifications.at(-1)).toBe(note)
    electron.supported = true
  })

  it('adds the newest recent project to the OS’s recent documents and rebuilds Open Recent', () => {
    desktop.recentProjectsChanged(['/films/Beach.mmaudio', '/films/Old.mmaudio'])
    expect(electron.recentDocuments).toEqual(['/films/Beach.mmaudio'])
    expect(menus).toEqual([['/films/Beach.mmaudio', '/films/Old.mmaudio']])
  })
})
