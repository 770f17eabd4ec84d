// Eachlabs emulator (providers.md §3.5): X-API-Key auth; presign + signed PUT that answers 403 unless the
// declared Content-Type and every required header are present; predictions starting → processing → success
// | failed | error | cancelled; both documented error bodies (switchable); 10 concurrent and 100 creates a
// minute per key → 429 (no Retry-After). Output: MP4 (video + AAC) derived from the uploaded video.
import { createHmac, randomUUID } from 'node:crypto'
import type { IncomingMessage, ServerResponse } from 'node:http'
import {
  EmulatorState,
  fault,
  sendJson,
  startEmulator,
  type EmulatedJob,
  type ErrorShape,
  type Op,
  type RunningEmulator,
} from './core'

export interface EachlabsEmulatorConfig {
  apiKey: string
  /** `{status:"error", message, details}` (model page) or `{error}` (create-prediction guide). */
  errorShape: 'status' | 'error'
  /** Status of a job whose outcome is 'fail': 'failed' (API reference) or 'error' (model page). */
  failedStatus: 'failed' | 'error'
  maxConcurrent: number
  maxCreatesPerMinute: number
  /** Origin written into every URL handed out; default the emulator itself (tests set a foreign one). */
  advertisedOrigin: string | null
}

export interface EachlabsEmulator extends RunningEmulator {
  /** The key it accepts (config.apiKey, as started). */
  readonly apiKey: string
  config: EachlabsEmulatorConfig
  stats: { presigns: number; putsRefused: number; putsWithApiKey: number; rateLimited: number; creates: number[] }
}

interface PendingUpload {
  contentType: string
  requiredHeaders: Record<string, string>
  expiresAtMs: number
}

const SIGNING_SECRET = 'eachlabs-emulator'
const sign = (id: string): string => createHmac('sha256', SIGNING_SECRET).update(id).digest('hex').slice(0, 32)
const EXT: Record<string, string> = { 'video/mp4': 'mp4', 'video/quicktime': 'mov', 'video/webm': 'webm' }

