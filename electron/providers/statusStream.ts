// A provider's status stream (fal: Server-Sent Events from …/status/stream; inference.sh: NDJSON from
// /tasks/{id}/stream), read as JSON events, so the end of a request is noticed the moment the provider says so
// instead of at the next poll. Whatever goes wrong with the stream itself (refused, cut, silent too long, ended
// early) hands over to polling, which keeps the same deadline; a failure the stream reports is the request's.
import { AppError } from '../../shared/domain/errors'
import {
  finished,
  type PollOptions,
  type PollStep,
  pollDeadlineError,
  pollUntilDone,
  progressReporter,
  providerDurations,
} from './poll'

export type StreamFormat = 'sse' | 'ndjson'

/** No byte for this long (not even a heartbeat): the stream is taken for dead and polling takes over. */
export const STREAM_SILENCE_MS = 30_000

export interface StatusStream<T> {
  format: StreamFormat
  /** Opens the stream (an error here hands over to polling). */
  open: () => Promise<Response>
  /** One event: done with a value, still running (with a stage), or null when it says nothing of the status. */
  step: (event: unknown) => Promise<PollStep<T> | null> | PollStep<T> | null
  /** Default STREAM_SILENCE_MS. */
  silenceMs?: number
}

/**
 * PURE: the complete events at the start of `text` (each JSON-parsed; a line or event that is not JSON, such as
 * an SSE comment or keep-alive, is left out) and the unfinished rest to prepend to the next chunk.
 */
export function parseStreamEvents(format: StreamFormat, text: string): { events: unknown[]; rest: string } {
  const normal = text.replace(/\r\n?/g, '\n')
  const separator = format === 'sse' ? '\n\n' : '\n'
  const blocks = normal.split(separator)
  const rest = blocks.pop() ?? ''
  const events: unknown[] = []
  for (const block of blocks) {
    const payload =
      format === 'sse'
        ? block
            .split('\n')
            .filter((l) => l.startsWith('data:'))
            .map((l) => l.slice(5).replace(/^ /, ''))
            .join('\n')
        : block
    if (!payload.trim()) continue
    try {
      events.push(JSON.parse(payload))
    } catch {
      // not an event we can read
    }
  }
  return { events, rest }
}

/** Reads the stream until a step is done; null when the stream gave out first (refused, cut, silent, ended). */
async function readStream<T>(
  opts: PollOptions<T>,
  stream: StatusStream<T>,
  deadlineMs: number,
): Promise<{ value: T } | null> {
  const report = progressReporter(opts.ctx)
  let res: Response
  try {
    res = await stream.open()
  } catch {
    if (opts.ctx.signal.aborted) throw new AppError('CANCELLED', 'Cancelled.')
    return null
  }
  const reader = res.body?.getReader()
  if (!reader) return null
  let timer: NodeJS.Timeout | undefined
  const arm = (): void => {
    clearTimeout(timer)
    timer = setTimeout(
      () => void reader.cancel().catch(() => undefined),
      Math.min(stream.silenceMs ?? STREAM_SILENCE_MS, Math.max(0, deadlineMs)),
    )
  }
  const onAbort = (): void => void reader.cancel().catch(() => undefined)
  opts.ctx.signal.addEventListener('abort', onAbort, { once: true })
  const decoder = new TextDecoder()
  let rest = ''
  try {
    arm()
    for (;;) {
      const chunk = await reader.read().catch(() => ({ done: true as const, value: undefined }))
      if (opts.ctx.signal.aborted) throw new AppError('CANCELLED', 'Cancelled.')
      if (chunk.done) return null
      arm()
      const parsed = parseStreamEvents(stream.format, rest + decoder.decode(chunk.value, { stream: true }))
      rest = parsed.rest
      for (const event of parsed.events) {
        const step = await stream.step(event)
        if (!step) continue
        if (step.done) return { value: step.value }
        report(step.progress)
      }
    }
  } finally {
    clearTimeout(timer)
    opts.ctx.signal.removeEventListener('abort', onAbort)
    void reader.cancel().catch(() => undefined)
  }
}

/** Watches over the status stream, then (if it gives out before the end) polls, within one deadline. */
export async function watchUntilDone<T>(opts: PollOptions<T> & { stream: StatusStream<T> }): Promise<T> {
  const now = opts.now ?? Date.now
  const durations = opts.durations ?? providerDurations
  const { label } = opts.profile
  const maxWaitMs = opts.ctx.maxWaitMs ?? opts.profile.maxWaitMs
  const startedMs = now()
  const streamed = await readStream(opts, opts.stream, maxWaitMs)
  if (streamed) {
    durations.note(label, now() - startedMs)
    finished(opts.ctx)
    return streamed.value
  }
  if (now() - startedMs >= maxWaitMs) throw pollDeadlineError(label, maxWaitMs)
  return pollUntilDone({ ...opts, startedMs })
}
