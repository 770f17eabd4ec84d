// Projects in the app, in jsdom against a fake main: the menu's Save goes through the save dialog once, the
// dot clears and returns with an edit, autosave sends unsaved work every 30 s (and nothing when saved),
// recovery is offered on start, and New asks before dropping unsaved changes.
import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { Project } from '../../../../../shared/domain/project'
import { App } from '../../../../../renderer/src/App'
import { twoClipProject } from '../../fixtures'
import type { InvokeChannel } from '../../../../../shared/ipc/contract'
import { answering, installFakeBridge, inputsOf, type Answers, type Invoke } from '../../fakeBridge'

let calls: Invoke[]
let recovery: unknown
let push: (event: string, payload: unknown) => void

beforeEach(() => {
  vi.useFakeTimers({ shouldAdvanceTime: true })
  recovery = null
  const answers: Answers = {
    'dialog:saveFile': () => ({ path: '/films/Beach.mmaudio' }),
    'project:save': ({ path }) => ({ path }),
    'project:autosave': () => ({ savedAt: '2026-11-23T01:00:00.000Z' }),
    'project:recovery': () => ({ recovery }),
    'project:recent': () => ({ projects: [] }),
    'project:discardRecovery': () => ({ discarded: 1 }),
  }
  const bridge = installFakeBridge(answering(answers))
  calls = bridge.calls
  push = bridge.push
})
afterEach(() => {
  cleanup()
  vi.useRealTimers()
})

const press = (key: string, mods: Record<string, boolean> = {}) =>
  act(() => void fireEvent.keyDown(window, { key, ...mods }))
const title = () => screen.getByTestId('project-title').textContent
const sent = <C extends InvokeChannel>(channel: C) => inputsOf(calls, channel)
const splitAClip = () => {
  press('End')
  press('ArrowLeft')
  press('s')
}

describe('saving from the menu and the dot', () => {
  it('the first save asks where; later saves do not; an edit brings the dot back', async () => {
    render(<App initialProject={twoClipProject()} />)
    splitAClip()
    expect(title()).toMatch(/^• /)
    act(() => push('menu:command', { command: 'save' }))
    await waitFor(() => expect(title()).toBe('Beach'))
    expect(sent('dialog:saveFile')).toHaveLength(1)
    expect(sent('project:save')[0]!.project.clips).toHaveLength(3)
    await waitFor(() => expect(document.title).toBe('Beach — MMAudio Studio'))

    press('Home')
    press('ArrowRight', { shiftKey: true })
    press('s')
    expect(title()).toBe('• Beach')
    press('z', { ctrlKey: true })
    expect(title()).toBe('Beach')
    press('z', { ctrlKey: true })
    expect(title()).toBe('• Beach')
    press('z', { ctrlKey: true, shiftKey: true })
    expect(title()).toBe('Beach')
    press('z', { ctrlKey: true, shiftKey: true })
    expect(title()).toBe('• Beach')
    press('s', { ctrlKey: true })
    await waitFor(() => expect(title()).toBe('Beach'))
    expect(sent('dialog:saveFile')).toHaveLength(1)
    expect(sent('project:save').map((c) => c.path)).toEqual(['/films/Beach.mmaudio', '/films/Beach.mmaudio'])
  })
})

describe('one save at a time', () => {
  it('a second Ctrl+S while the first is still asking where does not open another dialog', async () => {
    render(<App initialProject={twoClipProject()} />)
    splitAClip()
    press('s', { ctrlKey: true })
    press('s', { ctrlKey: true })
    await waitFor(() => expect(title()).toBe('Beach'))
    expect(sent('dialog:saveFile')).toHaveLength(1)
    expect(sent('project:save')).toHaveLength(1)
  })
})

describe('autosave', () => {
  it('sends unsaved work every 30 s, once per change, and nothing when all is saved', async () => {
    render(<App initialProject={twoClipProject()} />)
    await act(() => vi.advanceTimersByTimeAsync(31_000))
    expect(sent('project:autosave')).toHaveLength(0)
    splitAClip()
    await act(() => vi.advanceTimersByTimeAsync(31_000))
    expect(sent('project:autosave')).toHaveLength(1)
    expect(sent('project:autosave')[0]).toMatchObject({ path: null, project: { clips: [{}, {}, {}] } })
    await act(() => vi.advanceTimersByTimeAsync(31_000))
    expect(sent('project:autosave')).toHaveLength(1)
  })
})

describe('recovery and unsaved changes', () => {
  it('offers recovered work on start; Restore loads it with the dot on', async () => {
    const saved: Project = { ...twoClipProject(), clips: twoClipProject().clips.slice(0, 1) }
    recovery = { project: saved, path: '/films/Beach.mmaudio', savedAt: new Date().toISOString() }
    render(<App initialProject={twoClipProject()} />)
    const prompt = await screen.findByRole('alertdialog', { name: 'Recover unsaved changes' })
    expect(prompt.textContent).toContain('“Beach”')
    fireEvent.click(screen.getByRole('button', { name: 'Restore' }))
    await waitFor(() => expect(document.querySelectorAll('[data-testid=timeline-clip]')).toHaveLength(1))
    expect(title()).toBe('• Beach')
  })

  it('Discard forgets the recovered work', async () => {
    recovery = { project: twoClipProject(), path: null, savedAt: new Date().toISOString() }
    render(<App initialProject={twoClipProject()} />)
    await screen.findByRole('alertdialog', { name: 'Recover unsaved changes' })
    fireEvent.click(screen.getByRole('button', { name: 'Discard' }))
    await waitFor(() => expect(sent('project:discardRecovery')).toHaveLength(1))
    expect(screen.queryByRole('alertdialog')).toBeNull()
  })

  it('New with unsaved changes asks; Save saves first, then starts an empty project', async () => {
    render(<App initialProject={twoClipProject()} />)
    splitAClip()
    press('n', { ctrlKey: true })
    const ask = await screen.findByRole('alertdialog', { name: /Save changes/ })
    fireEvent.click(within(ask).getByRole('button', { name: 'Save' }))
    await waitFor(() => expect(title()).toBe('Untitled'))
    expect(sent('project:save')).toHaveLength(1)
    expect(document.querySelectorAll('[data-testid=timeline-clip]')).toHaveLength(0)
  })
})
