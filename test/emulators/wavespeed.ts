// WaveSpeed emulator (providers.md §2.6): `Authorization: Bearer <key>`; every answer an envelope
// `{code, message, data}`; multipart upload (field `file`) → data.download_url; submit → data.status "created"
// with urls.get; GET /api/v3/predictions/{id}/result and /api/v3/predictions/{id} → created → processing →
// completed (outputs [mp4]) | failed (data.error) — a failed task is still HTTP 200 / code 200;
// `enable_sync_mode: true` answers with the final data; `?webhook=` accepted and ignored. Validation errors
// are HTTP 400 envelopes. Output: an MP4 (the uploaded picture + AAC) derived from the uploaded video.
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

export interface WavespeedEmulatorOptions {
  apiKey?: string
  /** Hand out WaveSpeed's public hosts (api.wavespeed.ai, a CloudFront CDN) instead of our origin. */
  publicHosts?: boolean
}

export interface WavespeedEmulator extends RunningEmulator {
  apiKey: string
  /** Every submit body as received. */
  submits: Array<Record<string, unknown>>
}

const MODEL = 'wavespeed-ai/mmaudio-v2'
const envelope = (code: number, message: string, data: unknown = null): Record<string, unknown> => ({
  code,
  message,
  data,
})
/** Every WaveSpeed answer is an envelope, errors too. */
const ERRORS: ErrorShape = {
  body: (status) => envelope(status, status === 429 ? 'Too many requests, please slow down' : `Emulated ${status}`),
}

/** WaveSpeed's documented input rules for mmaudio-v2; the first broken one as a message, else undefined. */
function invalid(input: Record<string, unknown>): string | undefined {
  const int = (v: unknown): boolean => typeof v === 'number' && Number.isInteger(v)
  if (typeof input.video !== 'string' || !input.video) return 'video: field required'
  if (typeof input.prompt !== 'string') return 'prompt: field required'
  if (input.negative_prompt !== undefined && typeof input.negative_prompt !== 'string')
    return 'negative_prompt: must be a string'
  const steps = input.num_inference_steps
  if (steps !== undefined && (!int(steps) || (steps as number) < 4 || (steps as number) > 50))
    return 'num_inference_steps: must be an integer between 4 and 50'
  const d = input.duration
  if (d !== undefined && (!int(d) || (d as number) < 1 || (d as number) > 30))
    return 'duration: must be an integer between 1 and 30'
  const g = input.guidance_scale
  if (g !== undefined && (typeof g !== 'number' || g < 0 || g > 20))
    return 'guidance_scale: must be a number between 0 and 20'
  if (input.mask_away_clip !== undefined && typeof input.mask_away_clip !== 'boolean')
    return 'mask_away_clip: must be a boolean'
  return undefined
}

