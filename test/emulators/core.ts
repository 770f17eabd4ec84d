// Shared machinery of the provider emulators: an HTTP server on 127.0.0.1, a job timeline driven by the
// clock, stored uploads and outputs served back by URL, call counters, and scriptable faults.
import { randomUUID } from 'node:crypto'
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { synthesize, type SynthFormat } from './synthAudio'

/** 'stream': opening a status stream (fal's SSE, inference.sh's NDJSON). */
export type Op = 'submit' | 'status' | 'stream' | 'result' | 'upload' | 'download' | 'cancel'

export type Fault =
  | { op: Op; status: number; body?: unknown; headers?: Record<string, string>; times?: number }
  /** Drop the connection without answering (a network error); for 'submit', after the job was accepted. */
  | { op: Op; drop: true; times?: number }
  /** For 'download': send the headers (full Content-Length) and half the bytes, then drop the connection. */
  | { op: Op; cut: true; times?: number }

/** How a job ends: ok, the provider's own failure, a corrupt or truncated output file, or never. */
export type Outcome =
  | { kind: 'ok' }
  | { kind: 'fail'; message: string }
  | { kind: 'corrupt' }
  | { kind: 'truncated' }
  | { kind: 'hang' }

export interface EmulatedJob {
  id: string
  mode: 'video' | 'text'
  input: Record<string, unknown>
  video?: Buffer
  createdAtMs: number
  outcome: Outcome
  cancelled: boolean
  outputUrl?: string
  /** Phases a status poll has reported (see EmulatorState.observe). */
  reported?: Set<'queued' | 'running'>
}

export interface Timing {
  /** Time a job waits in the queue. */
  queueMs: number
  /** Time a job runs once started. */
  runMs: number
}

export class EmulatorState {
  readonly counts: Record<Op, number> = {
    submit: 0,
    status: 0,
    stream: 0,
    result: 0,
    upload: 0,
    download: 0,
    cancel: 0,
  }
  readonly files = new Map<string, { bytes: Buffer; mime: string }>()
  readonly jobs = new Map<string, EmulatedJob>()
  readonly authFailures: string[] = []
  timing: Timing = { queueMs: 30, runMs: 60 }
  /** Outcomes for the next submits, in order; then 'ok'. */
  outcomes: Outcome[] = []
  faults: Fault[] = []
  baseUrl = ''

  /** Returns (and uses up) a fault scripted for this operation, if any. */
  takeFault(op: Op): Fault | undefined {
    const i = this.faults.findIndex((f) => f.op === op)
    if (i < 0) return undefined
    const f = this.faults[i]!
    const left = (f.times ?? 1) - 1
    if (left <= 0) this.faults.splice(i, 1)
    else this.faults[i] = { ...f, times: left }
    return f
  }

  addJob(mode: 'video' | 'text', input: Record<string, unknown>, video?: Buffer): EmulatedJob {
    const job: EmulatedJob = {
      id: randomUUID(),
      mode,
      input,
      ...(video ? { video } : {}),
      createdAtMs: Date.now(),
      outcome: this.outcomes.shift() ?? { kind: 'ok' },
      cancelled: false,
    }
    this.jobs.set(job.id, job)
    return job
  }

  phase(job: EmulatedJob, nowMs = Date.now()): 'queued' | 'running' | 'succeeded' | 'failed' | 'cancelled' {
    if (job.cancelled) return 'cancelled'
    const age = nowMs - job.createdAtMs
    if (age < this.timing.queueMs) return 'queued'
    if (job.outcome.kind === 'hang' || age < this.timing.queueMs + this.timing.runMs) return 'running'
    return job.outcome.kind === 'fail' ? 'failed' : 'succeeded'
  }

