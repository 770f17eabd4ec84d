// The timeline in jsdom: drags show a preview and commit exactly one action on release; Escape cancels; a
// press without travel is a click. And the app's keys and toolbar buttons drive the same commands.
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { App } from '../../../../../renderer/src/App'
import { Timeline } from '../../../../../renderer/src/features/timeline/Timeline'
import { HEADER_PX } from '../../../../../renderer/src/features/timeline/layout'
import { createEditorState, type EditorAction } from '../../../../../renderer/src/state/editor'
import { segment, twoClipProject } from '../../fixtures'
import { installFakeBridge } from '../../fakeBridge'

/** Events main would push, by channel (the native menu's commands arrive as 'menu:command'). */
let pushFromMain: (event: string, payload: unknown) => void = () => {}

beforeEach(() => {
  // Main answers nothing useful here: no thumbnails, no peaks, no media URLs.
  pushFromMain = installFakeBridge().push

})
afterEach(cleanup)

// jsdom lays nothing out: time 0 is at clientX = HEADER_PX, and the default zoom is 40 px/s.
const xAt = (sec: number) => HEADER_PX + sec * 40

function renderTimeline(project = twoClipProject()) {
  const dispatch = vi.fn<(a: EditorAction) => void>()
  const state = createEditorState(project)
  render(<Timeline state={state} dispatch={dispatch} run={() => {}} />)
  return { dispatch }
}

const clipEl = (id: string) => document.querySelector(`[data-clip-id="${id}"]`) as HTMLElement
const moves = (dispatch: ReturnType<typeof vi.fn>) => dispatch.mock.calls.map((c) => c[0]).filter((a) => a.type !== 'selected')

describe('dragging on the timeline', () => {
  it('moving a clip previews every step but commits one action on release', () => {
    const { dispatch } = renderTimeline()
    fireEvent.pointerDown(clipEl('B'), { clientX: xAt(7), clientY: 10, button: 0 })
    for (const sec of [7.5, 8, 8.5, 9]) fireEvent.pointerMove(window, { clientX: xAt(sec), clientY: 10 })
    expect(clipEl('B').dataset.startSec).toBe('8') // the preview follows the pointer (moved by 2 s)
    expect(moves(dispatch)).toEqual([])
    fireEvent.pointerUp(window, { clientX: xAt(9), clientY: 10 })
    expect(moves(dispatch)).toEqual([{ type: 'clipMoved', clipId: 'B', startSec: 8 }])
    expect(clipEl('B').dataset.startSec).toBe('6') // the store (not updated by this mock) is drawn again
  })

  it('shows the snap line while an edge is caught, and Escape cancels the drag without a commit', () => {
    const { dispatch } = renderTimeline()
    fireEvent.pointerDown(clipEl('B'), { clientX: xAt(7), clientY: 10, button: 0 })
    fireEvent.pointerMove(window, { clientX: xAt(8.5), clientY: 10 }) // B at 7.5–11.5: no edge within 8 px
    expect(screen.queryByTestId('snap-line')).toBeNull()
    fireEvent.pointerMove(window, { clientX: xAt(1.1), clientY: 10 }) // B's start at 0.1 → caught by 0
    expect(clipEl('B').dataset.startSec).toBe('0')
    expect(screen.getByTestId('snap-line')).toBeTruthy()
    fireEvent.keyDown(window, { key: 'Escape' })
    fireEvent.pointerUp(window)
    expect(moves(dispatch)).toEqual([])
    expect(screen.queryByTestId('snap-line')).toBeNull()
  })

  it('a press without travel only selects', () => {
    const { dispatch } = renderTimeline()
    fireEvent.pointerDown(clipEl('A'), { clientX: xAt(1), clientY: 10, button: 0 })
    fireEvent.pointerMove(window, { clientX: xAt(1) + 2, clientY: 10 })
    fireEvent.pointerUp(window)
    expect(dispatch.mock.calls.map((c) => c[0])).toEqual([{ type: 'selected', selection: { kind: 'clip', id: 'A' } }])
  })

  it('dragging a trim handle commits one trim; dragging on a lane marks one segment', () => {
    const { dispatch } = renderTimeline()
    const handle = clipEl('A').querySelector('[data-testid=trim-end]')!
    fireEvent.pointerDown(handle, { clientX: xAt(6), clientY: 10, button: 0 })
    fireEvent.pointerMove(window, { clientX: xAt(5), clientY: 10 })
    fireEvent.pointerMove(window, { clientX: xAt(4.5), clientY: 10 })
    fireEvent.pointerUp(window)
    fireEvent.pointerDown(screen.getByTestId('sound-lane-0'), { clientX: xAt(1), clientY: 100, button: 0 })
    fireEvent.pointerMove(window, { clientX: xAt(3), clientY: 100 })
    expect(screen.getAllByTestId('segment')).toHaveLength(1) // preview of the new segment
    fireEvent.pointerUp(window)
    const [trim, mark] = moves(dispatch)
    expect(trim).toEqual({ type: 'clipTrimmed', clipId: 'A', edge: 'end', deltaSec: -1.5 })
    expect(mark).toMatchObject({ type: 'segmentAdded', startSec: 1, endSec: 3, lane: 0 })
    expect(moves(dispatch)).toHaveLength(2)
  })

  it('draws chunk boundaries on a segment longer than its window', () => {
    renderTimeline(twoClipProject({ segments: [segment('long', 0, 20), segment('short', 0, 5, 1)] }))
    const [long, short] = screen.getAllByTestId('segment')
    expect(long!.dataset.chunks).toBe('3')
    expect(long!.querySelectorAll('[data-testid=chunk-overlap]')).toHaveLength(2)
    expect((long!.querySelector('[data-testid=chunk-overlap]') as HTMLElement).style.left).toBe('240px') // 6 s
    expect(short!.querySelectorAll('[data-testid=chunk-overlap]')).toHaveLength(0)
  })
})

