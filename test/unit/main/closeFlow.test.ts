// Closing and quitting over unsaved changes, against a double of Electron's own quit order (shell/browser/
// browser.cc): app.quit() emits 'before-quit', then closes each window; a 'close' that is prevented cancels the
// quit; once every window is gone 'will-quit' follows, or, when no quit is under way, 'window-all-closed' (on
// which only Windows/Linux quit). Running work is stopped at 'will-quit', as index.ts does.
import { describe, expect, it } from 'vitest'
import { createCloseFlow } from '../../../electron/main/closeFlow'
import { createCloseGuard, type CloseChoice } from '../../../electron/project/closeGuard'

function fakeElectron(platform: 'darwin' | 'linux') {
  const app = {
    quitting: false,
    ended: false,
    aborted: 0,
    beforeQuit: [] as (() => void)[],
    quit() {
      if (app.quitting || app.ended) return
      for (const l of app.beforeQuit) l()
      app.quitting = true
      if (windows.size === 0) app.willQuit()
      else for (const w of [...windows]) w.close()
    },
    willQuit() {
      app.aborted++ // what index.ts does at 'will-quit': stop every ffmpeg
      app.ended = true
    },
  }
  const windows = new Set<ReturnType<typeof openWindow>>()
  function openWindow(onClose: () => boolean) {
    const win = {
      open: true,
      close() {
        if (!win.open) return
        if (onClose()) {
          app.quitting = false // a prevented close cancels the quit (Browser::OnWindowCloseCancelled)
          return
        }
        win.open = false
        windows.delete(win)
        if (windows.size > 0) return
        if (app.quitting) app.willQuit()
        else if (platform !== 'darwin') app.quit() // 'window-all-closed'
      },
    }
    windows.add(win)
    return win
  }
  return { app, openWindow }
}

const settle = async () => {
  for (let i = 0; i < 5; i++) await new Promise((r) => setTimeout(r, 0))
}

/** One window guarded like closePrompt.ts guards it, with the person's next answer queued. */
function setup(platform: 'darwin' | 'linux') {
  const electron = fakeElectron(platform)
  const guard = createCloseGuard()
  const said = { answer: 'cancel' as CloseChoice, asked: 0, saves: 0, discarded: 0 }
  let flow: ReturnType<typeof createCloseFlow>
  const open = () => {
    const win = electron.openWindow(() => flow.closeRequested())
    flow = createCloseFlow({
      guard,
      ask: async () => {
        said.asked++
        return said.answer
      },
      requestSave: () => void said.saves++,
      discardRecovery: async () => void said.discarded++,
      closeWindow: () => win.close(),
      quitApp: () => electron.app.quit(),
    })
    return win
  }
  electron.app.beforeQuit.push(() => flow.quitRequested())
  const dirty = () => guard.setStatus({ projectId: 'p1', name: 'Beach', dirty: true })
  /** The renderer's Save finished: the project is clean and the pending close goes on. */
  const saveFinished = () => {
    if (guard.setStatus({ projectId: 'p1', name: 'Beach', dirty: false })) flow.saved()
  }
  return { app: electron.app, open, guard, said, dirty, saveFinished }
}

describe('quitting over unsaved changes', () => {
  for (const platform of ['darwin', 'linux'] as const) {
    it(`${platform}: Cancel keeps the app running and stops nothing`, async () => {
      const { app, open, said, dirty } = setup(platform)
      const win = open()
      dirty()
      said.answer = 'cancel'
      app.quit()
      expect(app.aborted).toBe(0) // nothing stopped while the question is open
      await settle()
      expect(said.asked).toBe(1)
      expect([win.open, app.ended, app.aborted]).toEqual([true, false, 0])
    })

    it(`${platform}: Don’t Save quits the app (the window does not linger alone), and only then stops the work`, async () => {
      const { app, open, said, dirty } = setup(platform)
      const win = open()
      dirty()
      said.answer = 'discard'
      app.quit()
      expect(app.aborted).toBe(0)
      await settle()
      expect([win.open, app.ended, app.aborted, said.discarded]).toEqual([false, true, 1, 1])
    })

    it(`${platform}: Save quits once the save has finished; a cancelled save dialog keeps it all`, async () => {
      const { app, open, said, dirty, saveFinished } = setup(platform)
      const win = open()
      dirty()
      said.answer = 'save'
      app.quit()
      await settle()
      expect(said.saves).toBe(1)
      expect([win.open, app.ended, app.aborted]).toEqual([true, false, 0])
      saveFinished()
      expect([win.open, app.ended, app.aborted]).toEqual([false, true, 1])

      // Again, but the person cancels the save dialog: nothing closes, and a later plain close is not a quit.
      const again = setup(platform)
      const w2 = again.open()
      again.dirty()
      again.said.answer = 'save'
      again.app.quit()
      await settle()
      again.guard.saveAbandoned()
      again.saveFinished()
      expect([w2.open, again.app.ended]).toEqual([true, false])
      w2.close()
      expect(w2.open).toBe(false)
      expect(again.app.ended).toBe(platform !== 'darwin')
    })
  }

  it('a clean project quits at once', () => {
    const { app, open } = setup('darwin')
    const win = open()
    app.quit()
    expect([win.open, app.ended, app.aborted]).toEqual([false, true, 1])
  })
})

describe('closing the window (macOS keeps the app, and the Dock reopens a window)', () => {
  it('asks again in the reopened window after a Don’t Save', async () => {
    const { app, open, said, dirty } = setup('darwin')
    const first = open()
    dirty()
    said.answer = 'discard'
    first.close()
    await settle()
    expect([first.open, app.ended, said.asked]).toEqual([false, false, 1])

    const second = open() // the Dock's 'activate'
    dirty()
    said.answer = 'cancel'
    second.close()
    await settle()
    expect(said.asked).toBe(2)
    expect(second.open).toBe(true)
  })

  it('a question already open absorbs a quit asked meanwhile: Don’t Save then quits', async () => {
    const { app, open, said, dirty } = setup('darwin')
    const win = open()
    dirty()
    said.answer = 'discard'
    win.close() // the question opens…
    app.quit() // …and Cmd+Q arrives before it is answered
    await settle()
    expect(said.asked).toBe(1)
    expect([win.open, app.ended]).toEqual([false, true])
  })
})
