// fal.ai emulator (providers.md §1.6): `Authorization: Key <key>`; storage initiate + signed PUT (403 unless
// the Content-Type signed at initiate is sent, 411 without a Content-Length); queue submit for
// `fal-ai/mmaudio-v2` and `/text-to-audio`;
// status 202 IN_QUEUE (+queue_position) → 202 IN_PROGRESS → 200 COMPLETED, also for a failed run, whose error
// comes on the result GET (500 {detail,error_type}; 422 {detail:[{loc,msg,type}]} for input the run refused);
// status/result/cancel only under the app id (no subpath); the status stream (…/status/stream, Server-Sent
// Events: one `data:` event per change, ending after COMPLETED); cancel 202 CANCELLATION_REQUESTED / 400
// ALREADY_COMPLETED. Outputs: V2A an MP4 (picture + AAC), T2A a FLAC, both derived from the uploaded video.
import { randomUUID } from 'node:crypto'
import type { IncomingMessage, ServerResponse } from 'node:http'
import {
  EmulatorState,
  fault,
  sendJson,
  startEmulator,
  streamStatus,
  type EmulatedJob,
  type ErrorShape,
  type Op,
  type RunningEmulator,
} from './core'

export interface FalEmulatorOptions {
  apiKey?: string
  /** Hand out fal's public hosts (queue.fal.run, storage.googleapis.com, v3.fal.media) instead of our origin. */
  publicHosts?: boolean
}

export interface FalEmulator extends RunningEmulator {
  apiKey: string
  /** Every submit as received: the endpoint path and the JSON input. */
  submits: Array<{ endpoint: string; input: Record<string, unknown> }>
  /** Upload PUTs refused because the Content-Type did not match the one signed at initiate. */
  refusedPuts: number
}

const APP = '/fal-ai/mmaudio-v2'
const ENDPOINTS: Record<string, 'video' | 'text'> = { [APP]: 'video', [`${APP}/text-to-audio`]: 'text' }

type Detail = { loc: Array<string | number>; msg: string; type: string }

const errorType = (status: number): string =>
  status === 429 ? 'rate_limited' : status >= 500 ? 'runner_server_error' : 'bad_request'
/** fal's infrastructure errors: `{detail, error_type}` and the same type in X-Fal-Error-Type. */
const ERRORS: ErrorShape = {
  body: (status) => ({ detail: `Emulated ${status}`, error_type: errorType(status) }),
  headers: (status) => ({ 'X-Fal-Error-Type': errorType(status) }),
}

/** fal's (pydantic) validation of the model input; [] when it is valid. */
function validate(mode: 'video' | 'text', input: Record<string, unknown>): Detail[] {
  const out: Detail[] = []
  const err = (field: string, msg: string, type: string): void => void out.push({ loc: ['body', field], msg, type })
  const num = (field: string, min: number, max: number, int: boolean): void => {
    const v = input[field]
    if (v === undefined) return
    if (typeof v !== 'number' || (int && !Number.isInteger(v))) {
      err(field, `Input should be a valid ${int ? 'integer' : 'number'}`, int ? 'int_type' : 'float_type')
      return
    }
    if (v < min) err(field, `Input should be greater than or equal to ${min}`, 'greater_than_equal')
    if (v > max) err(field, `Input should be less than or equal to ${max}`, 'less_than_equal')
  }
  if (typeof input.prompt !== 'string') err('prompt', 'Field required', 'missing')
  if (mode === 'video' && typeof input.video_url !== 'string') err('video_url', 'Field required', 'missing')
  if (input.negative_prompt !== undefined && typeof input.negative_prompt !== 'string')
    err('negative_prompt', 'Input should be a valid string', 'string_type')
  num('seed', 0, 65535, true)
  num('num_steps', 4, 50, true)
  num('duration', 1, 30, false)
  num('cfg_strength', 0, 20, false)
  if (input.mask_away_clip !== undefined && typeof input.mask_away_clip !== 'boolean')
    err('mask_away_clip', 'Input should be a valid boolean', 'bool_type')
  return out
}

