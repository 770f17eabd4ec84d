import { describe, expect, it } from 'vitest'
import { createDurationRecord, type PollStep } from '../../../electron/providers/poll'
import { parseStreamEvents, watchUntilDone } from '../../../electron/providers/statusStream'
import type { ProviderContext, ProviderProgress } from '../../../electron/providers/types'

describe('parseStreamEvents (pure)', () => {
  it('SSE: data lines joined per event, comments and non-JSON left out, the unfinished rest kept', () => {
    const text =
      ': ping\n\ndata: {"status":"IN_QUEUE",\ndata: "queue_position":2}\n\r\ndata: not json\n\ndata: {"status":"IN_PRO'
    expect(parseStreamEvents('sse', text)).toEqual({
      events: [{ status: 'IN_QUEUE', queue_position: 2 }],
      rest: 'data: {"status":"IN_PRO',
    })
  })

  it('NDJSON: one event a line, blank and broken lines left out', () => {
    const text = '{"type":"heartbeat"}\n\n{"data":{"status":7},"fields":["status"]}\n{oops\n{"id":"t"'
    expect(parseStreamEvents('ndjson', text)).toEqual({
      events: [{ type: 'heartbeat' }, { data: { status: 7 }, fields: ['status'] }],
      rest: '{"id":"t"',
    })
  })
})

/** A Response whose body sends these chunks with the given gaps, then (unless `hang`) ends. */
function streamed(chunks: Array<[delayMs: number, text: string]>, hang = false): Response {
  const encoder = new TextEncoder()
  const body = new ReadableStream<Uint8Array>({
    async start(controller) {
      for (const [delay, text] of chunks) {
        await new Promise((r) => setTimeout(r, delay))
        controller.enqueue(encoder.encode(text))
      }
      if (!hang) controller.close()
    },
  })
  return new Response(body)
}

function context(): { ctx: ProviderContext; progress: ProviderProgress[]; controller: AbortController } {
  const progress: ProviderProgress[] = []
  const controller = new AbortController()
  return {
    controller,
    progress,
    ctx: {
      signal: controller.signal,
      onProgress: (p) => progress.push(p),
      onSubmitted: () => {},
      fetch: () => Promise.reject(new Error('no network')),
      baseUrl: null,
      apiKey: 'k',
      tmpDir: '/tmp',
    },
  }
}

const stepOf = (event: unknown): PollStep<string> | null => {
  const s = (event as { status?: string }).status
  if (s === 'done') return { done: true, value: 'from the stream' }
  if (s === 'failed') throw new Error('the run failed')
  return s ? { done: false, progress: { stage: s === 'queued' ? 'queued' : 'generating' } } : null
}

const watch = (
  ctx: ProviderContext,
  open: () => Promise<Response>,
  check: () => Promise<PollStep<string>>,
  silenceMs?: number,
) =>
  watchUntilDone({
    profile: { label: 'P', pollIntervalMs: 1000, maxWaitMs: 10_000 },
    ctx,
    http: { pause: (ms) => new Promise((r) => setTimeout(r, Math.min(ms ?? 0, 5))) },
    check,
    durations: createDurationRecord(),
    stream: { format: 'ndjson', open, step: stepOf, ...(silenceMs ? { silenceMs } : {}) },
  })

describe('watchUntilDone', () => {
  it('ends at the stream’s terminal event, reporting stages as they change, with no poll', async () => {
    const { ctx, progress } = context()
    let checks = 0
    const value = await watch(
      ctx,
      async () =>
        streamed(
          [
            [0, '{"status":"queued"}\n{"status":"queued"}\n'],
            [10, '{"type":"heartbeat"}\n{"status":"running"}\n'],
            [10, '{"status":"done"}\n'],
          ],
          true,
        ),
      async () => {
        checks++
        return { done: false }
      },
    )
    expect(value).toBe('from the stream')
    expect(checks).toBe(0)
    expect(progress).toEqual([{ stage: 'queued' }, { stage: 'generating' }, { stage: 'downloading', fraction: null }])
  })

  it('a refused, ended or silent stream hands over to polling; a failure it reports is the request’s', async () => {
    const poll = async (): Promise<PollStep<string>> => ({ done: true, value: 'from a poll' })
    const { ctx } = context()
    expect(await watch(ctx, () => Promise.reject(new Error('404')), poll)).toBe('from a poll')
    expect(await watch(ctx, async () => streamed([[0, '{"status":"queued"}\n']]), poll)).toBe('from a poll')
    const started = Date.now()
    expect(await watch(ctx, async () => streamed([[0, '{"status":"queued"}\n']], true), poll, 50)).toBe('from a poll')
    expect(Date.now() - started).toBeLessThan(1000)
    await expect(watch(ctx, async () => streamed([[0, '{"status":"failed"}\n']], true), poll)).rejects.toThrow(
      'the run failed',
    )
  })

  it('an abort while watching is CANCELLED at once', async () => {
    const { ctx, controller } = context()
    const watching = watch(
      ctx,
      async () => streamed([[0, '{"status":"queued"}\n']], true),
      async () => ({ done: false }),
    )
    setTimeout(() => controller.abort(), 20)
    await expect(watching).rejects.toMatchObject({ code: 'CANCELLED' })
  })
})