describe('keys and buttons in the app', () => {
  const clipStarts = () => Array.from(document.querySelectorAll<HTMLElement>('[data-testid=timeline-clip]'), (e) => e.dataset.startSec)
  // Keys go where a real key press goes: to the focused element, bubbling up to the window.
  const press = (key: string, mods: Record<string, boolean> = {}) =>
    act(() => void fireEvent.keyDown(document.activeElement ?? window, { key, ...mods }))

  it('→ steps a frame, S splits, Ctrl+Z undoes it and Shift+Ctrl+Z redoes it', () => {
    render(<App initialProject={twoClipProject()} />)
    press('End')
    expect(screen.getByTestId('playhead-time').textContent).toBe('00:00:10:00')
    press('Home')
    for (let i = 0; i < 25; i++) press('ArrowRight')
    expect(screen.getByTestId('playhead-time').textContent).toBe('00:00:01:00')
    press('s')
    expect(clipStarts()).toEqual(['0', '1', '6'])
    press('z', { ctrlKey: true })
    expect(clipStarts()).toEqual(['0', '6'])
    press('z', { ctrlKey: true, shiftKey: true })
    expect(clipStarts()).toEqual(['0', '1', '6'])
  })

  it('every timeline command is also a button: Split, Delete, In/Out, Undo, zoom', () => {
    render(<App initialProject={twoClipProject()} />)
    press('ArrowDown') // next edit point: 6 s
    fireEvent.click(screen.getByRole('button', { name: 'Split at playhead' }))
    expect(clipStarts()).toEqual(['0', '6']) // at an edit point there is nothing to split
    for (let i = 0; i < 30; i++) press('ArrowRight') // B is 30 fps: +1 s
    fireEvent.click(screen.getByRole('button', { name: 'Split at playhead' }))
    expect(clipStarts()).toEqual(['0', '6', '7'])
    fireEvent.click(screen.getByRole('button', { name: 'Mark in' }))
    press('ArrowDown')
    fireEvent.click(screen.getByRole('button', { name: 'Mark out' }))
    expect(screen.getAllByTestId('segment').map((s) => [s.dataset.startSec, s.dataset.endSec])).toEqual([['7', '10']])
    fireEvent.click(screen.getByRole('button', { name: 'Delete selection' })) // the new segment is selected
    expect(screen.queryAllByTestId('segment')).toHaveLength(0)
    fireEvent.click(screen.getByRole('button', { name: 'Undo' }))
    expect(screen.getAllByTestId('segment')).toHaveLength(1)
    fireEvent.click(screen.getByRole('button', { name: 'Zoom in' }))
    expect(screen.getByTestId('zoom').textContent).toBe('50 px/s')
  })

  it('keyboard only: focusing a clip (Tab) selects it, Delete removes it; Escape clears a pending in point', () => {
    render(<App initialProject={twoClipProject()} />)
    act(() => clipEl('B').focus())
    expect(clipEl('B').getAttribute('aria-pressed')).toBe('true')
    press('Delete')
    expect(clipStarts()).toEqual(['0'])
    press('i')
    expect(screen.getByRole('button', { name: 'Mark in' }).getAttribute('aria-pressed')).toBe('true')
    press('Escape')
    expect(screen.getByRole('button', { name: 'Mark in' }).getAttribute('aria-pressed')).toBe('false')
  })

  it('a press on a clip takes focus out of a text field, so Delete deletes the clip, not text', () => {
    render(
      <>
        <input aria-label="Prompt" defaultValue="rain on a tin roof" />
        <App initialProject={twoClipProject()} />
      </>,
    )
    const prompt = screen.getByLabelText('Prompt')
    act(() => prompt.focus())
    press('Delete')
    expect(clipStarts()).toEqual(['0', '6']) // typing target: the timeline ignores the key
    fireEvent.pointerDown(clipEl('B'), { clientX: xAt(7), clientY: 10, button: 0 })
    fireEvent.pointerUp(window)
    expect(document.activeElement).toBe(clipEl('B'))
    press('Delete')
    expect(clipStarts()).toEqual(['0'])
  })

  it('the native menu’s Undo/Redo act on the timeline, but on the text when a text field has focus', () => {
    render(
      <>
        <input aria-label="Prompt" />
        <App initialProject={twoClipProject()} />
      </>,
    )
    press('End')
    press('ArrowLeft')
    press('s')
    expect(clipStarts()).toEqual(['0', '6', expect.stringMatching(/^9\.96/)])
    act(() => pushFromMain('menu:command', { command: 'undo' }))
    expect(clipStarts()).toEqual(['0', '6'])
    act(() => screen.getByLabelText('Prompt').focus())
    const execCommand = vi.fn(() => true)
    document.execCommand = execCommand
    act(() => pushFromMain('menu:command', { command: 'redo' }))
    expect(execCommand).toHaveBeenCalledWith('redo')
    expect(clipStarts()).toEqual(['0', '6'])
  })
})