export async function startFalEmulator(opts: FalEmulatorOptions = {}): Promise<FalEmulator> {
  const state = new EmulatorState()
  const apiKey = opts.apiKey ?? 'test-fal-key-0123456789'
  const submits: FalEmulator['submits'] = []
  const uploads = new Map<string, { fileId: string; contentType: string }>()
  let refusedPuts = 0

  const queueOrigin = (): string => (opts.publicHosts ? 'https://queue.fal.run' : state.baseUrl)
  const uploadOrigin = (): string =>
    opts.publicHosts ? 'https://storage.googleapis.com/fal-cdn-uploads' : state.baseUrl
  const cdn = (url: string): string => (opts.publicHosts ? url.replace(state.baseUrl, 'https://v3.fal.media') : url)
  const urls = (id: string): Record<string, string> => ({
    response_url: `${queueOrigin()}${APP}/requests/${id}`,
    status_url: `${queueOrigin()}${APP}/requests/${id}/status`,
    cancel_url: `${queueOrigin()}${APP}/requests/${id}/cancel`,
  })

  function authorized(req: IncomingMessage, res: ServerResponse, path: string): boolean {
    if (req.headers.authorization === `Key ${apiKey}`) return true
    state.authFailures.push(path)
    sendJson(res, 401, { detail: 'No user found for Key ID and Secret' })
    return false
  }

  function parseBody(body: Buffer, res: ServerResponse): Record<string, unknown> | undefined {
    try {
      const v: unknown = JSON.parse(body.toString('utf8') || '{}')
      if (v && typeof v === 'object' && !Array.isArray(v)) return v as Record<string, unknown>
    } catch {
      /* answered below */
    }
    sendJson(res, 422, { detail: [{ loc: ['body'], msg: 'Input should be a valid dictionary', type: 'dict_type' }] })
    return undefined
  }

  async function result(job: EmulatedJob, res: ServerResponse): Promise<void> {
    const idHeader = { 'x-fal-request-id': job.id }
    const phase = state.phase(job)
    if (phase === 'queued' || phase === 'running')
      return sendJson(res, 400, { detail: 'Request is still in progress' }, idHeader)
    if (phase === 'cancelled') {
      return sendJson(
        res,
        499,
        { detail: 'Request was cancelled', error_type: 'client_cancelled' },
        { ...idHeader, 'X-Fal-Error-Type': 'client_cancelled' },
      )
    }
    if (job.outcome.kind === 'fail') {
      const headers = { ...idHeader, 'X-Fal-Error-Type': 'internal_error', 'X-Fal-Retryable': 'false' }
      return sendJson(res, 500, { detail: job.outcome.message, error_type: 'internal_error' }, headers)
    }
    if (job.mode === 'video' && !job.video) {
      const detail = [
        {
          loc: ['body', 'video_url'],
          msg: 'Failed to download the file. Please check the URL.',
          type: 'file_download_error',
        },
      ]
      return sendJson(res, 422, { detail }, idHeader)
    }
    const params = {
      prompt: String(job.input.prompt),
      seed: Number(job.input.seed ?? 0),
      durationSec: Number(job.input.duration ?? 8),
    }
    const video = job.mode === 'video'
    const url = await state.output(job, video ? 'mp4' : 'flac', video ? 'video/mp4' : 'audio/flac', params)
    const size = state.fileByUrl(url)?.length ?? 0
    const file = video
      ? { url: cdn(url), content_type: 'application/octet-stream', file_name: 'mmaudio_input.mp4', file_size: size }
      : { url: cdn(url), content_type: 'audio/flac', file_name: 'output.flac', file_size: size }
    sendJson(res, 200, video ? { video: file } : { audio: file }, idHeader)
  }

  /** A status as the status GET and each stream event carry it. */
  function statusBody(job: EmulatedJob, phase: ReturnType<EmulatorState['phase']>, url: URL): Record<string, unknown> {
    const logs = url.searchParams.get('logs') === '1'
    const base = { request_id: job.id, ...urls(job.id) }
    const logLines = [
      { message: 'Generating audio…', level: 'INFO', source: 'USER', timestamp: new Date().toISOString() },
    ]
    if (phase === 'queued') return { status: 'IN_QUEUE', queue_position: state.queuePosition(job), ...base }
    if (phase === 'running') return { status: 'IN_PROGRESS', ...base, ...(logs ? { logs: logLines } : {}) }
    const metrics = { inference_time: state.timing.runMs / 1000 }
    return { status: 'COMPLETED', ...base, metrics, ...(logs ? { logs: logLines } : {}) }
  }

  const emulator = await startEmulator(state, async (req, res, body, url) => {
    const path = url.pathname

    // Storage: initiate (authenticated), then the signed PUT (no auth header, like a GCS signed URL).
    if (req.method === 'POST' && path === '/storage/upload/initiate') {
      if (!authorized(req, res, path)) return
      const input = parseBody(body, res)
      if (!input) return
      const contentType = typeof input.content_type === 'string' ? input.content_type : 'application/octet-stream'
      const name = typeof input.file_name === 'string' ? input.file_name : 'upload.bin'
      const token = randomUUID()
      const fileId = randomUUID()
      uploads.set(token, { fileId, contentType })
      const fileUrl = cdn(`${state.baseUrl}/files/${fileId}/${encodeURIComponent(name)}`)
      return sendJson(res, 200, {
        upload_url: `${uploadOrigin()}/upload/${token}?X-Goog-Signature=emulated`,
        file_url: fileUrl,
      })
    }
    const put = /\/upload\/([^/]+)$/.exec(path)
    if (req.method === 'PUT' && put) {
      state.counts.upload++
      if (fault(state, 'upload', res, ERRORS)) return
      const pending = uploads.get(put[1]!)
      if (!pending) return sendJson(res, 404, { message: 'no such upload' })
      // Object stores take a signed PUT only with its length up front [I: S3/R2 answer 411 to chunked bodies].
      if (req.headers['content-length'] === undefined) {
        res.writeHead(411, { 'Content-Type': 'application/xml' })
        return void res.end('<Error><Code>MissingContentLength</Code></Error>')
      }
      if (req.headers['content-type'] !== pending.contentType) {
        refusedPuts++
        res.writeHead(403, { 'Content-Type': 'application/xml' })
        return void res.end('<Error><Code>SignatureDoesNotMatch</Code></Error>')
      }
      state.files.set(pending.fileId, { bytes: body, mime: pending.contentType })
      uploads.delete(put[1]!)
      res.writeHead(200, { 'Content-Length': 0 })
      return void res.end()
    }

    const mode = ENDPOINTS[path]
    if (req.method === 'POST' && mode) {
      if (!authorized(req, res, path)) return
      state.counts.submit++
      const input = parseBody(body, res)
      if (!input) return
      submits.push({ endpoint: path.slice(1), input })
      let job: EmulatedJob | undefined
      const accept = (): EmulatedJob => {
        const video = typeof input.video_url === 'string' ? state.fileByUrl(input.video_url) : undefined
        job ??= state.addJob(mode, input, video)
        return job
      }
      if (fault(state, 'submit', res, ERRORS, accept)) return
      const detail = validate(mode, input)
      if (detail.length) return sendJson(res, 422, { detail })
      const j = accept()
      const reply = { status: 'IN_QUEUE', request_id: j.id, queue_position: state.queuePosition(j), ...urls(j.id) }
      return sendJson(res, 200, reply, { 'x-fal-request-id': j.id })
    }

    const m = new RegExp(`^${APP}/requests/([^/]+)(/status/stream|/status|/cancel)?$`).exec(path)
    if (!m) return sendJson(res, 404, { detail: 'Not Found' })
    if (!authorized(req, res, path)) return
    const op: Op =
      m[2] === '/status/stream' ? 'stream' : m[2] === '/status' ? 'status' : m[2] === '/cancel' ? 'cancel' : 'result'
    if ((op === 'cancel') !== (req.method === 'PUT') || (op !== 'cancel' && req.method !== 'GET')) {
      return sendJson(res, 405, { detail: 'Method Not Allowed' })
    }
    state.counts[op]++
    if (fault(state, op, res, ERRORS)) return
    const job = state.jobs.get(decodeURIComponent(m[1]!))
    if (!job) return sendJson(res, 404, op === 'cancel' ? { status: 'NOT_FOUND' } : { detail: 'Request not found' })
    if (op === 'stream') {
      let latest: Record<string, unknown> = {}
      return streamStatus(res, 'text/event-stream', {
        status: () => {
          latest = statusBody(job, state.observe(job), url)
          return latest
        },
        done: () => latest.status === 'COMPLETED',
        write: (s) => `data: ${JSON.stringify(s)}\n\n`,
        heartbeat: ': ping\n\n',
      })
    }
    const phase = op === 'status' ? state.observe(job) : state.phase(job)

    if (op === 'cancel') {
      if (phase !== 'queued' && phase !== 'running') return sendJson(res, 400, { status: 'ALREADY_COMPLETED' })
      job.cancelled = true
      return sendJson(res, 202, { status: 'CANCELLATION_REQUESTED' })
    }
    if (op === 'result') return result(job, res)

    const answer = statusBody(job, phase, url)
    return sendJson(res, answer.status === 'COMPLETED' ? 200 : 202, answer)
  })

  return {
    ...emulator,
    apiKey,
    submits,
    get refusedPuts() {
      return refusedPuts
    },
  }
}
