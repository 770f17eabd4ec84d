// Pixazo emulator (providers.md §5.5): Ocp-Apim-Subscription-Key auth with APIM-style 401/429 bodies;
// 202 submit with request_id + polling_url; universal status endpoint QUEUED → PROCESSING → COMPLETED
// (output.media_url[] WAV) | FAILED | ERROR (`error` string); 402 insufficient balance; 400 model not found
// and parameter validation (steps 10–100, cfg 1–10, integer duration 2–30). Output: WAV from text.
import type { IncomingMessage, ServerResponse } from 'node:http'
import {
  EmulatorState,
  fault,
  sendJson,
  startEmulator,
  type EmulatedJob,
  type ErrorShape,
  type RunningEmulator,
} from './core'

export const PIXAZO_MODEL_ID = 'mmaudio-v2-text-to-audio'
const SUBMIT_PATH = `/${PIXAZO_MODEL_ID}/v1/${PIXAZO_MODEL_ID}-request`

export interface PixazoEmulatorConfig {
  apiKey: string
  /** Status of a job whose outcome is 'fail': FAILED (model failure) or ERROR (system error). */
  failedStatus: 'FAILED' | 'ERROR'
  /** The wallet is empty: submits answer 402. */
  insufficientBalance: boolean
  /** The model is disabled: submits answer 400 "Model not found". */
  modelDisabled: boolean
  /** An APIM rate-limit policy on every API call: `calls` per `renewalSec` per key, then 429 + Retry-After. */
  rateLimit: { calls: number; renewalSec: number } | null
  /** Origin written into polling_url and media_url; default the emulator itself (tests set a foreign one). */
  advertisedOrigin: string | null
}

export interface PixazoEmulator extends RunningEmulator {
  /** The key it accepts (config.apiKey, as started). */
  readonly apiKey: string
  config: PixazoEmulatorConfig
  stats: { rateLimited: number; submitBodies: Array<Record<string, unknown>>; missingCacheControl: number }
}

const stamp = (ms: number): string => new Date(ms).toISOString().replace('T', ' ').slice(0, 19)
/** The queue's `{error, message}`. */
const ERRORS: ErrorShape = { body: (status) => ({ error: `Emulated ${status}`, message: `Emulated ${status}` }) }