  /**
   * The phase a status poll reports: the clock's phase, except that a phase no poll has reported yet is never
   * skipped. A client polling under load (a busy CI machine) still sees queued → running → done in order,
   * so tests of stage reporting do not depend on timing.
   */
  observe(job: EmulatedJob, nowMs = Date.now()): ReturnType<EmulatorState['phase']> {
    const timed = this.phase(job, nowMs)
    if (timed === 'cancelled' || job.outcome.kind === 'hang') return timed
    job.reported ??= new Set()
    for (const step of ['queued', 'running'] as const) {
      if (timed === step) break
      if (!job.reported.has(step)) {
        job.reported.add(step)
        return step
      }
    }
    if (timed === 'queued' || timed === 'running') job.reported.add(timed)
    return timed
  }

  /** Jobs ahead of this one that are still queued. */
  queuePosition(job: EmulatedJob): number {
    return [...this.jobs.values()].filter((j) => j.createdAtMs < job.createdAtMs && this.phase(j) === 'queued').length
  }

  storeFile(bytes: Buffer, mime: string, name: string): string {
    const id = randomUUID()
    this.files.set(id, { bytes, mime })
    return `${this.baseUrl}/files/${id}/${encodeURIComponent(name)}`
  }

  /** The bytes of a stored file by any URL naming it (`…/files/<id>/<name>`, or Replicate's `…/files/<id>`). */
  fileByUrl(url: string): Buffer | undefined {
    const m = /\/files\/([^/?]+)/.exec(new URL(url, this.baseUrl).pathname)
    return m ? this.files.get(m[1]!)?.bytes : undefined
  }

  /** Produces the job's output file once (derived from its uploaded video) and returns its URL. */
  async output(
    job: EmulatedJob,
    format: SynthFormat,
    mime: string,
    params: { prompt: string; seed: number; durationSec: number },
  ): Promise<string> {
    if (job.outputUrl) return job.outputUrl
    let bytes = await synthesize({ ...(job.video ? { video: job.video } : {}), format, ...params })
    if (job.outcome.kind === 'corrupt') bytes = Buffer.from('this is not audio at all'.repeat(40))
    if (job.outcome.kind === 'truncated') bytes = bytes.subarray(0, Math.floor(bytes.length / 3))
    job.outputUrl = this.storeFile(bytes, mime, `output.${format}`)
    return job.outputUrl
  }
}

export type Handler = (req: IncomingMessage, res: ServerResponse, body: Buffer, url: URL) => Promise<void>

/**
 * A status stream: `status()` is read every few ms and each change is written with `write` until `done()` says
 * the job has ended (then the stream ends) or the client goes away. `heartbeat` is written every second so a
 * client can tell a quiet stream from a dead one.
 */
export function streamStatus(
  res: ServerResponse,
  contentType: string,
  events: { status: () => unknown; done: () => boolean; write: (status: unknown) => string; heartbeat: string },
): void {
  res.writeHead(200, { 'Content-Type': contentType, 'Cache-Control': 'no-cache', Connection: 'keep-alive' })
  let last = ''
  let beat = Date.now()
  const tick = (): void => {
    const status = events.status()
    const text = JSON.stringify(status)
    if (text !== last) {
      res.write(events.write(status))
      last = text
      beat = Date.now()
    } else if (Date.now() - beat >= 1000) {
      res.write(events.heartbeat)
      beat = Date.now()
    }
    if (events.done()) {
      clearInterval(timer)
      res.end()
    }
  }
  const timer = setInterval(tick, 5)
  res.on('close', () => clearInterval(timer))
  tick()
}

export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  const text = JSON.stringify(body)
  res.writeHead(status, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(text), ...headers })
  res.end(text)
}

/** How a provider answers an error it was not given a body for: its own body, and headers it always adds. */
export interface ErrorShape {
  body(status: number): unknown
  headers?(status: number): Record<string, string>
  /**
   * A scripted server error (5xx) comes after the provider took the request: the job exists although the
   * answer says it failed (as with a dropped connection).
   */
  serverErrorsAfterAccepting?: boolean
}

/**
 * Answers the fault scripted for `op`, if there is one, in the provider's error shape (a scripted body and
 * headers win); returns true when it did. A dropped connection (or a cut one, outside downloads) runs `accept`
 * first: the provider took the request, then the connection was lost.
 */
