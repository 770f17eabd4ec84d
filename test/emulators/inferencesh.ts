// inference.sh emulator, mirroring what @inferencesh/sdk 0.6.54 sends and expects (providers.md §4.6,
// adjusted to that version): `Authorization: Bearer <key>` on every API call; every JSON answer wrapped in
// the V3 envelope `{data, messages}` (the SDK unwraps it); errors as RFC 9457 application/problem+json;
// upload = POST /files (file record with a presigned upload_url) + PUT of the bytes (no key); tasks with the
// 0.6.54 numeric states (2 queued → 4 preparing → 7 running → 10 completed | 11 failed; cancel → 8 → 12)
// read in poll mode (GET /tasks/{id}/status, GET /tasks/{id}) or from the NDJSON task stream (GET
// /tasks/{id}/stream: a `{data: {id, status}, fields: ["status"]}` line per change, heartbeats, ending at a
// terminal state); POST /tasks/{id}/cancel. Output: FLAC audio_output derived from the uploaded video, plus
// video_output (MP4) when a video was given.
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
  type RunningEmulator,
} from './core'
import { synthesize } from './synthAudio'

export interface InferenceshEmulatorOptions {
  apiKey?: string
  /** Also return video_output (MP4) for video jobs, as the app does. Default true. */
  videoOutput?: boolean
  /** Wrap answers in the V3 `{data, messages}` envelope (default) or send bare DTOs as API v2 did. */
  envelope?: boolean
}

export interface InferenceshEmulator extends RunningEmulator {
  apiKey: string
  /** `clientSources`: the X-Client-Source header of each authenticated call, with its path. */
  stats: { putsWithAuth: number; clientSources: Array<{ path: string; source: string }> }
}

const STATUS = { queued: 2, preparing: 4, running: 7, cancelling: 8, completed: 10, failed: 11, cancelled: 12 } as const
const TITLES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  404: 'Not Found',
  422: 'Unprocessable Entity',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
}

/** An RFC 9457 body as the API sends it; `errors` names the fields at fault on a 422. */
export function infshProblem(
  status: number,
  detail: string,
  errors?: Array<{ field: string; message: string }>,
): Record<string, unknown> {
  const title = TITLES[status] ?? 'Error'
  return {
    type: `https://api.inference.sh/errors/${title.toLowerCase().replace(/ /g, '-')}`,
    title,
    status,
    detail,
    ...(errors ? { errors } : {}),
  }
}

