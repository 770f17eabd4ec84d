// inference.sh `infsh/mmaudio` through @inferencesh/sdk 0.6.54 (pinned): the SDK's HttpClient and TasksAPI
// make every API call (Bearer auth, its base URL, the `{data, messages}` envelope, problem+json errors);
// our own HTTP layer moves the bytes (upload PUT with progress, download with retry).
//
// Why not the SDK's one-call `run()`:
// - it has no custom fetch (its calls use the global fetch, so ctx.fetch does not apply to them; ctx.baseUrl
//   does, as the SDK's baseUrl), no AbortSignal and no timeout: each SDK call here is raced against
//   ctx.signal and a timeout, and the upload/download (which need progress, and go to the upload_url and
//   output uri the server returns, re-pointed at ctx.baseUrl when set) go through createProviderHttp;
// - `run()` → `processInput` uploads any string that merely looks like base64 (a 64-character prompt
//   without spaces): we upload the cut ourselves (POST /files, then PUT to upload_url) and submit with
//   `tasks.create` (POST /apps/run), which sends the input untouched;
// - its stream and poll modes cannot be aborted, and its poll mode (`watchPoll`) rejects on the first failed
//   status call: we read the same NDJSON task stream (GET /tasks/{id}/stream) ourselves and, when it is refused
//   or gives out, poll the same endpoints (GET /tasks/{id}/status, then GET /tasks/{id} once terminal) with the
//   shared loop, which retries 429/5xx/network with backoff. 0.6.54's InferenceError keeps no response headers, so Retry-After
//   cannot be read here: 429s wait out our exponential backoff instead.
import { stat } from 'node:fs/promises'
import { basename } from 'node:path'
import type { z } from 'zod'
import { AppError, isAppError } from '../../../shared/domain/errors'
import {
  failedError,
  httpStatusError,
  networkError,
  requestGoneError,
  scrubProviderMessage,
  timeoutError,
  unexpectedResponseError,
} from '../errors'
import { profileHttp, retryCall, type ProviderHttp } from '../http'
import { mediaExtension, outputFileName, outputMime } from '../outputFile'
import { toProviderParams, type ProviderParams } from '../paramRange'
import { ambiguousSubmitError, cancelOnGiveUp, type PollStep } from '../poll'
import { type StatusStream, watchUntilDone } from '../statusStream'
import type { AudioProvider, GenerateResult, ProviderContext, ProviderProgress } from '../types'
import { identityOf } from '../profiles'
import { INFERENCESH_PROFILE } from './profile'
import {
  CreatedFiles,
  INFERENCESH_STATUS as S,
  MmaudioOutput,
  TaskBody,
  TaskStatusBody,
  inferenceshErrorInfo,
  statusNumber,
} from './schemas'

type Sdk = typeof import('@inferencesh/sdk')

const LABEL = INFERENCESH_PROFILE.label
const INFERENCESH_APP = 'infsh/mmaudio'
const CALL_TIMEOUT_MS = 60_000

// Loaded on first use: 0.6.54's dist uses extension-less relative ESM imports, which only a bundler or tsx
// resolves. Loading lazily keeps a failure to load it from taking the other providers down with it.
let sdkModule: Promise<Sdk> | undefined
function loadSdk(): Promise<Sdk> {
  sdkModule ??= import('@inferencesh/sdk').catch((e: unknown) => {
    sdkModule = undefined
    throw new AppError('INTERNAL', `The ${LABEL} client library could not be loaded (${String(e).slice(0, 120)}).`)
  })
  return sdkModule
}

interface Client {
  sdk: Sdk
  api: InstanceType<Sdk['HttpClient']>
  tasks: InstanceType<Sdk['TasksAPI']>
  http: ProviderHttp
  ctx: ProviderContext
}

function client(sdk: Sdk, ctx: ProviderContext): Client {
  // The SDK's constructor throws a plain Error without a key; say it in our terms instead.
  if (!ctx.apiKey)
    throw new AppError(
      'PROVIDER_AUTH',
      `No ${LABEL} API key is set. Add it in Settings (or ${INFERENCESH_PROFILE.keyEnv} for the CLI).`,
    )
  const api = new sdk.HttpClient({
    apiKey: ctx.apiKey,
    ...(ctx.baseUrl ? { baseUrl: ctx.baseUrl.replace(/\/+$/, '') } : {}),
    stream: false,
  })
  const http = profileHttp(INFERENCESH_PROFILE, inferenceshErrorInfo, ctx)
  return { sdk, api, tasks: new sdk.TasksAPI(api), http, ctx }
}

