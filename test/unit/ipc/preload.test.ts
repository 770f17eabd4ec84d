import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { eventContract, invokeContract } from '../../../shared/ipc/contract'
import { EVENT_CHANNELS, INVOKE_CHANNELS, type DesktopBridge } from '../../../shared/ipc/channels'

const electron = vi.hoisted(() => {
  const listeners = new Map<string, Set<(...args: unknown[]) => void>>()
  const exposed: Record<string, unknown> = {}
  return {
    listeners,
    exposed,
    contextBridge: { exposeInMainWorld: (key: string, api: unknown) => void (exposed[key] = api) },
    ipcRenderer: {
      invoke: vi.fn(async (channel: string, input: unknown) => ({ ok: true, data: { channel, input } })),
      on: (channel: string, fn: (...args: unknown[]) => void) => {
        if (!listeners.has(channel)) listeners.set(channel, new Set())
        listeners.get(channel)?.add(fn)
      },
      removeListener: (channel: string, fn: (...args: unknown[]) => void) => listeners.get(channel)?.delete(fn),
    },
    webUtils: { getPathForFile: (file: { name: string }) => `/dropped/${file.name}` },
  }
})
vi.mock('electron', () => electron)

describe('channel lists', () => {
  it('the preload forwards exactly the contract invoke channels', () => {
    expect([...INVOKE_CHANNELS].sort()).toEqual(Object.keys(invokeContract).sort())
  })
  it('the preload listens on exactly the contract events', () => {
    expect([...EVENT_CHANNELS].sort()).toEqual(Object.keys(eventContract).sort())
  })
})

describe('preload bridge', () => {
  const isolated = Object.getOwnPropertyDescriptor(process, 'contextIsolated')
  beforeEach(() => {
    vi.resetModules()
    for (const k of Object.keys(electron.exposed)) delete electron.exposed[k]
    electron.listeners.clear()
    electron.ipcRenderer.invoke.mockClear()
  })
  afterEach(() => {
    if (isolated) Object.defineProperty(process, 'contextIsolated', isolated)
    else delete (process as { contextIsolated?: boolean }).contextIsolated
  })

  async function load(): Promise<DesktopBridge> {
    Object.defineProperty(process, 'contextIsolated', { value: true, configurable: true })
    await import('../../../electron/preload/index')
    return electron.exposed.desktop as DesktopBridge
  }

  it('refuses to run without context isolation', async () => {
    Object.defineProperty(process, 'contextIsolated', { value: false, configurable: true })
    await expect(import('../../../electron/preload/index')).rejects.toThrow(/context isolation/)
    expect(electron.exposed.desktop).toBeUndefined()
  })

  it('forwards listed channels and rejects anything else without touching ipcRenderer', async () => {
    const desktop = await load()
    await expect(desktop.invoke('job:list', {})).resolves.toEqual({ ok: true, data: { channel: 'job:list', input: {} } })
    await expect(desktop.invoke('fs:readFile', {})).rejects.toThrow(/Unsupported IPC channel/)
    await expect(desktop.invoke('constructor', {})).rejects.toThrow(/Unsupported IPC channel/)
    expect(electron.ipcRenderer.invoke).toHaveBeenCalledTimes(1)
  })

  it('subscribes only to listed events, passes the payload alone, and unsubscribes', async () => {
    const desktop = await load()
    const seen: unknown[] = []
    const off = desktop.on('job:update', (payload) => seen.push(payload))
    for (const fn of electron.listeners.get('job:update') ?? []) fn({ sender: 'secret' }, { jobId: 'a' })
    expect(seen).toEqual([{ jobId: 'a' }])
    off()
    expect(electron.listeners.get('job:update')?.size).toBe(0)
    expect(() => desktop.on('menu:anything', () => undefined)).toThrow(/Unsupported IPC event/)
  })

  it('resolves dropped files through webUtils', async () => {
    const desktop = await load()
    expect(desktop.getPathForFile({ name: 'clip.mp4' })).toBe('/dropped/clip.mp4')
  })
})
