// Replicate emulator (providers.md §6.6): `Authorization: Bearer <token>`; POST /v1/files multipart
// (`content` + `metadata`) → FileObject whose urls.get a prediction takes as `video`; POST /v1/predictions
// {version, input} (201; `Prefer: wait[=N]` blocks until done) validated like cog-mmaudio's predict.py;
// GET /v1/predictions/{id}: starting → processing → succeeded | failed; POST …/cancel → canceled.
// Errors `{title, detail, status}` (+ `invalid_fields` on 422), 429 with Retry-After via faults. Output: one
// URL back at the emulator (standing in for replicate.delivery): MP4 with the video's picture when a video
// was given, FLAC for text only; derived from the uploaded video.
import { createHash, randomUUID } from 'node:crypto'
import type { IncomingMessage, ServerResponse } from 'node:http'
import {
  EmulatorState,
  fault,
  parseMultipart,
  sendJson,
  startEmulator,
  type EmulatedJob,
  type ErrorShape,
  type RunningEmulator,
} from './core'

export interface ReplicateEmulatorOptions {
  apiKey?: string
  /** Version ids this model has; a create with another one is refused (422). */
  versions?: string[]
}

export interface ReplicateEmulator extends RunningEmulator {
  apiKey: string
  stats: { fileParts: string[][]; createBodies: Array<{ version?: string; input?: Record<string, unknown> }> }
}

/** The newest published version of zsxkib/mmaudio (providers.md §6). */
const DEFAULT_VERSIONS = ['0e759d66310ead26e0880bd9111db74ef7bccb3081b49653da706bc5a8db87f0']
const TITLES: Record<number, string> = {
  400: 'Bad request',
  401: 'Unauthenticated',
  404: 'Not found',
  422: 'Input validation failed',
  429: 'Request was throttled',
  500: 'Internal server error',
}

/** An error body as the API sends it; `invalid_fields` on a 422. */
export function replicateError(
  status: number,
  detail: string,
  invalid?: { field: string; description: string },
): Record<string, unknown> {
  return {
    title: TITLES[status] ?? 'Error',
    detail,
    status,
    ...(invalid ? { invalid_fields: [{ type: 'invalid', ...invalid }] } : {}),
  }
}

/** Problem-style bodies; a scripted 5xx on a create comes after the prediction was accepted. */
const ERRORS: ErrorShape = {
  body: (status) => replicateError(status, `Emulated ${status}`),
  serverErrorsAfterAccepting: true,
}

