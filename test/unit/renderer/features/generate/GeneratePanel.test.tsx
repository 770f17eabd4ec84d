// The Generate panel in jsdom against a fake main: each provider shows only the settings it has, a missing
// key links to Settings, edits commit as single undo steps, and a job shows its stage, progress and end.
import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { ProviderInfo } from '../../../../../shared/domain/generation'
import type { JobUpdate } from '../../../../../shared/domain/job'
import { DEFAULT_TAKE_MIX, type Project, type Take } from '../../../../../shared/domain/project'
import { InspectorWithJobs } from '../../inspectorWithJobs'
import type { EditorAction } from '../../../../../renderer/src/state/editor'
import { segment, twoClipProject } from '../../fixtures'
import { info } from '../../providerFixtures'
import type { InvokeChannel } from '../../../../../shared/ipc/contract'
import { answering, installFakeBridge, inputsOf, type Answers, type Invoke } from '../../fakeBridge'

let providers: ProviderInfo[] = []
let calls: Invoke[] = []
let push: (event: string, payload: unknown) => void = () => {}

beforeEach(() => {
  vi.useFakeTimers({ shouldAdvanceTime: true })
  const answers: Answers = {
    'providers:list': () => providers,
    'audio:interrupted': () => [],
    'audio:estimate': (r) => ({
      calls: r.params.takes,
      chunks: 1,
      billedSec: 8 * r.params.takes,
      usd: r.params.provider === 'fal' ? 0.008 * r.params.takes : null,
    }),
    'audio:generate': () => ({ jobId: 'job-1' }),
    'job:cancel': () => ({ cancelled: true }),
  }
  const bridge = installFakeBridge(answering(answers))
  calls = bridge.calls
  push = bridge.push
})
afterEach(() => {
  cleanup()
  vi.useRealTimers()
})

// Segment s = 1–3 s over clip A (a.mp4 from 0 at 0).
const project = (): Project => twoClipProject({ segments: [segment('s', 1, 3)] })

async function renderPanel(list: ProviderInfo[], p = project()) {
  providers = list
  const dispatch = vi.fn<(a: EditorAction) => void>()
  const onOpenSettings = vi.fn()
  const onError = vi.fn()
  render(
    <InspectorWithJobs
      project={p}
      selection={{ kind: 'segment', id: 's' }}
      dispatch={dispatch}
      onError={onError}
      onOpenSettings={onOpenSettings}
    />,
  )
  // Providers answer; then the estimate's debounce passes and main answers it.
  for (const ms of [50, 400, 50]) await act(async () => void (await vi.advanceTimersByTimeAsync(ms)))
  return { dispatch, onOpenSettings, onError }
}

const sent = <C extends InvokeChannel>(channel: C) => inputsOf(calls, channel)