export async function startPixazoEmulator(opts: Partial<PixazoEmulatorConfig> = {}): Promise<PixazoEmulator> {
  const state = new EmulatorState()
  const config: PixazoEmulatorConfig = {
    apiKey: 'pixazo-test-key-0123456789',
    failedStatus: 'FAILED',
    insufficientBalance: false,
    modelDisabled: false,
    rateLimit: null,
    advertisedOrigin: null,
    ...opts,
  }
  const stats: PixazoEmulator['stats'] = { rateLimited: 0, submitBodies: [], missingCacheControl: 0 }
  let window = { startMs: 0, calls: 0 }
  const advertise = (url: string): string =>
    config.advertisedOrigin && url.startsWith(state.baseUrl)
      ? config.advertisedOrigin + url.slice(state.baseUrl.length)
      : url

  const fail = (res: ServerResponse, status: number, error: string, message: string): void =>
    sendJson(res, status, { error, message })

  /** The gateway: subscription key first, then the rate-limit policy (both APIM-style bodies). */
  function gateway(req: IncomingMessage, res: ServerResponse, path: string): boolean {
    if (req.headers['ocp-apim-subscription-key'] !== config.apiKey) {
      state.authFailures.push(path)
      sendJson(res, 401, {
        statusCode: 401,
        message:
          'Access denied due to invalid subscription key. Make sure to provide a valid key for an active subscription.',
      })
      return false
    }
    if (!config.rateLimit) return true
    const now = Date.now()
    const windowMs = config.rateLimit.renewalSec * 1000
    if (now - window.startMs >= windowMs) window = { startMs: now, calls: 0 }
    if (++window.calls <= config.rateLimit.calls) return true
    stats.rateLimited++
    const retryAfter = Math.max(1, Math.ceil((window.startMs + windowMs - now) / 1000))
    sendJson(
      res,
      429,
      { statusCode: 429, message: `Rate limit is exceeded. Try again in ${retryAfter} seconds.` },
      { 'Retry-After': String(retryAfter) },
    )
    return false
  }

  /** Documented parameter rules; returns the message for the first broken one, or null. */
  function invalid(body: Record<string, unknown>): string | null {
    const inRange = (v: unknown, lo: number, hi: number, int: boolean): boolean =>
      typeof v === 'number' && v >= lo && v <= hi && (!int || Number.isInteger(v))
    if (typeof body.prompt !== 'string' || !body.prompt.trim()) return 'prompt is required'
    if (body.negative_prompt !== undefined && typeof body.negative_prompt !== 'string')
      return 'negative_prompt must be a string'
    if (body.num_steps !== undefined && !inRange(body.num_steps, 10, 100, true))
      return 'num_steps must be an integer between 10 and 100'
    if (body.duration !== undefined && !inRange(body.duration, 2, 30, true))
      return 'duration must be an integer between 2 and 30'
    if (body.cfg_strength !== undefined && !inRange(body.cfg_strength, 1, 10, false))
      return 'cfg_strength must be between 1.0 and 10.0'
    if (body.mask_away_clip !== undefined && typeof body.mask_away_clip !== 'boolean')
      return 'mask_away_clip must be a boolean'
    return null
  }

  function submit(req: IncomingMessage, res: ServerResponse, raw: Buffer): void {
    state.counts.submit++
    let body: Record<string, unknown> | null = null
    try {
      const v: unknown = JSON.parse(raw.toString('utf8'))
      if (v && typeof v === 'object' && !Array.isArray(v)) body = v as Record<string, unknown>
    } catch {
      /* answered below */
    }
    if (fault(state, 'submit', res, ERRORS, () => void state.addJob('text', body ?? {}))) return
    if (!gateway(req, res, SUBMIT_PATH)) return
    if (req.headers['cache-control'] !== 'no-cache') stats.missingCacheControl++
    if (config.modelDisabled) {
      fail(res, 400, 'Model not found', `Model '${PIXAZO_MODEL_ID}' not found or is disabled`)
      return
    }
    if (!body) {
      fail(res, 400, 'Bad Request', 'The request body must be a JSON object')
      return
    }
    const bad = invalid(body)
    if (bad) {
      fail(res, 400, 'Bad Request', bad)
      return
    }
    if (config.insufficientBalance) {
      fail(res, 402, 'Insufficient Balance', 'Your wallet does not have enough balance.')
      return
    }
    stats.submitBodies.push(body)
    const job = state.addJob('text', body)
    const id = `${PIXAZO_MODEL_ID}_${job.id}`
    state.jobs.delete(job.id)
    state.jobs.set(id, { ...job, id })
    sendJson(res, 202, {
      request_id: id,
      status: 'QUEUED',
      polling_url: advertise(`${state.baseUrl}/v2/requests/status/${id}`),
    })
  }

  async function status(res: ServerResponse, job: EmulatedJob): Promise<void> {
    const phase = state.observe(job)
    const base = {
      request_id: job.id,
      model_id: PIXAZO_MODEL_ID,
      error: null,
      output: null,
      created_at: new Date(job.createdAtMs).toISOString(),
      updated_at: stamp(Date.now()),
      completed_at: null,
    }
    if (phase === 'queued' || phase === 'running')
      return sendJson(res, 200, { ...base, status: phase === 'queued' ? 'QUEUED' : 'PROCESSING' })
    const completedAt = stamp(job.createdAtMs + state.timing.queueMs + state.timing.runMs)
    if (phase !== 'succeeded') {
      const error = job.outcome.kind === 'fail' ? job.outcome.message : 'Request was cancelled'
      return sendJson(res, 200, { ...base, status: config.failedStatus, error, completed_at: completedAt })
    }
    const url = await state.output(job, 'wav', 'audio/wav', {
      prompt: String(job.input.prompt ?? ''),
      seed: 0,
      durationSec: Number(job.input.duration ?? 8),
    })
    sendJson(res, 200, {
      ...base,
      status: 'COMPLETED',
      output: { media_url: [advertise(url)], media_type: 'audio/wav' },
      completed_at: completedAt,
    })
  }

  const running = await startEmulator(state, async (req, res, body, url) => {
    const path = url.pathname
    if (req.method === 'POST' && path === SUBMIT_PATH) return submit(req, res, body)
    const m = /^\/v2\/requests\/status\/([^/]+)$/.exec(path)
    if (req.method !== 'GET' || !m) return sendJson(res, 404, { statusCode: 404, message: 'Resource not found' })
    state.counts.status++
    if (fault(state, 'status', res, ERRORS)) return
    if (!gateway(req, res, path)) return
    const job = state.jobs.get(decodeURIComponent(m[1]!))
    if (!job) return fail(res, 404, 'Not Found', 'Request not found')
    return status(res, job)
  })
  return { ...running, apiKey: config.apiKey, config, stats }
}
