// electron/main/index.ts with Electron mocked: the start-up decisions, not Electron itself.
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { beforeEach, describe, expect, it, vi } from 'vitest'

const state = vi.hoisted(() => ({
  lock: true,
  missingMessage: null as string | null,
  appEvents: new Map<string, (...args: unknown[]) => void>(),
  errorBoxes: [] as [string, string][],
  quit: 0,
  windows: 0,
  schemes: 0,
  handled: [] as string[],
  ipcChannels: [] as string[],
  userData: '',
  ready: Promise.resolve(),
}))

vi.mock('electron', () => {
  class BrowserWindow {
    static getAllWindows = () => []
    webContents = {
      on: () => undefined,
      setWindowOpenHandler: () => undefined,
      session: { setPermissionRequestHandler: () => undefined, setPermissionCheckHandler: () => undefined },
    }
    constructor() {
      state.windows += 1
    }
    on() {}
    once() {}
    loadURL() {
      return Promise.resolve()
    }
  }
  const app = {
    isPackaged: true,
    requestSingleInstanceLock: () => state.lock,
    on: (name: string, fn: (...args: unknown[]) => void) => void state.appEvents.set(name, fn),
    whenReady: () => state.ready,
    quit: () => void (state.quit += 1),
    getPath: () => state.userData,
    getVersion: () => '0.1.0',
  }
  return {
    app,
    BrowserWindow,
    dialog: { showErrorBox: (title: string, body: string) => void state.errorBoxes.push([title, body]) },
    protocol: {
      registerSchemesAsPrivileged: () => void (state.schemes += 1),
      handle: (scheme: string) => void state.handled.push(scheme),
    },
    ipcMain: { handle: (channel: string) => void state.ipcChannels.push(channel), removeHandler: () => undefined },
    Menu: { buildFromTemplate: (t: unknown) => t, setApplicationMenu: () => undefined },
    safeStorage: {
      isAsyncEncryptionAvailable: async () => false,
      getSelectedStorageBackend: () => 'basic_text',
    },
    shell: {},
    default: {},
  }
})

async function boot(): Promise<void> {
  vi.resetModules()
  // Registered per boot, so the AppError it throws is the class of this fresh module graph.
  vi.doMock('../../../electron/media/binaries', async () => {
    const { AppError } = await import('../../../shared/domain/errors')
    return {
      resolveBinaries: () => {
        if (state.missingMessage) throw new AppError('FFMPEG_MISSING', state.missingMessage)
        return { ffmpeg: '/usr/bin/ffmpeg', ffprobe: '/usr/bin/ffprobe' }
      },
    }
  })
  await import('../../../electron/main/index')
  await state.ready
  await new Promise((r) => setTimeout(r, 0))
}

beforeEach(() => {
  Object.assign(state, {
    lock: true, missingMessage: null, errorBoxes: [], quit: 0, windows: 0, schemes: 0, handled: [], ipcChannels: [],
    userData: mkdtempSync(join(tmpdir(), 'lifecycle-')),
  })
  state.appEvents.clear()
})

describe('main process start-up', () => {
  it('registers media://, IPC for every channel and opens one window when ffmpeg is there', async () => {
    await boot()
    expect(state.schemes).toBe(1)
    expect(state.handled).toEqual(['media'])
    expect(state.ipcChannels.length).toBeGreaterThan(10)
    expect(state.windows).toBe(1)
    expect(state.errorBoxes).toEqual([])
    expect(state.appEvents.has('before-quit')).toBe(true)
  })

  it('shows one clear error box and quits when ffmpeg or ffprobe is missing', async () => {
    state.missingMessage = 'MMAudio Studio cannot find ffprobe. Reinstall the app.'
    await boot()
    expect(state.errorBoxes).toEqual([['MMAudio Studio cannot start', 'MMAudio Studio cannot find ffprobe. Reinstall the app.']])
    expect(state.quit).toBe(1)
    expect(state.windows).toBe(0)
    expect(state.ipcChannels).toEqual([])
  })

  it('a second instance quits at once and only focuses the first', async () => {
    state.lock = false
    await boot()
    expect(state.quit).toBe(1)
    expect(state.schemes).toBe(0)
    expect(state.windows).toBe(0)
  })
})