describe('only the settings the provider has', () => {
  it('fal: seed, quality, CFG, timing only, text-only switch, and the cost before sending', async () => {
    await renderPanel([info('fal')])
    expect(screen.getByRole('group', { name: 'Seed' })).toBeTruthy()
    expect(screen.getByRole('group', { name: 'Quality' })).toBeTruthy()
    expect(screen.getByRole('slider', { name: /Prompt strength/ })).toBeTruthy()
    expect(screen.getByRole('button', { name: 'Timing only' })).toBeTruthy()
    expect(screen.getByLabelText('Text only (no picture)')).toBeTruthy()
    expect(screen.getByTestId('cost').textContent).toBe('$0.024 · 3 calls · 24 s billed')
    expect(screen.getByRole('button', { name: 'Generate 3 takes' })).toBeTruthy()
  })

  it('WaveSpeed: no seed control at all, no text-only switch, and its price is not published', async () => {
    await renderPanel([info('wavespeed')])
    expect(screen.queryByRole('group', { name: 'Seed' })).toBeNull()
    expect(screen.queryByLabelText('Text only (no picture)')).toBeNull()
    expect(screen.getByRole('button', { name: 'Timing only' })).toBeTruthy()
    expect(screen.getByTestId('cost').textContent).toMatch(/^price not published · 3 calls/)
  })

  it('Pixazo is text only: it says so, hides the picture switch, and sends the length without a source', async () => {
    await renderPanel([info('pixazo')])
    expect(screen.getByText(/Pixazo generates from text only/)).toBeTruthy()
    expect(screen.queryByRole('button', { name: 'Timing only' })).toBeNull()
    expect(screen.queryByRole('group', { name: 'Seed' })).toBeNull()
    expect(screen.getByTestId('cost').textContent).toMatch(/needs a prompt/)
    expect((screen.getByRole('button', { name: /^Generate \d takes?$/ }) as HTMLButtonElement).disabled).toBe(true)
    fireEvent.change(screen.getByRole('textbox', { name: 'Prompt' }), { target: { value: 'rain on a tin roof' } })
    await act(async () => void (await vi.advanceTimersByTimeAsync(400)))
    fireEvent.click(screen.getByRole('button', { name: /^Generate \d takes?$/ }))
    await act(async () => void (await vi.advanceTimersByTimeAsync(10)))
    const req = sent('audio:generate')[0]!
    expect(req.source).toBeUndefined()
    expect(req.durationSec).toBe(2)
    expect(req.params).toMatchObject({ provider: 'pixazo', prompt: 'rain on a tin roof', seed: null })
  })

  it('no key anywhere: a link to Settings instead of the form', async () => {
    const { onOpenSettings } = await renderPanel([info('fal', false), info('pixazo', false)])
    expect(screen.queryByRole('textbox', { name: 'Prompt' })).toBeNull()
    fireEvent.click(screen.getByRole('button', { name: 'Set a key in Settings' }))
    expect(onOpenSettings).toHaveBeenCalledWith('fal')
  })

  it('lists only providers with a key', async () => {
    await renderPanel([info('fal'), info('wavespeed', false), info('pixazo')])
    const options = within(screen.getByRole('combobox', { name: 'Provider' }))
      .getAllByRole('option')
      .map((o) => o.textContent)
    expect(options).toEqual(['fal.ai', 'Pixazo'])
  })
})

describe('edits are undo steps, not keystrokes', () => {
  it('typing a prompt commits once after a pause; a guard commits at once', async () => {
    const { dispatch } = await renderPanel([info('fal')])
    const prompt = screen.getByRole('textbox', { name: 'Prompt' })
    for (const v of ['w', 'wa', 'waves']) fireEvent.change(prompt, { target: { value: v } })
    expect(dispatch).not.toHaveBeenCalled()
    await act(async () => void (await vi.advanceTimersByTimeAsync(800)))
    expect(dispatch.mock.calls.map((c) => c[0])).toEqual([
      { type: 'segmentParamsChanged', segmentId: 's', params: { prompt: 'waves' } },
    ])
    fireEvent.click(screen.getByRole('button', { name: 'No voices' }))
    expect(dispatch.mock.calls[1]![0]).toEqual({
      type: 'segmentParamsChanged',
      segmentId: 's',
      params: { negativePrompt: 'music, speech, talking, voice' },
    })
    fireEvent.click(screen.getByRole('button', { name: 'Timing only' }))
    expect(dispatch.mock.calls[2]![0]).toEqual({
      type: 'segmentParamsChanged',
      segmentId: 's',
      params: { maskAwayClip: true },
    })
    // the panel shows the committed settings: the default negative prompt already avoids music
    expect(screen.getByRole('button', { name: 'No music' }).getAttribute('aria-pressed')).toBe('true')
  })

  it('a prompt past 60 words gets a soft warning', async () => {
    await renderPanel([info('fal')])
    fireEvent.change(screen.getByRole('textbox', { name: 'Prompt' }), {
      target: { value: Array(65).fill('crunch').join(' ') },
    })
    expect(screen.getByText(/65 words: the model reads about the first 60/)).toBeTruthy()
  })
})

