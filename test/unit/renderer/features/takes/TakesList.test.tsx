// The takes of the selected segment in jsdom: choosing, deleting, regenerating (new seeds) and regenerating one
// chunk of a long segment; and generations a crash left unfinished, offered as Resume.
import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { GenerationRequest } from '../../../../../shared/domain/generation'
import { DEFAULT_GENERATION, DEFAULT_TAKE_MIX, type Project, type Take } from '../../../../../shared/domain/project'
import { InspectorWithJobs } from '../../inspectorWithJobs'
import type { EditorAction } from '../../../../../renderer/src/state/editor'
import { clip, segment, twoClipProject } from '../../fixtures'
import { info } from '../../providerFixtures'
import type { InvokeChannel } from '../../../../../shared/ipc/contract'
import { answering, installFakeBridge, inputsOf, type Answers, type Invoke } from '../../fakeBridge'

let calls: Invoke[] = []
let interrupted: Array<{ segmentId: string | null; request: GenerationRequest }> = []

beforeEach(() => {
  interrupted = []
  const answers: Answers = {
    'providers:list': () => [info('fal')],
    'audio:interrupted': () => interrupted,
    'audio:estimate': () => ({ calls: 3, chunks: 1, billedSec: 6, usd: 0.006 }),
    'audio:generate': () => ({ jobId: 'job-1' }),
    'audio:regenerateChunk': () => ({ jobId: 'job-2' }),
  }
  calls = installFakeBridge(answering(answers)).calls
})
afterEach(cleanup)

const take = (id: string, seed: number): Take => ({
  id,
  provider: 'fal',
  seed,
  path: `/takes/${id}.wav`,
  durationSec: 20,
  requestIds: [],
  createdAt: '2026-11-23T01:00:00Z',
  mix: DEFAULT_TAKE_MIX,
})

/** A 20 s segment over a 30 s clip: three chunks of 8 s. */
function project(): Project {
  const p = twoClipProject({ clips: [clip('A', 'a', 0, 0, 30)] })
  const seg = {
    ...segment('s', 2, 22),
    params: { ...DEFAULT_GENERATION, prompt: 'surf', seed: 100 },
    takes: [take('t1', 100), take('t2', 101)],
    activeTakeId: 't1',
  }
  return { ...p, assets: [{ ...p.assets[0]!, durationSec: 30 }], segments: [seg] }
}

async function renderTakes(p = project(), matchLoudness?: { on: boolean; set: (on: boolean) => void }) {
  const dispatch = vi.fn<(a: EditorAction) => void>()
  render(
    <InspectorWithJobs
      project={p}
      selection={{ kind: 'segment', id: 's' }}
      dispatch={dispatch}
      onError={() => {}}
      onOpenSettings={() => {}}
      {...(matchLoudness ? { matchLoudness } : {})}
    />,
  )
  await act(async () => void (await new Promise((r) => setTimeout(r, 20))))
  return { dispatch }
}
const sent = <C extends InvokeChannel>(channel: C) => inputsOf(calls, channel)

describe('the takes list', () => {
  it('shows each take with its seed and provider; the active one is checked', async () => {
    await renderTakes()
    const rows = screen.getAllByTestId('take')
    expect(rows.map((r) => r.dataset.seed)).toEqual(['100', '101'])
    expect(rows[0]!.textContent).toContain('seed 100 · fal.ai · 0:20.0')
    expect((screen.getByRole('radio', { name: 'Use take 1' }) as HTMLInputElement).checked).toBe(true)
  })

  it('choosing and deleting are project actions', async () => {
    const { dispatch } = await renderTakes()
    fireEvent.click(screen.getByRole('radio', { name: 'Use take 2' }))
    fireEvent.click(screen.getByRole('button', { name: 'Delete take 1' }))
    expect(dispatch.mock.calls.map((c) => c[0])).toEqual([
      { type: 'activeTakeChosen', segmentId: 's', takeId: 't2', matchLoudness: false },
      { type: 'takeDeleted', segmentId: 's', takeId: 't1' },
    ])
  })

  it('Regenerate sends the same settings with a random seed, even when the seed is locked', async () => {
    await renderTakes()
    fireEvent.click(screen.getByRole('button', { name: 'Regenerate' }))
    await act(async () => void (await new Promise((r) => setTimeout(r, 10))))
    const req = sent('audio:generate')[0]!
    expect(req.params).toMatchObject({ prompt: 'surf', seed: null, takes: 3 })
    expect(req.source).toEqual({ path: '/media/a.mp4', inSec: 2, outSec: 22 })
  })

  it('a segment of three chunks offers a chunk picker; ↻ regenerates that chunk of that take', async () => {
    await renderTakes()
    const picker = screen.getByRole('combobox', { name: 'Chunk to regenerate' })
    expect(
      within(picker)
        .getAllByRole('option')
        .map((o) => o.textContent),
    ).toEqual(['1 of 3', '2 of 3', '3 of 3'])
    fireEvent.change(picker, { target: { value: '1' } })
    fireEvent.click(within(screen.getAllByTestId('take')[1]!).getByRole('button', { name: '↻ 2' }))
    await act(async () => void (await new Promise((r) => setTimeout(r, 10))))
    const input = sent('audio:regenerateChunk')[0]!
    expect(input.chunkIndex).toBe(1)
    expect(input.take.id).toBe('t2')
    expect(input.request.params).toMatchObject({ prompt: 'surf', seed: 100 })
  })

  it('a segment within one window has no chunk picker', async () => {
    const p = project()
    await renderTakes({ ...p, segments: [{ ...p.segments[0]!, anchor: { kind: 'timeline', startSec: 2, endSec: 8 } }] })
    expect(screen.queryByRole('combobox', { name: 'Chunk to regenerate' })).toBeNull()
  })
})

