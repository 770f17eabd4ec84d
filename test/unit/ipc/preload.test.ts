import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { eventContract, invokeContract } from '../../../shared/ipc/contract'
import { EVENT_CHANNELS, INVOKE_CHANNELS, type IpcBridge } from '../../../shared/ipc/channels'

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

  async function load(): Promise<IpcBridge> {
    Object.defineProperty(process, 'contextIsolated', { value: true, configurable: true })
    await import('../../../electron/preload/index')
    return electron.exposed.ipc as IpcBridge
  }

  it('refuses to run without context isolation', async () => {
    Object.defineProperty(process, 'contextIsolated', { value: false, configurable: true })
    await expect(import('../../../electron/preload/index')).rejects.toThrow(/context isolation/)
    expect(electron.exposed.ipc).toBeUndefined()
  })

  it('forwards listed channels and rejects anything else without touching ipcRenderer', async () => {
    const bridge = await load()
    await expect(bridge.invoke('job:list', {})).resolves.toEqual({ ok: true, data: { channel: 'job:list', input: {} } })
    await expect(bridge.invoke('fs:readFile', {})).rejects.toThrow(/Unsupported IPC channel/)
    await expect(bridge.invoke('constructor', {})).rejects.toThrow(/Unsupported IPC channel/)
    expect(electron.ipcRenderer.invoke).toHaveBeenCalledTimes(1)
  })

  it('subscribes only to listed events, passes the payload alone, and unsubscribes', async () => {
    const bridge = await load()
    const seen: unknown[] = []
    const off = bridge.on('job:update', (payload) => seen.push(payload))
    for (const fn of electron.listeners.get('job:update') ?? []) fn({ sender: 'secret' }, { jobId: 'a' })
    expect(seen).toEqual([{ jobId: 'a' }])
    off()
    expect(electron.listeners.get('job:update')?.size).toBe(0)
    expect(() => bridge.on('menu:anything', () => undefined)).toThrow(/Unsupported IPC event/)
  })

  it('resolves dropped files through webUtils', async () => {
    const bridge = await load()
    expect(bridge.getPathForFile({ name: 'clip.mp4' })).toBe('/dropped/clip.mp4')
  })
})