export async function startWavespeedEmulator(opts: WavespeedEmulatorOptions = {}): Promise<WavespeedEmulator> {
  const state = new EmulatorState()
  const apiKey = opts.apiKey ?? 'test-wavespeed-key-0123456789'
  const submits: Array<Record<string, unknown>> = []

  const apiOrigin = (): string => (opts.publicHosts ? 'https://api.wavespeed.ai' : state.baseUrl)
  const cdn = (url: string): string =>
    opts.publicHosts ? url.replace(state.baseUrl, 'https://d1q70pf5vjeyhc.cloudfront.net') : url

  function authorized(req: IncomingMessage, res: ServerResponse, path: string): boolean {
    if (req.headers.authorization === `Bearer ${apiKey}`) return true
    state.authFailures.push(path)
    sendJson(res, 401, envelope(401, 'Unauthorized: invalid authentication'))
    return false
  }

  /** The prediction as WaveSpeed shows it now; the output file is made (once) when it completes. */
  /** `polled`: answering a status poll (which never skips a phase); sync mode reports the clock's phase. */
  async function prediction(job: EmulatedJob, polled = true): Promise<Record<string, unknown>> {
    const phase = polled ? state.observe(job) : state.phase(job)
    let status =
      phase === 'queued'
        ? 'created'
        : phase === 'running'
          ? 'processing'
          : phase === 'succeeded'
            ? 'completed'
            : 'failed'
    let error = job.outcome.kind === 'fail' ? job.outcome.message : ''
    let outputs: string[] = []
    if (status === 'completed' && !job.video) {
      status = 'failed'
      error = 'video: failed to download the input file'
    } else if (status === 'completed') {
      const params = { prompt: String(job.input.prompt), seed: 0, durationSec: Number(job.input.duration ?? 8) }
      outputs = [cdn(await state.output(job, 'mp4', 'video/mp4', params))]
    }
    return {
      id: job.id,
      model: MODEL,
      outputs,
      urls: { get: `${apiOrigin()}/api/v3/predictions/${job.id}/result` },
      has_nsfw_contents: outputs.map(() => false),
      status,
      created_at: new Date(job.createdAtMs).toISOString(),
      error: status === 'failed' ? error : '',
      timings: { inference: status === 'completed' ? state.timing.runMs : 0 },
    }
  }

  const emulator = await startEmulator(state, async (req, res, body, url) => {
    const path = url.pathname

    if (req.method === 'POST' && path === '/api/v3/media/upload/binary') {
      if (!authorized(req, res, path)) return
      state.counts.upload++
      if (fault(state, 'upload', res, ERRORS)) return
      const file = parseMultipart(body, req.headers['content-type'] ?? '').find(
        (p) => p.name === 'file' && p.filename !== undefined,
      )
      if (!file) return sendJson(res, 400, envelope(400, 'file: field required'))
      const type = file.type ?? 'application/octet-stream'
      const downloadUrl = cdn(state.storeFile(file.data, type, file.filename ?? 'upload.bin'))
      const data = {
        type: type.split('/')[0],
        download_url: downloadUrl,
        filename: file.filename,
        size: file.data.length,
      }
      return sendJson(res, 200, envelope(200, 'success', data))
    }

    if (req.method === 'POST' && path === `/api/v3/${MODEL}`) {
      if (!authorized(req, res, path)) return
      state.counts.submit++
      let input: Record<string, unknown>
      try {
        input = JSON.parse(body.toString('utf8')) as Record<string, unknown>
        if (!input || typeof input !== 'object') throw new Error('not an object')
      } catch {
        return sendJson(res, 400, envelope(400, 'invalid JSON body'))
      }
      submits.push(input)
      let job: EmulatedJob | undefined
      const accept = (): EmulatedJob => (job ??= state.addJob('video', input, state.fileByUrl(String(input.video))))
      if (fault(state, 'submit', res, ERRORS, accept)) return
      const problem = invalid(input)
      if (problem) return sendJson(res, 400, envelope(400, problem))
      const j = accept()
      if (input.enable_sync_mode === true) {
        const deadline = Date.now() + 60_000
        while (['queued', 'running'].includes(state.phase(j)) && Date.now() < deadline)
          await new Promise((r) => setTimeout(r, 10))
        j.reported = new Set(['queued', 'running']) // the client saw the job through; later polls say it is done
      }
      return sendJson(res, 200, envelope(200, 'success', await prediction(j, input.enable_sync_mode !== true)))
    }

    const m = /^\/api\/v3\/predictions\/([^/]+)(\/result)?$/.exec(path)
    if (req.method === 'GET' && m) {
      if (!authorized(req, res, path)) return
      state.counts.status++
      if (fault(state, 'status', res, ERRORS)) return
      const job = state.jobs.get(decodeURIComponent(m[1]!))
      if (!job) return sendJson(res, 404, envelope(404, 'prediction not found'))
      return sendJson(res, 200, envelope(200, 'success', await prediction(job)))
    }

    sendJson(res, 404, envelope(404, 'not found'))
  })

  return { ...emulator, apiKey, submits }
}
