import { describe, expect, it, vi } from 'vitest'

const fake = vi.hoisted(() => {
  const created: { options: Record<string, unknown>; win: Record<string, unknown> }[] = []
  const menus: unknown[] = []
  return { created, menus }
})

vi.mock('electron', () => {
  class BrowserWindow {
    listeners = new Map<string, (...args: unknown[]) => void>()
    loaded: string | null = null
    openHandler: ((details: unknown) => unknown) | null = null
    permissionHandler: ((...args: unknown[]) => void) | null = null
    checkHandler: (() => boolean) | null = null
    webContents = {
      on: (name: string, fn: (...args: unknown[]) => void) => void this.listeners.set(name, fn),
      setWindowOpenHandler: (fn: (details: unknown) => unknown) => {
        this.openHandler = fn
      },
      session: {
        setPermissionRequestHandler: (fn: (...args: unknown[]) => void) => {
          this.permissionHandler = fn
        },
        setPermissionCheckHandler: (fn: () => boolean) => {
          this.checkHandler = fn
        },
      },
    }
    constructor(options: Record<string, unknown>) {
      fake.created.push({ options, win: this as unknown as Record<string, unknown> })
    }
    once() {}
    show() {}
    loadURL(url: string) {
      this.loaded = url
      return Promise.resolve()
    }
  }
  const Menu = {
    buildFromTemplate: (t: unknown) => t,
    setApplicationMenu: (m: unknown) => void fake.menus.push(m),
  }
  return { BrowserWindow, Menu }
})

const { createMainWindow, rendererLocation } = await import('../../../electron/main/window')

type FakeWindow = {
  listeners: Map<string, (...args: unknown[]) => void>
  loaded: string | null
  openHandler: (details: unknown) => unknown
  permissionHandler: (...args: unknown[]) => void
  checkHandler: () => boolean
}

describe('createMainWindow', () => {
  it('locks the renderer down', () => {
    createMainWindow('/app/out/main', rendererLocation('/app/out/main', undefined))
    const options = fake.created.at(-1)?.options ?? {}
    expect(options.webPreferences).toMatchObject({
      preload: '/app/out/preload/index.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      webviewTag: false,
      allowRunningInsecureContent: false,
    })
    expect(options.backgroundColor).toMatch(/^#1/)
  })

  it('loads the built file, or the dev server when given one', () => {
    createMainWindow('/app/out/main', rendererLocation('/app/out/main', undefined))
    expect((fake.created.at(-1)!.win as unknown as FakeWindow).loaded).toBe('file:///app/out/renderer/index.html')
    createMainWindow('/app/out/main', rendererLocation('/app/out/main', 'http://localhost:5173'))
    expect((fake.created.at(-1)!.win as unknown as FakeWindow).loaded).toBe('http://localhost:5173')
  })

  it('denies navigation, redirects, new windows and permissions', () => {
    createMainWindow('/app/out/main', rendererLocation('/app/out/main', undefined))
    const win = fake.created.at(-1)?.win as unknown as FakeWindow
    for (const name of ['will-navigate', 'will-redirect', 'will-attach-webview']) {
      const event = { preventDefault: vi.fn() }
      win.listeners.get(name)?.(event)
      expect(event.preventDefault, name).toHaveBeenCalled()
    }
    expect(win.openHandler({ url: 'https://example.com' })).toEqual({ action: 'deny' })
    const callback = vi.fn()
    win.permissionHandler({}, 'media', callback)
    expect(callback).toHaveBeenCalledWith(false)
    expect(win.checkHandler()).toBe(false)
  })
})