describe('timeline settings', () => {
  const ticks = () => Array.from(document.querySelectorAll('.tick'), (t) => t.textContent)

  it('the ruler and the playhead read timecode; broadcast start and 29.97 fps change both, in one undo step each', () => {
    render(<App initialProject={twoClipProject()} />)
    // the first clip is 25 fps: that is the timeline's rate until another is set
    expect(screen.getByTestId('timeline-settings-button').textContent).toBe('25 fps · 00:00:00:00')
    expect(ticks().slice(0, 3)).toEqual(['00:00:00:00', '00:00:05:00', '00:00:10:00'])
    fireEvent.click(screen.getByTestId('timeline-settings-button'))
    const dialog = screen.getByRole('dialog', { name: 'Timeline settings' })
    fireEvent.click(screen.getByRole('button', { name: '01:00:00:00 (broadcast)' }))
    expect(ticks().slice(0, 2)).toEqual(['01:00:00:00', '01:00:05:00'])
    expect(screen.getByTestId('playhead-time').textContent).toBe('01:00:00:00')
    fireEvent.change(screen.getByRole('combobox', { name: 'Frame rate' }), { target: { value: '29.97' } })
    expect(screen.getByTestId('timeline-settings-button').textContent).toBe('29.97 fps · 01:00:00:00')
    // a typed timecode is taken on Enter; a malformed one is said and not taken
    const input = screen.getByRole('textbox', { name: 'Start timecode' })
    fireEvent.change(input, { target: { value: '10:00:00' } })
    fireEvent.keyDown(input, { key: 'Enter' })
    expect(screen.getByText(/Write it as HH:MM:SS:FF/)).toBeTruthy()
    fireEvent.change(input, { target: { value: '00:59:59:00' } })
    fireEvent.keyDown(input, { key: 'Enter' })
    expect(ticks()[0]).toBe('00:59:59:00')
    fireEvent.click(screen.getByRole('button', { name: 'Done' }))
    expect(dialog.isConnected).toBe(false)
    act(() => void fireEvent.keyDown(window, { key: 'z', ctrlKey: true }))
    expect(screen.getByTestId('timeline-settings-button').textContent).toBe('29.97 fps · 01:00:00:00')
    act(() => void fireEvent.keyDown(window, { key: 'z', ctrlKey: true }))
    expect(screen.getByTestId('timeline-settings-button').textContent).toBe('25 fps · 01:00:00:00')
  })
})
