// The window's close over unsaved changes, with Electron's dialog mocked: no question when clean; Cancel stays;
// Don't Save closes and drops the autosave; Save runs the renderer's Save and closes once it is clean.
import { describe, expect, it, vi } from 'vitest'
import { createCloseGuard } from '../../../electron/project/closeGuard'

const electron = vi.hoisted(() => ({ response: 0, asked: [] as string[] }))
vi.mock('electron', () => ({
  dialog: {
    showMessageBox: async (_win: unknown, options: { message: string }) => {
      electron.asked.push(options.message)
      return { response: electron.response }
    },
  },
}))
const { guardUnsavedClose } = await import('../../../electron/main/closePrompt')

function fakeWindow() {
  const handlers = new Map<string, (e: { preventDefault(): void }) => void>()
  const sent: unknown[] = []
  const win = {
    closed: 0,
    prevented: 0,
    sent,
    on: (name: string, fn: (e: { preventDefault(): void }) => void) => void handlers.set(name, fn),
    isDestroyed: () => false,
    webContents: {
      isDestroyed: () => false,
      send: (event: string, payload: unknown) => void sent.push([event, payload]),
    },
    /** What Electron does on close(): run 'close' listeners, close unless one prevented it. */
    close() {
      let prevented = false
      handlers.get('close')?.({
        preventDefault: () => {
          prevented = true
        },
      })
      if (prevented) win.prevented++
      else win.closed++
    },
  }
  return win
}

function fakeProjects() {
  const closeGuard = createCloseGuard()
  const ready = new Set<() => void>()
  const discarded: string[] = []
  return {
    closeGuard,
    discarded,
    discardRecovery: async (id?: string) => {
      discarded.push(id ?? '*')
      return 1
    },
    onCloseReady: (l: () => void) => {
      ready.add(l)
      return () => ready.delete(l)
    },
    status(s: { projectId: string; name: string; dirty: boolean }) {
      if (closeGuard.setStatus(s)) for (const l of ready) l()
    },
  }
}

const settle = () => new Promise((r) => setTimeout(r, 0))
const quits: number[] = []

describe('closing the window', () => {
  it('closes at once when nothing is unsaved', () => {
    const win = fakeWindow()
    const projects = fakeProjects()
    guardUnsavedClose(win as never, projects as never, () => void quits.push(1))
    win.close()
    expect(win.closed).toBe(1)
  })

  it('asks when dirty: Cancel stays, Don’t Save closes and drops the autosave', async () => {
    const win = fakeWindow()
    const projects = fakeProjects()
    guardUnsavedClose(win as never, projects as never, () => void quits.push(1))
    projects.status({ projectId: 'p1', name: 'Beach', dirty: true })
    electron.response = 2
    win.close()
    await settle()
    expect(electron.asked.at(-1)).toBe('Save changes to “Beach” before closing?')
    expect(win.closed).toBe(0)
    electron.response = 1
    win.close()
    await settle()
    await settle()
    expect(projects.discarded).toEqual(['p1'])
    expect(win.closed).toBe(1)
  })

  it('Save asks the renderer to save and closes when it reports the project clean', async () => {
    const win = fakeWindow()
    const projects = fakeProjects()
    guardUnsavedClose(win as never, projects as never, () => void quits.push(1))
    projects.status({ projectId: 'p1', name: 'Beach', dirty: true })
    electron.response = 0
    win.close()
    await settle()
    expect(win.sent).toEqual([['menu:command', { command: 'save' }]])
    expect(win.closed).toBe(0)
    projects.status({ projectId: 'p1', name: 'Beach', dirty: false })
    expect(win.closed).toBe(1)
  })

  it('during a quit, Don’t Save resumes the quit instead of only closing the window', async () => {
    const win = fakeWindow()
    const projects = fakeProjects()
    const flow = guardUnsavedClose(win as never, projects as never, () => void quits.push(1))
    projects.status({ projectId: 'p1', name: 'Beach', dirty: true })
    electron.response = 1
    const before = quits.length
    flow.quitRequested()
    win.close()
    await settle()
    await settle()
    expect(quits.length).toBe(before + 1)
    expect(win.closed).toBe(0)
  })
})
