// Prepare ahead from the renderer: a segment marked or moved asks main to prepare its cuts once it stays still;
// prompt edits, segments there were at opening, and text-only segments ask nothing; a deleted one is forgotten.
import { act, cleanup, render } from '@testing-library/react'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { InspectorWithJobs } from '../../inspectorWithJobs'
import {
  cutIdentity,
  PREPARE_DEBOUNCE_MS,
  preparationsBetween,
} from '../../../../../renderer/src/features/generate/prepareAhead'
import type { GenerationRequest } from '../../../../../shared/domain/generation'
import { DEFAULT_GENERATION, type Project } from '../../../../../shared/domain/project'
import { answering, installFakeBridge } from '../../fakeBridge'
import { segment, twoClipProject } from '../../fixtures'
import { info } from '../../providerFixtures'

const request = (
  inSec: number,
  outSec: number,
  over: Partial<GenerationRequest['params']> = {},
): GenerationRequest => ({
  segmentId: 's',
  source: { path: '/a.mp4', inSec, outSec },
  params: { ...DEFAULT_GENERATION, ...over },
})

describe('what counts as a change (pure)', () => {
  it('the file, range, window and provider decide the cuts; the prompt and takes do not; text has none', () => {
    const base = cutIdentity(request(1, 3))
    expect(cutIdentity(request(1, 3, { prompt: 'rain', takes: 5, seed: 9 }))).toBe(base)
    for (const other of [
      request(1, 3.5),
      request(0.5, 3),
      request(1, 3, { windowSec: 10 }),
      request(1, 3, { provider: 'wavespeed' }),
    ])
      expect(cutIdentity(other)).not.toBe(base)
    expect(cutIdentity({ segmentId: 's', durationSec: 4, params: DEFAULT_GENERATION })).toBeNull()
    expect(cutIdentity(null)).toBeNull()
  })

  it('asks for new and changed segments, forgets deleted ones and ones that became text only', () => {
    const told = new Map<string, string | null>([
      ['same', 'x'],
      ['moved', 'y'],
      ['gone', 'z'],
      ['textNow', 'w'],
      ['stillText', null],
    ])
    const r = request(2, 4)
    const now = new Map([
      ['same', { identity: 'x', request: r }],
      ['moved', { identity: 'y2', request: r }],
      ['textNow', { identity: null, request: null }],
      ['stillText', { identity: null, request: null }],
      ['new', { identity: 'n', request: r }],
    ])
    expect(preparationsBetween(told, now)).toEqual([
      { segmentId: 'moved', request: r },
      { segmentId: 'textNow', request: null },
      { segmentId: 'new', request: r },
      { segmentId: 'gone', request: null },
    ])
  })
})

describe('the Inspector asks main to prepare', () => {
  let calls: Array<{ channel: string; input: unknown }> = []
  beforeEach(() => {
    vi.useFakeTimers({ shouldAdvanceTime: true })
    const bridge = installFakeBridge(
      answering({
        'providers:list': () => [info('fal')],
        'audio:interrupted': () => [],
        'audio:estimate': () => ({ calls: 1, chunks: 1, billedSec: 8, usd: 0.008 }),
        'audio:prepare': () => ({ cuts: 1 }),
      }),
    )
    calls = bridge.calls
  })
  afterEach(() => {
    cleanup()
    vi.useRealTimers()
  })

  const prepared = () => calls.filter((c) => c.channel === 'audio:prepare').map((c) => c.input)
  const wait = (ms: number) => act(async () => void (await vi.advanceTimersByTimeAsync(ms)))

  it('once a marked or moved segment stays still; not for a prompt, not for what was there at opening', async () => {
    const opened: Project = twoClipProject({ segments: [segment('s', 1, 3)] })
    const props = {
      selection: null,
      dispatch: () => undefined,
      onError: () => undefined,
      onOpenSettings: () => undefined,
    }
    const view = render(<InspectorWithJobs project={opened} {...props} />)
    await wait(PREPARE_DEBOUNCE_MS * 2)
    expect(prepared()).toEqual([])

    // A new segment is marked, then dragged twice in quick succession: one request, for where it came to rest.
    const marked = { ...opened, segments: [...opened.segments, segment('t', 4, 5)] }
    view.rerender(<InspectorWithJobs project={marked} {...props} />)
    await wait(100)
    const dragged = { ...marked, segments: [opened.segments[0]!, segment('t', 4.2, 5.5)] }
    view.rerender(<InspectorWithJobs project={dragged} {...props} />)
    await wait(100)
    const rested = { ...marked, segments: [opened.segments[0]!, segment('t', 4.4, 5.6)] }
    view.rerender(<InspectorWithJobs project={rested} {...props} />)
    await wait(PREPARE_DEBOUNCE_MS + 50)
    expect(prepared()).toEqual([
      {
        segmentId: 't',
        request: expect.objectContaining({ source: { path: '/media/a.mp4', inSec: 4.4, outSec: 5.6 } }),
      },
    ])

    // A prompt edit changes nothing main cuts.
    const prompted = {
      ...rested,
      segments: rested.segments.map((s) => (s.id === 't' ? { ...s, params: { ...s.params, prompt: 'steps' } } : s)),
    }
    view.rerender(<InspectorWithJobs project={prompted} {...props} />)
    await wait(PREPARE_DEBOUNCE_MS + 50)
    expect(prepared()).toHaveLength(1)

    // Deleted: main forgets it.
    view.rerender(<InspectorWithJobs project={{ ...prompted, segments: [opened.segments[0]!] }} {...props} />)
    await wait(PREPARE_DEBOUNCE_MS + 50)
    expect(prepared().at(-1)).toEqual({ segmentId: 't', request: null })
  })
})