export async function startInferenceshEmulator(opts: InferenceshEmulatorOptions = {}): Promise<InferenceshEmulator> {
  const state = new EmulatorState()
  const apiKey = opts.apiKey ?? 'inf_test_key_0123456789abcdef'
  const stats: InferenceshEmulator['stats'] = { putsWithAuth: 0, clientSources: [] }
  const pendingUploads = new Map<string, { mime: string; name: string }>()
  const cancelledAt = new Map<string, number>()
  const videoOutputs = new Map<string, Promise<string>>()

  const problem = (
    res: ServerResponse,
    status: number,
    detail: string,
    extra: Record<string, string> = {},
    errors?: Array<{ field: string; message: string }>,
  ): void =>
    sendJson(res, status, infshProblem(status, detail, errors), {
      'Content-Type': 'application/problem+json',
      ...extra,
    })
  const ok = (res: ServerResponse, data: unknown): void =>
    sendJson(res, 200, opts.envelope === false ? data : { data, messages: [] })
  /** Problem+json; a scripted 5xx on a submit comes after the task was accepted. */
  const errors: ErrorShape = {
    body: (status) => infshProblem(status, `Emulated ${status}`),
    headers: () => ({ 'Content-Type': 'application/problem+json' }),
    serverErrorsAfterAccepting: true,
  }

  function authorized(req: IncomingMessage, res: ServerResponse, path: string): boolean {
    stats.clientSources.push({ path, source: String(req.headers['x-client-source'] ?? '') })
    if (req.headers.authorization === `Bearer ${apiKey}`) return true
    state.authFailures.push(path)
    problem(res, 401, 'Invalid or missing API key')
    return false
  }

  function statusOf(job: EmulatedJob): number {
    const at = cancelledAt.get(job.id)
    if (at !== undefined) return Date.now() - at < 20 ? STATUS.cancelling : STATUS.cancelled
    const phase = state.observe(job)
    if (phase === 'queued') return STATUS.queued
    if (phase === 'running')
      return Date.now() - job.createdAtMs < state.timing.queueMs + state.timing.runMs / 3
        ? STATUS.preparing
        : STATUS.running
    return phase === 'failed' ? STATUS.failed : STATUS.completed
  }

  async function taskDto(job: EmulatedJob): Promise<Record<string, unknown>> {
    const status = statusOf(job)
    const stamp = new Date(job.createdAtMs).toISOString()
    const dto: Record<string, unknown> = {
      id: job.id,
      status,
      app_id: 'infsh/mmaudio',
      input: job.input,
      output: null,
      created_at: stamp,
      updated_at: new Date().toISOString(),
      events: [],
      logs: [],
    }
    if (status === STATUS.failed && job.outcome.kind === 'fail') dto.error = job.outcome.message
    if (status !== STATUS.completed) return dto
    const params = {
      prompt: String(job.input.prompt),
      seed: Number(job.input.seed ?? 42),
      durationSec: Number(job.input.duration ?? 8),
    }
    const audio = await state.output(job, 'flac', 'audio/flac', params)
    const output: Record<string, unknown> = {
      audio_output: { uri: audio, content_type: 'audio/flac', filename: 'audio.flac' },
      duration: params.durationSec,
      sampling_rate: 44100,
    }
    if (job.video && opts.videoOutput !== false) {
      let video = videoOutputs.get(job.id)
      if (!video) {
        video = synthesize({ video: job.video, format: 'mp4', ...params }).then((b) =>
          state.storeFile(b, 'video/mp4', 'video.mp4'),
        )
        videoOutputs.set(job.id, video)
      }
      output.video_output = { uri: await video, content_type: 'video/mp4', filename: 'video.mp4' }
    }
    return { ...dto, output }
  }

  /** Checks the input as the app's schema does; returns [field, message] of the first problem. */
  function invalid(input: Record<string, unknown>): [string, string] | undefined {
    if (typeof input.prompt !== 'string' || !input.prompt) return ['prompt', 'prompt is required']
    for (const k of ['duration', 'cfg_strength'] as const)
      if (input[k] !== undefined && typeof input[k] !== 'number') return [k, `${k} must be a number`]
    for (const k of ['num_steps', 'seed'] as const)
      if (input[k] !== undefined && !Number.isInteger(input[k])) return [k, `${k} must be an integer`]
    if (input.video_input !== undefined) {
      const uri =
        typeof input.video_input === 'string' ? input.video_input : (input.video_input as { uri?: string } | null)?.uri
      if (!uri || !state.fileByUrl(uri)) return ['video_input', 'video_input could not be downloaded']
    }
    return undefined
  }

  async function run(res: ServerResponse, body: Buffer): Promise<void> {
    state.counts.submit++
    let req: { app?: string; input?: Record<string, unknown> }
    try {
      req = JSON.parse(body.toString('utf8'))
    } catch {
      return problem(res, 400, 'request body is not JSON')
    }
    const input = req.input ?? {}
    let job: EmulatedJob | undefined
    const accept = (): EmulatedJob => {
      const uri = typeof input.video_input === 'string' ? input.video_input : undefined
      const video = uri ? state.fileByUrl(uri) : undefined
      job ??= state.addJob(video ? 'video' : 'text', input, video)
      return job
    }
    if (fault(state, 'submit', res, errors, accept)) return
    if (req.app !== 'infsh/mmaudio') return problem(res, 404, `app not found: ${String(req.app)}`)
    const bad = invalid(input)
    if (bad) return problem(res, 422, `input.${bad[0]}: ${bad[1]}`, {}, [{ field: `input.${bad[0]}`, message: bad[1] }])
    const accepted = accept()
    ok(res, await taskDto(accepted))
  }

  const handler = async (req: IncomingMessage, res: ServerResponse, body: Buffer, url: URL): Promise<void> => {
    const path = url.pathname.replace(/^\/v1(?=\/)/, '')
    const method = req.method ?? 'GET'
    const upload = /^\/upload\/([^/]+)$/.exec(path)
    if (upload && method === 'PUT') {
      // Presigned storage URL: the signature is the credential, no API key.
      state.counts.upload++
      if (req.headers.authorization) stats.putsWithAuth++
      if (fault(state, 'upload', res, errors)) return
      const pending = pendingUploads.get(upload[1]!)
      if (!pending || url.searchParams.get('sig') !== `sig-${upload[1]}`)
        return problem(res, 403, 'signature does not match')
      state.files.set(upload[1]!, { bytes: body, mime: String(req.headers['content-type'] ?? pending.mime) })
      res.writeHead(200).end()
      return
    }
    if (!authorized(req, res, path)) return
    if (path === '/files' && method === 'POST') {
      const files = (
        JSON.parse(body.toString('utf8') || '{}') as {
          files?: Array<{ filename?: string; content_type?: string; size?: number }>
        }
      ).files
      if (!Array.isArray(files) || files.length === 0)
        return problem(res, 422, 'files: at least one file is required', {}, [{ field: 'files', message: 'required' }])
      return ok(
        res,
        files.map((f) => {
          const id = randomUUID()
          const name = f.filename ?? 'file'
          pendingUploads.set(id, { mime: f.content_type ?? 'application/octet-stream', name })
          const now = new Date().toISOString()
          return {
            id,
            short_id: id.slice(0, 8),
            uri: `${state.baseUrl}/files/${id}/${encodeURIComponent(name)}`,
            upload_url: `${state.baseUrl}/upload/${id}?sig=sig-${id}`,
            filename: name,
            content_type: f.content_type ?? '',
            size: f.size ?? 0,
            path: '',
            remote_path: '',
            created_at: now,
            updated_at: now,
          }
        }),
      )
    }
    if ((path === '/apps/run' || path === '/run') && method === 'POST') return run(res, body)
    const task = /^\/tasks\/([^/]+)(\/status|\/stream|\/cancel)?$/.exec(path)
    const job = task ? state.jobs.get(decodeURIComponent(task[1]!)) : undefined
    if (!task) return problem(res, 404, `no route for ${method} ${path}`)
    if (task[2] === '/status' && method === 'GET') {
      state.counts.status++
      if (fault(state, 'status', res, errors)) return
      if (!job) return problem(res, 404, 'task not found')
      return ok(res, { id: job.id, status: statusOf(job), updated_at: new Date().toISOString() })
    }
    if (task[2] === '/stream' && method === 'GET') {
      state.counts.stream++
      if (fault(state, 'stream', res, errors)) return
      if (!job) return problem(res, 404, 'task not found')
      let status = 0
      return streamStatus(res, 'application/x-ndjson', {
        status: () => {
          status = statusOf(job)
          return status
        },
        done: () => status >= STATUS.completed,
        write: (s) => `${JSON.stringify({ data: { id: job.id, status: s }, fields: ['status'] })}\n`,
        heartbeat: '{"type":"heartbeat"}\n',
      })
    }
    if (task[2] === '/cancel' && method === 'POST') {
      state.counts.cancel++
      if (fault(state, 'cancel', res, errors)) return
      if (!job) return problem(res, 404, 'task not found')
      if (['queued', 'running'].includes(state.phase(job)) && !cancelledAt.has(job.id)) {
        cancelledAt.set(job.id, Date.now())
        job.cancelled = true
      }
      return ok(res, { id: job.id, status: statusOf(job), cancelled: true })
    }
    if (!task[2] && method === 'GET') {
      state.counts.result++
      if (fault(state, 'result', res, errors)) return
      if (!job) return problem(res, 404, 'task not found')
      return ok(res, await taskDto(job))
    }
    return problem(res, 404, `no route for ${method} ${path}`)
  }

  const running = await startEmulator(state, handler)
  return { ...running, apiKey, stats }
}
