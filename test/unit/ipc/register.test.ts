import { describe, expect, it, vi } from 'vitest'
import { INVOKE_CHANNELS } from '../../../shared/ipc/channels'
import type { Handlers } from '../../../electron/ipc/handle'

const ipc = vi.hoisted(() => ({ handlers: new Map<string, (event: unknown, input: unknown) => unknown>() }))
vi.mock('electron', () => ({
  ipcMain: {
    handle: (channel: string, fn: (event: unknown, input: unknown) => unknown) => void ipc.handlers.set(channel, fn),
    removeHandler: (channel: string) => void ipc.handlers.delete(channel),
  },
}))

const { registerIpc, sendEvent } = await import('../../../electron/ipc/register')

const trusted = { fileUrl: 'file:///app/out/renderer/index.html', devServerUrl: null }
const mainFrame = { url: trusted.fileUrl, parent: null, processId: 1, routingId: 1 }
const eventFrom = (frame: object | null) => ({ senderFrame: frame, sender: { mainFrame } })

function setup() {
  const jobList = vi.fn(() => [])
  const handlers = new Proxy({} as Handlers, { get: (_t, k) => (k === 'job:list' ? jobList : () => ({})) })
  const errors: string[] = []
  const unregister = registerIpc(handlers, trusted, { logger: { error: (m) => void errors.push(m) } })
  return { jobList, errors, unregister }
}

describe('registerIpc', () => {
  it('handles every contract channel, and unregisters them all', () => {
    const { unregister } = setup()
    expect([...ipc.handlers.keys()].sort()).toEqual([...INVOKE_CHANNELS].sort())
    unregister()
    expect(ipc.handlers.size).toBe(0)
  })

  it('dispatches calls from our main frame', async () => {
    const { jobList, unregister } = setup()
    expect(await ipc.handlers.get('job:list')?.(eventFrom(mainFrame), {})).toEqual({ ok: true, data: [] })
    expect(jobList).toHaveBeenCalledOnce()
    unregister()
  })

  it('answers FORBIDDEN, without calling the handler, for subframes and foreign pages', async () => {
    const { jobList, errors, unregister } = setup()
    const call = ipc.handlers.get('job:list')
    for (const frame of [
      null,
      { ...mainFrame, parent: mainFrame, routingId: 2 },
      { ...mainFrame, url: 'https://evil.example/' },
    ]) {
      expect(await call?.(eventFrom(frame), {})).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    }
    expect(jobList).not.toHaveBeenCalled()
    expect(errors).toHaveLength(3)
    unregister()
  })
})

describe('sendEvent', () => {
  const contents = () => ({ isDestroyed: () => false, send: vi.fn() })
  const update = { jobId: 'j', kind: 'export', status: 'running', stage: 'mixing', progress: 0.5 } as const

  it('sends a valid payload on a contract event', () => {
    const c = contents()
    sendEvent(c as never, 'job:update', update)
    expect(c.send).toHaveBeenCalledWith('job:update', update)
  })

  it('drops unknown events, invalid payloads and destroyed windows', () => {
    const c = contents()
    sendEvent(c as never, 'menu:evil' as never, update as never)
    sendEvent(c as never, 'job:update', { ...update, progress: 7 })
    expect(c.send).not.toHaveBeenCalled()
    const gone = { isDestroyed: () => true, send: vi.fn() }
    sendEvent(gone as never, 'job:update', update)
    expect(gone.send).not.toHaveBeenCalled()
  })
})