describe('a generation job on the panel', () => {
  it('Ctrl+Enter sends the clip range; the bar shows upload %, queue position; the takes land as one action', async () => {
    const { dispatch } = await renderPanel([info('fal')])
    fireEvent.keyDown(window, { key: 'Enter', ctrlKey: true })
    await act(async () => void (await vi.advanceTimersByTimeAsync(10)))
    const [req] = sent('audio:generate')
    expect(req).toMatchObject({
      segmentId: 's',
      source: { path: '/media/a.mp4', inSec: 1, outSec: 3 },
      params: { provider: 'fal', takes: 3 },
    })
    const update = (u: Partial<JobUpdate>) =>
      act(() =>
        push('job:update', {
          jobId: 'job-1',
          kind: 'generate',
          status: 'running',
          stage: 'preparing',
          progress: 0,
          ...u,
        }),
      )
    update({ stage: 'uploading', progress: 0.3 })
    expect(screen.getByRole('progressbar').getAttribute('aria-valuenow')).toBe('30')
    expect(screen.getByTestId('job-stage').textContent).toBe('Uploading 30 %')
    update({ stage: 'queued', progress: 0.4, queuePosition: 1 })
    expect(screen.getByTestId('job-stage').textContent).toBe('In queue — position 2 (1 ahead)')
    const take: Take = {
      id: 't1',
      provider: 'fal',
      seed: 5,
      path: '/takes/t1.wav',
      durationSec: 2,
      requestIds: [],
      createdAt: new Date().toISOString(),
      mix: DEFAULT_TAKE_MIX,
    }
    update({ status: 'succeeded', stage: 'mixing', progress: 1, generateResult: { segmentId: 's', takes: [take] } })
    expect(dispatch.mock.calls.map((c) => c[0])).toContainEqual({ type: 'takesAdded', segmentId: 's', takes: [take] })
    expect(screen.queryByTestId('job')).toBeNull()
  })

  it('Cancel asks main to cancel; the panel then says Cancelled, and no toast', async () => {
    const { onError } = await renderPanel([info('fal')])
    fireEvent.click(screen.getByRole('button', { name: 'Generate 3 takes' }))
    await act(async () => void (await vi.advanceTimersByTimeAsync(10)))
    act(() =>
      push('job:update', { jobId: 'job-1', kind: 'generate', status: 'running', stage: 'generating', progress: 0.5 }),
    )
    fireEvent.click(screen.getByRole('button', { name: 'Cancel' }))
    expect(sent('job:cancel')).toEqual([{ jobId: 'job-1' }])
    act(() =>
      push('job:update', {
        jobId: 'job-1',
        kind: 'generate',
        status: 'cancelled',
        stage: 'generating',
        progress: 0.5,
        error: { code: 'CANCELLED', message: 'Cancelled.' },
      }),
    )
    expect(screen.getByTestId('job-stage').textContent).toBe('Cancelled')
    expect(onError).not.toHaveBeenCalled()
  })

  it('a rejected key: main’s sentence on the panel, a toast, and Settings opened at that provider', async () => {
    const { onError, onOpenSettings } = await renderPanel([info('fal')])
    fireEvent.click(screen.getByRole('button', { name: 'Generate 3 takes' }))
    await act(async () => void (await vi.advanceTimersByTimeAsync(10)))
    const error = { code: 'PROVIDER_AUTH', message: 'fal.ai rejected the API key.' }
    act(() =>
      push('job:update', {
        jobId: 'job-1',
        kind: 'generate',
        status: 'failed',
        stage: 'uploading',
        progress: 0.1,
        error,
      }),
    )
    expect(screen.getByRole('alert').textContent).toContain('fal.ai rejected the API key.')
    expect(onError).toHaveBeenCalledWith('Generation failed', error)
    expect(onOpenSettings).toHaveBeenCalledWith('fal')
  })
})
