// electron/main/index.ts with Electron mocked: the start-up decisions, not Electron itself.
import { mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { beforeEach, describe, expect, it, vi } from 'vitest'

const state = vi.hoisted(() => ({
  lock: true,
  lockReleased: 0,
  exitCodes: [] as number[],
  aborts: 0,
  ipcThrows: null as string | null,
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
      once: () => undefined,
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
    quit: () => {
      state.quit += 1
    },
    exit: (code: number) => void state.exitCodes.push(code),
    releaseSingleInstanceLock: () => {
      state.lockReleased += 1
    },
    setAppLogsPath: () => undefined,
    setAppUserModelId: () => undefined,
    addRecentDocument: () => undefined,
    getPath: (name: string) => (name === 'logs' ? `${state.userData}/logs` : state.userData),
    getVersion: () => '0.1.0',
  }
  return {
    app,
    BrowserWindow,
    dialog: { showErrorBox: (title: string, body: string) => void state.errorBoxes.push([title, body]) },
    protocol: {
      registerSchemesAsPrivileged: () => {
        state.schemes += 1
      },
      handle: (scheme: string) => void state.handled.push(scheme),
    },
    ipcMain: {
      handle: (channel: string) => {
        if (state.ipcThrows) throw new Error(state.ipcThrows)
        state.ipcChannels.push(channel)
      },
      removeHandler: () => undefined,
    },
    Notification: { isSupported: () => false },
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
  // The real runner, with abortAll counted: when it is called is what the quit order is about.
  vi.doMock('../../../electron/media/ffmpeg/run', async (importOriginal) => {
    const real = await importOriginal<typeof import('../../../electron/media/ffmpeg/run')>()
    return {
      ...real,
      createFfmpegRunner: (...args: Parameters<typeof real.createFfmpegRunner>) => ({
        ...real.createFfmpegRunner(...args),
        abortAll: () => {
          state.aborts += 1
        },
      }),
    }
  })
  await import('../../../electron/main/index')
  await state.ready
  await new Promise((r) => setTimeout(r, 0))
}

beforeEach(() => {
  Object.assign(state, {
    lock: true,
    lockReleased: 0,
    exitCodes: [],
    aborts: 0,
    ipcThrows: null,
    missingMessage: null,
    errorBoxes: [],
    quit: 0,
    windows: 0,
    schemes: 0,
    handled: [],
    ipcChannels: [],
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
    expect(state.appEvents.has('will-quit')).toBe(true)
  })

  it('stops running ffmpeg only at will-quit: at before-quit the close prompt may still cancel the quit', async () => {
    await boot()
    state.appEvents.get('before-quit')!({ preventDefault: () => undefined })
    expect(state.aborts).toBe(0)
    state.appEvents.get('will-quit')!({ preventDefault: () => undefined })
    expect(state.aborts).toBe(1)
  })

  it('ffmpeg or ffprobe missing: one error box with the reason and the log’s place, the lock released, exit', async () => {
    state.missingMessage = 'MMAudio Studio cannot find ffprobe. Reinstall the app.'
    await boot()
    const log = join(state.userData, 'logs', 'main.log')
    expect(state.errorBoxes).toEqual([
      [
        'MMAudio Studio cannot start',
        `MMAudio Studio cannot find ffprobe. Reinstall the app.\n\nThe log has the details: ${log}`,
      ],
    ])
    expect([state.lockReleased, state.exitCodes]).toEqual([1, [1]])
    expect(state.windows).toBe(0)
    expect(state.ipcChannels).toEqual([])
    expect(readFileSync(log, 'utf8')).toMatch(/ERROR Start-up failed: .*cannot find ffprobe/)
  })

  it('any other throw during start-up ends the same way instead of leaving a windowless process holding the lock', async () => {
    state.ipcThrows = 'Attempted to register a second handler'
    await boot()
    expect(state.errorBoxes).toHaveLength(1)
    expect(state.errorBoxes[0]![1]).toMatch(
      /^Something went wrong while starting: Attempted to register a second handler\n\nThe log has the details: .*main\.log$/,
    )
    expect([state.lockReleased, state.exitCodes, state.windows]).toEqual([1, [1], 0])
  })

  it('a second instance quits at once and only focuses the first', async () => {
    state.lock = false
    await boot()
    expect(state.quit).toBe(1)
    expect(state.schemes).toBe(0)
    expect(state.windows).toBe(0)
  })
})