export async function startReplicateEmulator(opts: ReplicateEmulatorOptions = {}): Promise<ReplicateEmulator> {
  const state = new EmulatorState()
  const apiKey = opts.apiKey ?? 'r8_test_token_0123456789abcdef'
  const versions = opts.versions ?? DEFAULT_VERSIONS
  const stats: ReplicateEmulator['stats'] = { fileParts: [], createBodies: [] }
  const fileObjects = new Map<string, Record<string, unknown>>()
  const versionOf = new Map<string, string>()

  const error = (
    res: ServerResponse,
    status: number,
    detail: string,
    invalid?: { field: string; description: string },
  ): void => sendJson(res, status, replicateError(status, detail, invalid))

  const fileIdOf = (url: string): string | undefined =>
    /\/v1\/files\/([^/?]+)/.exec(new URL(url, state.baseUrl).pathname)?.[1]

  function prediction(job: EmulatedJob, extra: Record<string, unknown> = {}): Record<string, unknown> {
    const get = `${state.baseUrl}/v1/predictions/${job.id}`
    return {
      id: job.id,
      model: 'zsxkib/mmaudio',
      version: versionOf.get(job.id),
      input: job.input,
      output: null,
      error: null,
      logs: '',
      data_removed: false,
      source: 'api',
      created_at: new Date(job.createdAtMs).toISOString(),
      urls: {
        get,
        cancel: `${get}/cancel`,
        stream: `${state.baseUrl}/stream/${job.id}`,
        web: `https://replicate.com/p/${job.id}`,
      },
      ...extra,
    }
  }

  async function current(job: EmulatedJob): Promise<Record<string, unknown>> {
    const phase = state.observe(job)
    if (phase === 'queued') return prediction(job, { status: 'starting' })
    if (phase === 'running') return prediction(job, { status: 'processing', logs: 'Generating audio…' })
    if (phase === 'cancelled') return prediction(job, { status: 'canceled' })
    const done = { completed_at: new Date().toISOString(), metrics: { predict_time: state.timing.runMs / 1000 } }
    if (phase === 'failed')
      return prediction(job, {
        status: 'failed',
        error: job.outcome.kind === 'fail' ? job.outcome.message : 'failed',
        ...done,
      })
    const params = {
      prompt: String(job.input.prompt ?? ''),
      seed: Number(job.input.seed ?? 0),
      durationSec: Number(job.input.duration ?? 8),
    }
    const output = job.video
      ? await state.output(job, 'mp4', 'video/mp4', params)
      : await state.output(job, 'flac', 'audio/flac', params)
    return prediction(job, { status: 'succeeded', output, ...done })
  }

  /** cog-mmaudio's input checks; returns [field, description] of the first problem. */
  function invalid(input: Record<string, unknown>): [string, string] | undefined {
    const num = (k: string, min: number, int = false): [string, string] | undefined => {
      const v = input[k]
      if (v === undefined) return undefined
      if (typeof v !== 'number' || (int && !Number.isInteger(v)))
        return [k, `${k} must be ${int ? 'an integer' : 'a number'}`]
      return v < min ? [k, `Must be greater than or equal to ${min}`] : undefined
    }
    for (const k of ['prompt', 'negative_prompt'])
      if (input[k] !== undefined && typeof input[k] !== 'string') return [k, `${k} must be a string`]
    const bad = num('duration', 1) ?? num('cfg_strength', 1) ?? num('num_steps', 1, true) ?? num('seed', -1, true)
    if (bad) return bad
    if (input.video !== undefined) {
      const id = typeof input.video === 'string' ? fileIdOf(input.video) : undefined
      if (!id || !state.files.has(id)) return ['video', 'Could not download the file at this URL']
    }
    return undefined
  }

  async function create(req: IncomingMessage, res: ServerResponse, body: Buffer): Promise<void> {
    state.counts.submit++
    let parsed: { version?: string; input?: Record<string, unknown> }
    try {
      parsed = JSON.parse(body.toString('utf8'))
    } catch {
      return error(res, 400, 'Request body is not valid JSON')
    }
    stats.createBodies.push(parsed)
    const input = parsed.input ?? {}
    let job: EmulatedJob | undefined
    const accept = (): EmulatedJob => {
      const id = typeof input.video === 'string' ? fileIdOf(input.video) : undefined
      const video = id ? state.files.get(id)?.bytes : undefined
      job ??= state.addJob(video ? 'video' : 'text', input, video)
      versionOf.set(job.id, String(parsed.version))
      return job
    }
    if (fault(state, 'submit', res, ERRORS, accept)) return
    if (!parsed.version || !versions.includes(parsed.version))
      return error(res, 422, 'Invalid version or not permitted', {
        field: 'version',
        description: 'Invalid version or not permitted',
      })
    const bad = invalid(input)
    if (bad) return error(res, 422, `- input.${bad[0]}: ${bad[1]}`, { field: `input.${bad[0]}`, description: bad[1] })
    const accepted = accept()
    const wait = /^wait(?:=(\d+))?$/.exec(String(req.headers.prefer ?? ''))
    if (wait) {
      const until = Date.now() + Number(wait[1] ?? 60) * 1000
      while (Date.now() < until && ['queued', 'running'].includes(state.phase(accepted)))
        await new Promise((r) => setTimeout(r, 10))
    }
    sendJson(res, 201, await current(accepted))
  }

  function uploadFile(req: IncomingMessage, res: ServerResponse, body: Buffer): void {
    state.counts.upload++
    if (fault(state, 'upload', res, ERRORS)) return
    const parts = parseMultipart(body, String(req.headers['content-type'] ?? ''))
    stats.fileParts.push(parts.map((p) => p.name))
    const content = parts.find((p) => p.name === 'content' && p.filename !== undefined)
    if (!content) {
      error(res, 400, 'Missing file: multipart field "content"')
      return
    }
    const metaPart = parts.find((p) => p.name === 'metadata')
    let metadata: unknown = {}
    try {
      metadata = metaPart ? JSON.parse(metaPart.data.toString('utf8')) : {}
    } catch {
      error(res, 400, 'metadata must be JSON')
      return
    }
    const id = randomUUID().replace(/-/g, '')
    const type = content.type ?? 'application/octet-stream'
    state.files.set(id, { bytes: content.data, mime: type })
    const created = new Date()
    const file = {
      id,
      content_type: type,
      size: content.data.length,
      checksums: { sha256: createHash('sha256').update(content.data).digest('hex') },
      metadata,
      created_at: created.toISOString(),
      expires_at: new Date(created.getTime() + 86_400_000).toISOString(),
      urls: { get: `${state.baseUrl}/v1/files/${id}` },
    }
    fileObjects.set(id, file)
    sendJson(res, 201, file)
  }

  const handler = async (req: IncomingMessage, res: ServerResponse, body: Buffer, url: URL): Promise<void> => {
    const path = url.pathname
    const method = req.method ?? 'GET'
    if (req.headers.authorization !== `Bearer ${apiKey}`) {
      state.authFailures.push(path)
      return error(res, 401, 'You did not pass a valid authentication token')
    }
    if (path === '/v1/files' && method === 'POST') return uploadFile(req, res, body)
    const file = /^\/v1\/files\/([^/]+)$/.exec(path)
    if (file && method === 'GET') {
      const f = fileObjects.get(file[1]!)
      return f ? sendJson(res, 200, f) : error(res, 404, 'Not found.')
    }
    if (path === '/v1/predictions' && method === 'POST') return create(req, res, body)
    const m = /^\/v1\/predictions\/([^/]+)(\/cancel)?$/.exec(path)
    const job = m ? state.jobs.get(m[1]!) : undefined
    if (m && !m[2] && method === 'GET') {
      state.counts.status++
      if (fault(state, 'status', res, ERRORS)) return
      return job ? sendJson(res, 200, await current(job)) : error(res, 404, 'Not found.')
    }
    if (m?.[2] && method === 'POST') {
      state.counts.cancel++
      if (fault(state, 'cancel', res, ERRORS)) return
      if (!job) return error(res, 404, 'Not found.')
      if (['queued', 'running'].includes(state.phase(job))) job.cancelled = true
      return sendJson(res, 200, await current(job))
    }
    return error(res, 404, 'Not found.')
  }

  const running = await startEmulator(state, handler)
  return { ...running, apiKey, stats }
}