export function fault(
  state: EmulatorState,
  op: Op,
  res: ServerResponse,
  shape: ErrorShape,
  accept?: () => void,
): boolean {
  const f = state.takeFault(op)
  if (!f) return false
  if (!('status' in f)) {
    accept?.()
    res.socket?.destroy()
    return true
  }
  if (f.status >= 500 && shape.serverErrorsAfterAccepting) accept?.()
  sendJson(res, f.status, f.body ?? shape.body(f.status), { ...shape.headers?.(f.status), ...f.headers })
  return true
}

function replyFault(f: Fault, res: ServerResponse, bytes?: Buffer): void {
  if ('cut' in f) {
    res.write((bytes ?? Buffer.alloc(0)).subarray(0, Math.floor((bytes?.length ?? 0) / 2)), () => res.socket?.destroy())
    return
  }
  if ('drop' in f) {
    res.socket?.destroy()
    return
  }
  sendJson(res, f.status, f.body ?? { message: `emulated ${f.status}` }, f.headers ?? {})
}

/** Serves GET /files/:id/:name (outputs and uploads), counting downloads and honouring faults. */
export function serveFile(state: EmulatorState, req: IncomingMessage, res: ServerResponse, url: URL): boolean {
  const m = /^\/files\/([^/]+)\//.exec(url.pathname)
  if (!m || req.method !== 'GET') return false
  state.counts.download++
  const fault = state.takeFault('download')
  const file = state.files.get(m[1]!)
  if (fault && !('cut' in fault && file)) {
    replyFault(fault, res)
    return true
  }
  if (!file) {
    sendJson(res, 404, { message: 'no such file' })
    return true
  }
  res.writeHead(200, { 'Content-Type': file.mime, 'Content-Length': file.bytes.length })
  if (fault) replyFault(fault, res, file.bytes)
  else res.end(file.bytes)
  return true
}

export interface RunningEmulator {
  baseUrl: string
  state: EmulatorState
  close(): Promise<void>
}

export async function startEmulator(state: EmulatorState, handler: Handler): Promise<RunningEmulator> {
  const server = createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => chunks.push(c))
    req.on('end', () => {
      const url = new URL(req.url ?? '/', state.baseUrl)
      const done = serveFile(state, req, res, url) ? Promise.resolve() : handler(req, res, Buffer.concat(chunks), url)
      done.catch((e: unknown) => {
        if (!res.headersSent) sendJson(res, 500, { message: `emulator error: ${String(e)}` })
      })
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  state.baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  return {
    baseUrl: state.baseUrl,
    state,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}

/** Parses a multipart/form-data body into its parts (enough for file uploads from fetch's FormData). */
export function parseMultipart(
  body: Buffer,
  contentType: string,
): Array<{ name: string; filename?: string; type?: string; data: Buffer }> {
  const boundary = /boundary=(?:"([^"]+)"|([^;]+))/.exec(contentType)
  if (!boundary) return []
  const sep = Buffer.from(`--${boundary[1] ?? boundary[2]}`)
  const parts: Array<{ name: string; filename?: string; type?: string; data: Buffer }> = []
  let pos = body.indexOf(sep)
  while (pos >= 0) {
    const next = body.indexOf(sep, pos + sep.length)
    if (next < 0) break
    const part = body.subarray(pos + sep.length + 2, next - 2)
    const headerEnd = part.indexOf('\r\n\r\n')
    if (headerEnd >= 0) {
      const head = part.subarray(0, headerEnd).toString('utf8')
      const name = /name="([^"]*)"/.exec(head)?.[1] ?? ''
      const filename = /filename="([^"]*)"/.exec(head)?.[1]
      const type = /Content-Type:\s*([^\r\n]+)/i.exec(head)?.[1]
      parts.push({
        name,
        ...(filename !== undefined ? { filename } : {}),
        ...(type ? { type } : {}),
        data: part.subarray(headerEnd + 4),
      })
    }
    pos = next
  }
  return parts
}