describe('loudness of the takes', () => {
  const measured = (): Project => {
    const p = project()
    const [t1, t2] = p.segments[0]!.takes as [Take, Take]
    const takes = [
      { ...t1, integratedLufs: -21.04, mix: { ...t1.mix, gainDb: 1 } },
      { ...t2, integratedLufs: -26.5 },
      { ...take('t3', 102), integratedLufs: null },
    ]
    return { ...p, segments: [{ ...p.segments[0]!, takes }] }
  }

  it('each take shows its loudness; with Match loudness, the gain an untouched take is heard at', async () => {
    await renderTakes(measured(), { on: true, set: () => {} })
    const shown = screen.getAllByTestId('take-lufs').map((e) => e.textContent)
    expect(shown).toEqual(['−21.0 LUFS', '−26.5 LUFS → +6.5 dB', 'not measured'])
    expect((screen.getByRole('checkbox', { name: 'Match loudness' }) as HTMLInputElement).checked).toBe(true)
  })

  it('without it, every take is heard at its own gain; the switch sets the app setting', async () => {
    const set = vi.fn()
    await renderTakes(measured(), { on: false, set })
    expect(screen.getAllByTestId('take-lufs').map((e) => e.textContent)).toEqual([
      '−21.0 LUFS',
      '−26.5 LUFS',
      'not measured',
    ])
    fireEvent.click(screen.getByRole('checkbox', { name: 'Match loudness' }))
    expect(set).toHaveBeenCalledWith(true)
  })

  it('choosing a take carries the setting, so the edit can start it at the segment’s level', async () => {
    const { dispatch } = await renderTakes(measured(), { on: true, set: () => {} })
    fireEvent.click(screen.getByRole('radio', { name: 'Use take 2' }))
    expect(dispatch).toHaveBeenCalledWith({
      type: 'activeTakeChosen',
      segmentId: 's',
      takeId: 't2',
      matchLoudness: true,
    })
  })
})

describe('unfinished generations after a restart', () => {
  it('are offered as Resume, which sends the same request again', async () => {
    const request: GenerationRequest = {
      segmentId: 's',
      source: { path: '/media/a.mp4', inSec: 2, outSec: 22 },
      params: { ...DEFAULT_GENERATION, prompt: 'surf', seed: 7 },
    }
    interrupted = [{ segmentId: 's', request }]
    await renderTakes()
    const item = screen.getByTestId('interrupted')
    expect(item.textContent).toContain('surf · 0:20.0 · 3 takes')
    fireEvent.click(within(item).getByRole('button', { name: 'Resume' }))
    await act(async () => void (await new Promise((r) => setTimeout(r, 10))))
    expect(sent('audio:generate')).toEqual([request])
    expect(screen.queryByTestId('interrupted')).toBeNull()
  })

  it('for a segment not in the open project, say to open its project instead of resuming into nowhere', async () => {
    interrupted = [
      {
        segmentId: 'elsewhere',
        request: { segmentId: 'elsewhere', durationSec: 4, params: { ...DEFAULT_GENERATION, prompt: 'rain' } },
      },
    ]
    await renderTakes()
    const item = screen.getByTestId('interrupted')
    expect(within(item).queryByRole('button', { name: 'Resume' })).toBeNull()
    expect(item.textContent).toContain('open its project to resume')
  })
})

describe('a request main refuses at once', () => {
  it('shows its sentence on the panel like a failed job', async () => {
    const bridge = (window as unknown as { ipc: { invoke: (c: string, i: unknown) => Promise<unknown> } }).ipc
    const answer = bridge.invoke
    bridge.invoke = async (channel, input) =>
      channel === 'audio:generate'
        ? { ok: false, error: { code: 'BAD_INPUT', message: 'The range to generate must end after it starts.' } }
        : answer(channel, input)
    await renderTakes()
    fireEvent.click(screen.getByRole('button', { name: /^Generate \d takes?$/ }))
    await act(async () => void (await new Promise((r) => setTimeout(r, 10))))
    expect(screen.getByTestId('job').textContent).toContain('The range to generate must end after it starts.')
    expect(screen.getByTestId('job-stage').textContent).toBe('Failed')
  })
})
