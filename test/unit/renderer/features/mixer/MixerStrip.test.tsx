// The mixer strip in jsdom with the real reducer: a slider drag commits once on release (one undo step),
// nudge buttons and Alt+←/→ move by 10 ms within ±250 ms, mute/solo toggle, the original's mode and amount.
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react'
import { useReducer } from 'react'
import { afterEach, describe, expect, it } from 'vitest'
import { DEFAULT_TAKE_MIX, type Project, type Take } from '../../../../../shared/domain/project'
import { MixerStrip } from '../../../../../renderer/src/features/mixer/MixerStrip'
import { createEditorState, editorReducer, type EditorState } from '../../../../../renderer/src/state/editor'
import { segment, twoClipProject } from '../../fixtures'

afterEach(cleanup)

const take = (id: string): Take => ({
  id,
  provider: 'fal',
  seed: 7,
  path: `/t/${id}.wav`,
  durationSec: 2,
  requestIds: [],
  createdAt: 'now',
  mix: DEFAULT_TAKE_MIX,
})

let latest: EditorState
function Harness({ project, selected = true }: { project: Project; selected?: boolean }) {
  const [state, dispatch] = useReducer(editorReducer, undefined, () => ({
    ...createEditorState(project),
    selection: selected ? ({ kind: 'segment', id: 's' } as const) : null,
  }))
  latest = state
  return <MixerStrip project={state.history.present} dispatch={dispatch} selection={state.selection} />
}

const project = () =>
  twoClipProject({ segments: [{ ...segment('s', 1, 3), takes: [take('t1'), take('t2')], activeTakeId: 't2' }] })
const mix = () => latest.history.present.segments[0]!.takes.find((t) => t.id === 't2')!.mix

describe('the mixer strip', () => {
  it('without a selected take it says what to do, and still offers the original audio', () => {
    render(<Harness project={project()} selected={false} />)
    expect(screen.getByText(/Select a segment with a take/)).toBeTruthy()
    expect(screen.getByRole('radio', { name: 'Duck' })).toBeTruthy()
  })

  it('a gain drag shows its value as it goes and commits once, on release', () => {
    render(<Harness project={project()} />)
    expect(screen.getByText('Take 2')).toBeTruthy() // the active take
    const slider = screen.getByTestId('take-gain')
    fireEvent.change(slider, { target: { value: '-3' } })
    fireEvent.change(slider, { target: { value: '-6.5' } })
    expect(screen.getByText('−6.5 dB')).toBeTruthy()
    expect(latest.history.past).toHaveLength(0)
    fireEvent.pointerUp(slider)
    expect(mix().gainDb).toBe(-6.5)
    expect(latest.history.past).toHaveLength(1)
  })

  it('shows the take’s loudness, and where its gain puts it in the mix', () => {
    const p = project()
    const measured = p.segments[0]!.takes.map((t) => ({ ...t, integratedLufs: -24.26 }))
    render(<Harness project={{ ...p, segments: [{ ...p.segments[0]!, takes: measured }] }} />)
    expect(screen.getByTestId('take-loudness').textContent).toBe('−24.3 LUFS')
    const slider = screen.getByTestId('take-gain')
    fireEvent.change(slider, { target: { value: '4' } })
    fireEvent.pointerUp(slider)
    expect(screen.getByTestId('take-loudness').textContent).toBe('−24.3 LUFS → −20.3 LUFS in the mix')
  })

  it('fades commit on blur or Enter as whole milliseconds', () => {
    render(<Harness project={project()} />)
    const fadeIn = screen.getByTestId('fade-in')
    fireEvent.change(fadeIn, { target: { value: '120' } })
    fireEvent.keyDown(fadeIn, { key: 'Enter' })
    expect(mix().fadeInMs).toBe(120)
    fireEvent.change(screen.getByTestId('fade-out'), { target: { value: '300.4' } })
    fireEvent.blur(screen.getByTestId('fade-out'))
    expect(mix().fadeOutMs).toBe(300)
    expect(latest.history.past).toHaveLength(2)
  })

  it('nudge: buttons and Alt+arrows step 10 ms, one entry each, and stop at ±250 ms', () => {
    render(<Harness project={project()} />)
    fireEvent.click(screen.getByRole('button', { name: 'Nudge later' }))
    act(() => void window.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowRight', altKey: true })))
    expect(screen.getByTestId('nudge-value').textContent).toBe('+20 ms')
    act(() => void window.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowLeft', altKey: true })))
    expect(mix().nudgeMs).toBe(10)
    expect(latest.history.past).toHaveLength(3)
    for (let i = 0; i < 30; i++)
      act(() => void window.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowLeft', altKey: true })))
    expect(mix().nudgeMs).toBe(-250)
    expect((screen.getByRole('button', { name: 'Nudge earlier' }) as HTMLButtonElement).disabled).toBe(true)
  })

  it('mute and solo toggle the active take; the original goes to duck with its amount', () => {
    render(<Harness project={project()} />)
    fireEvent.click(screen.getByRole('button', { name: 'M' }))
    expect(mix().muted).toBe(true)
    fireEvent.click(screen.getByRole('button', { name: 'S' }))
    expect(mix().solo).toBe(true)
    fireEvent.click(screen.getByRole('radio', { name: 'Duck' }))
    expect(latest.history.present.original.mode).toBe('duck')
    const duckBy = screen.getByLabelText(/Duck by/)
    fireEvent.change(duckBy, { target: { value: '-18' } })
    fireEvent.keyUp(duckBy, { key: 'ArrowLeft' })
    expect(latest.history.present.original.duckDb).toBe(-18)
  })
})