/** An SDK error as one of our AppErrors; the key never survives into the message. */
function toAppError(sdk: Sdk, e: unknown, apiKey: string, goneOn404: boolean): AppError {
  if (isAppError(e)) return e
  if (sdk.isInferenceError(e)) {
    if (goneOn404 && e.statusCode === 404) return requestGoneError(LABEL)
    let body: unknown = e.responseBody
    try {
      body = JSON.parse(e.responseBody ?? '')
    } catch {
      /* keep the text */
    }
    const info = inferenceshErrorInfo(body)
    return httpStatusError(
      LABEL,
      e.statusCode,
      { ...info, ...(info.message ? { message: scrubProviderMessage(info.message, apiKey) } : {}) },
      undefined,
    )
  }
  if (sdk.isRequirementsNotMetException(e)) {
    return new AppError(
      'PROVIDER_INPUT',
      `${LABEL} cannot run this app for your account: ${scrubProviderMessage(e.message, apiKey)}.`,
    )
  }
  if (e instanceof TypeError) return networkError(LABEL, e)
  return unexpectedResponseError(LABEL, 'response')
}

/**
 * One SDK call, abortable and bounded in time (the SDK takes no signal), with its errors mapped. `goneOn404`
 * for calls on a task id: a 404 there means inference.sh no longer knows the task (e.g. resuming it late).
 */
async function call<T>(c: Client, fn: () => Promise<T>, goneOn404 = false): Promise<T> {
  const timeout = AbortSignal.timeout(CALL_TIMEOUT_MS)
  const signal = AbortSignal.any([c.ctx.signal, timeout])
  try {
    return await new Promise<T>((resolve, reject) => {
      if (signal.aborted) return reject(signal.reason)
      const onAbort = (): void => reject(signal.reason)
      signal.addEventListener('abort', onAbort, { once: true })
      fn()
        .then(resolve, reject)
        .finally(() => signal.removeEventListener('abort', onAbort))
    })
  } catch (e) {
    if (c.ctx.signal.aborted) throw new AppError('CANCELLED', 'Cancelled.')
    if (timeout.aborted) throw timeoutError(LABEL)
    throw toAppError(c.sdk, e, c.ctx.apiKey, goneOn404)
  }
}

function parse<S extends z.ZodType>(schema: S, value: unknown, what: string): z.output<S> {
  const r = schema.safeParse(value)
  if (!r.success) throw unexpectedResponseError(LABEL, what)
  return r.data
}

/** POST /files for a file record, then PUT the bytes to its presigned upload_url (no key); returns its uri. */
async function uploadVideo(c: Client, path: string): Promise<string> {
  const { size } = await stat(path)
  c.ctx.onProgress({ stage: 'uploading', fraction: 0 })
  const created = await retryCall('idempotent', c.ctx, () =>
    call(c, () =>
      c.api.request<unknown>('post', '/files', {
        data: { files: [{ uri: '', filename: basename(path), content_type: 'video/mp4', size }] },
      }),
    ),
  )
  const [file] = parse(CreatedFiles, created.data, 'file record')
  const res = await c.http.putFile(file!.upload_url, path, { auth: false, headers: { 'Content-Type': 'video/mp4' } })
  await res.body?.cancel()
  c.ctx.onProgress({ stage: 'uploading', fraction: 1 })
  return file!.uri
}

/** POST /apps/run once (repeated only on 429); returns the task id. */
async function submit(c: Client, input: ProviderParams): Promise<TaskBody> {
  try {
    const res = await retryCall('submit', c.ctx, () => call(c, () => c.tasks.create({ app: INFERENCESH_APP, input })))
    return parse(TaskBody, res.data, 'task')
  } catch (e) {
    throw ambiguousSubmitError(LABEL, e)
  }
}

function stageOf(status: number): ProviderProgress | undefined {
  if (status <= S.dispatched) return { stage: 'queued' }
  if (status <= S.running || status === S.uploading) return { stage: 'generating' }
  return undefined // cancelling
}