export async function startEachlabsEmulator(opts: Partial<EachlabsEmulatorConfig> = {}): Promise<EachlabsEmulator> {
  const state = new EmulatorState()
  const config: EachlabsEmulatorConfig = {
    apiKey: 'each-test-key-0123456789',
    errorShape: 'status',
    failedStatus: 'failed',
    maxConcurrent: 10,
    maxCreatesPerMinute: 100,
    advertisedOrigin: null,
    ...opts,
  }
  const stats: EachlabsEmulator['stats'] = {
    presigns: 0,
    putsRefused: 0,
    putsWithApiKey: 0,
    rateLimited: 0,
    creates: [],
  }
  const uploads = new Map<string, PendingUpload>()
  const origin = (): string => config.advertisedOrigin ?? state.baseUrl
  const advertise = (url: string): string =>
    url.startsWith(state.baseUrl) ? origin() + url.slice(state.baseUrl.length) : url

  const errorBody = (message: string, details?: string): unknown =>
    config.errorShape === 'status'
      ? { status: 'error', message, details: details ?? message }
      : { error: details ? `${message}: ${details}` : message }
  const error = (res: ServerResponse, status: number, message: string, details?: string): void =>
    sendJson(res, status, errorBody(message, details))
  /** Either documented body, as the config says (read when the fault is answered). */
  const errors: ErrorShape = { body: (status) => errorBody(`Emulated ${status}`) }

  function authorized(req: IncomingMessage, res: ServerResponse, path: string): boolean {
    if (req.headers['x-api-key'] === config.apiKey) return true
    state.authFailures.push(path)
    error(res, 401, 'Invalid or missing API key')
    return false
  }

  const active = (): number =>
    [...state.jobs.values()].filter((j) => ['queued', 'running'].includes(state.phase(j))).length

  function accept(input: Record<string, unknown>, video: Buffer): EmulatedJob {
    stats.creates.push(Date.now())
    return state.addJob('video', input, video)
  }

  function parse(body: Buffer): Record<string, unknown> | null {
    try {
      const v: unknown = JSON.parse(body.toString('utf8'))
      return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : null
    } catch {
      return null
    }
  }

  /** The documented input checks; returns the offending field's message or null. */
  function invalidInput(input: Record<string, unknown>): string | null {
    if (typeof input.video !== 'string' || !state.fileByUrl(input.video))
      return 'video must be the URL of an uploaded video/mp4 file'
    for (const k of ['prompt', 'negative_prompt'] as const)
      if (input[k] !== undefined && typeof input[k] !== 'string') return `${k} must be a string`
    for (const k of ['duration', 'cfg_strength'] as const)
      if (input[k] !== undefined && (typeof input[k] !== 'number' || (input[k] as number) <= 0))
        return `${k} must be a positive number`
    for (const k of ['num_steps', 'seed'] as const)
      if (input[k] !== undefined && !Number.isInteger(input[k])) return `${k} must be an integer`
    return null
  }

  async function create(req: IncomingMessage, res: ServerResponse, body: Buffer): Promise<void> {
    state.counts.submit++
    const json = parse(body)
    const input = (json?.input ?? {}) as Record<string, unknown>
    if (
      fault(
        state,
        'submit',
        res,
        errors,
        () => void accept(input, state.fileByUrl(String(input.video)) ?? Buffer.alloc(0)),
      )
    )
      return
    if (!authorized(req, res, '/v1/prediction')) return
    if (!json) return error(res, 400, 'Invalid JSON body')
    if (!json.model) return error(res, 400, 'model field is required')
    if (json.model !== 'mmaudio')
      return error(res, 404, 'Model not found', `no model with slug "${String(json.model)}"`)
    const bad = invalidInput(input)
    if (bad) return error(res, 400, 'Invalid input for model', bad)
    const now = Date.now()
    if (
      active() >= config.maxConcurrent ||
      stats.creates.filter((t) => t > now - 60_000).length >= config.maxCreatesPerMinute
    ) {
      stats.rateLimited++
      return error(
        res,
        429,
        'Rate limit exceeded',
        `at most ${config.maxConcurrent} concurrent predictions and ${config.maxCreatesPerMinute} creates per minute per key`,
      )
    }
    const job = accept(input, state.fileByUrl(input.video as string)!)
    sendJson(res, 200, { status: 'success', message: 'Prediction created successfully', predictionID: job.id })
  }

  async function prediction(res: ServerResponse, job: EmulatedJob): Promise<void> {
    const get = advertise(`${state.baseUrl}/v1/prediction/${job.id}`)
    const phase = state.observe(job)
    const base = {
      id: job.id,
      predictionID: job.id,
      input: job.input,
      output: null,
      logs: null,
      metrics: null,
      urls: { cancel: `${get}/cancel`, get },
    }
    if (phase === 'queued' || phase === 'running')
      return sendJson(res, 200, { ...base, status: phase === 'queued' ? 'starting' : 'processing' })
    if (phase === 'cancelled') return sendJson(res, 200, { ...base, status: 'cancelled' })
    if (phase === 'failed') {
      const message = job.outcome.kind === 'fail' ? job.outcome.message : 'failed'
      const failure = config.failedStatus === 'failed' ? { error: message } : { message, details: message }
      return sendJson(res, 200, { ...base, status: config.failedStatus, ...failure })
    }
    const input = job.input
    const url = await state.output(job, 'mp4', 'video/mp4', {
      prompt: String(input.prompt ?? ''),
      seed: Number(input.seed ?? 0),
      durationSec: Number(input.duration ?? 8),
    })
    const predictTime = state.timing.runMs / 1000
    sendJson(res, 200, {
      ...base,
      status: 'success',
      output: advertise(url),
      metrics: { predict_time: predictTime, cost: predictTime * 0.00108 },
    })
  }

  async function presign(req: IncomingMessage, res: ServerResponse, body: Buffer): Promise<void> {
    stats.presigns++
    if (!authorized(req, res, '/v1/upload/presign')) return
    const json = parse(body)
    const contentType = json?.content_type
    if (typeof contentType !== 'string' || !contentType) return error(res, 400, 'content_type is required')
    const id = randomUUID()
    const ext = EXT[contentType] ?? 'bin'
    const requiredHeaders = { 'x-amz-meta-file-id': id }
    uploads.set(id, { contentType, requiredHeaders, expiresAtMs: Date.now() + 15 * 60_000 })
    sendJson(res, 200, {
      id,
      presigned_url: `${origin()}/s3/uploads/${id}.${ext}?X-Amz-Expires=900&X-Amz-Signature=${sign(id)}`,
      public_url: `${origin()}/files/${id}/${id}.${ext}`,
      expires_at: new Date(Date.now() + 15 * 60_000).toISOString(),
      required_headers: requiredHeaders,
    })
  }

  /** The signed PUT, as S3 checks it: signature, expiry, Content-Type, every signed header, a Content-Length. */
  function put(req: IncomingMessage, res: ServerResponse, body: Buffer, url: URL): void {
    state.counts.upload++
    if (fault(state, 'upload', res, errors)) return
    if (req.headers['x-api-key'] !== undefined) stats.putsWithApiKey++
    const id = /^\/s3\/uploads\/([^/.]+)\./.exec(url.pathname)?.[1] ?? ''
    const pending = uploads.get(id)
    const refuse = (code: string, status = 403): void => {
      stats.putsRefused++
      res.writeHead(status, { 'Content-Type': 'application/xml' })
      res.end(`<?xml version="1.0" encoding="UTF-8"?><Error><Code>${code}</Code></Error>`)
    }
    if (!pending || url.searchParams.get('X-Amz-Signature') !== sign(id)) {
      refuse('SignatureDoesNotMatch')
      return
    }
    if (Date.now() > pending.expiresAtMs) {
      refuse('AccessDenied')
      return
    }
    if (req.headers['content-type'] !== pending.contentType) {
      refuse('SignatureDoesNotMatch')
      return
    }
    for (const [name, value] of Object.entries(pending.requiredHeaders)) {
      if (req.headers[name.toLowerCase()] !== value) {
        refuse('SignatureDoesNotMatch')
        return
      }
    }
    if (req.headers['content-length'] === undefined) {
      refuse('MissingContentLength', 411)
      return
    }
    state.files.set(id, { bytes: body, mime: pending.contentType })
    uploads.delete(id)
    res.writeHead(200, { ETag: `"${sign(`${id}-etag`)}"`, 'Content-Length': 0 })
    res.end()
  }

  const running = await startEmulator(state, async (req, res, body, url) => {
    const path = url.pathname.replace(/\/+$/, '')
    const predictionMatch = /^\/v1\/prediction\/([^/]+)(\/cancel)?$/.exec(path)
    if (req.method === 'PUT' && path.startsWith('/s3/uploads/')) return put(req, res, body, url)
    if (req.method === 'POST' && path === '/v1/upload/presign') return presign(req, res, body)
    if (req.method === 'POST' && path === '/v1/prediction') return create(req, res, body)
    if (
      !predictionMatch ||
      (req.method !== 'GET' && !predictionMatch[2]) ||
      (predictionMatch[2] && req.method !== 'POST')
    ) {
      return error(res, 404, 'Not found')
    }
    const op: Op = predictionMatch[2] ? 'cancel' : 'status'
    state.counts[op]++
    if (fault(state, op, res, errors)) return
    if (!authorized(req, res, path)) return
    const job = state.jobs.get(decodeURIComponent(predictionMatch[1]!))
    if (!job) return error(res, 404, 'Prediction not found')
    if (op === 'status') return prediction(res, job)
    if (!['queued', 'running'].includes(state.phase(job))) return error(res, 400, 'Prediction is not running')
    job.cancelled = true
    sendJson(res, 200, { status: 'cancelled', message: 'Prediction canceled successfully', predictionID: job.id })
  })
  return { ...running, apiKey: config.apiKey, config, stats }
}