/** A status as a step: still running (with its stage), or once terminal the full task (one more GET). */
function statusStep(c: Client, id: string, status: number): Promise<PollStep<TaskBody>> | PollStep<TaskBody> {
  if (status < S.completed) {
    const progress = stageOf(status)
    return progress ? { done: false, progress } : { done: false }
  }
  const path = `/tasks/${encodeURIComponent(id)}`
  return retryCall('idempotent', c.ctx, () => call(c, () => c.api.request<unknown>('get', path), true)).then(
    (full) => ({
      done: true,
      value: parse(TaskBody, full.data, 'task'),
    }),
  )
}

/** One look at the task: its status, then (once terminal) the full task. */
function checkTask(c: Client, id: string): () => Promise<PollStep<TaskBody>> {
  const path = `/tasks/${encodeURIComponent(id)}`
  return async () => {
    const res = await retryCall('idempotent', c.ctx, () =>
      call(c, () => c.api.request<unknown>('get', `${path}/status`), true),
    )
    return statusStep(c, id, statusNumber(parse(TaskStatusBody, res.data, 'task status').status))
  }
}

/**
 * The task's NDJSON stream (GET /tasks/{id}/stream, what the SDK reads by default): heartbeats, partial updates
 * `{data, fields}` or whole tasks. An update that carries a status is a step; the rest say nothing of it.
 */
function taskStream(c: Client, id: string): StatusStream<TaskBody> {
  return {
    format: 'ndjson',
    // One attempt: polling is the fallback.
    open: () =>
      c.http.send('GET', `/tasks/${encodeURIComponent(id)}/stream`, {
        retry: 'submit',
        headers: { Accept: 'application/x-ndjson', 'X-API-Version': '2' },
        timeoutMs: c.ctx.maxWaitMs ?? INFERENCESH_PROFILE.maxWaitMs,
      }),
    step: (event) => {
      const e = event as { data?: unknown } | null
      const task = e && typeof e === 'object' && 'data' in e ? e.data : event
      const parsed = TaskStatusBody.safeParse(task)
      if (!parsed.success || parsed.data.status === undefined || parsed.data.status === null) return null
      return statusStep(c, id, statusNumber(parsed.data.status))
    },
  }
}

async function downloadAudio(c: Client, task: TaskBody): Promise<GenerateResult> {
  const status = statusNumber(task.status)
  if (status === S.failed)
    throw failedError(LABEL, task.error ? scrubProviderMessage(task.error, c.ctx.apiKey) : undefined)
  if (status === S.cancelled)
    throw new AppError('PROVIDER_FAILED', `${LABEL} cancelled this task before it finished. Try again.`)
  if (status !== S.completed) throw unexpectedResponseError(LABEL, `task state (${String(task.status)})`)
  const out = parse(MmaudioOutput, task.output, 'task output')
  const ext = mediaExtension(out.audio_output.uri, out.audio_output.filename) || '.flac'
  const { path, mime } = await c.http.download(out.audio_output.uri, outputFileName('inferencesh', task.id, ext))
  return { file: path, mime: outputMime(mime, ext, out.audio_output.content_type ?? 'audio/flac'), requestId: task.id }
}

/** Everything after the submit: journal the id, poll, download; cancel the task if aborted or timed out. */
function follow(c: Client, id: string, journal: boolean): Promise<GenerateResult> {
  return cancelOnGiveUp(
    c.ctx,
    async () => {
      if (journal) await c.ctx.onSubmitted(id)
      const task = await watchUntilDone({
        profile: INFERENCESH_PROFILE,
        ctx: c.ctx,
        http: c.http,
        stream: taskStream(c, id),
        check: checkTask(c, id),
      })
      return downloadAudio(c, task)
    },
    (detached) => {
      const d = client(c.sdk, detached)
      return call(d, () => d.tasks.cancel(id))
    },
  )
}

export const inferenceshProvider: AudioProvider = {
  ...identityOf(INFERENCESH_PROFILE),
  canCancel: true,
  async generate(request, ctx) {
    const c = client(await loadSdk(), ctx)
    let videoUri: string | undefined
    if (request.mode === 'video') {
      if (!request.videoPath)
        throw new AppError('BAD_INPUT', 'No video to upload for video-to-audio.', { field: 'videoPath' })
      videoUri = await uploadVideo(c, request.videoPath)
    }
    const task = await submit(c, toProviderParams(request, INFERENCESH_PROFILE, videoUri))
    return follow(c, task.id, true)
  },
  async resume(requestId, ctx) {
    return follow(client(await loadSdk(), ctx), requestId, false)
  },
}
