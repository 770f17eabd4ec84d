// Replicate `zsxkib/mmaudio` through the `replicate` client (1.4.x) with our fetch and base URL: upload the
// cut (POST /v1/files, multipart `content` + `metadata`), create the prediction by version id, poll it,
// cancel on abort, download the output (MP4 with the video's picture when one was given, FLAC for text).
//
// The create is the one call NOT made through the client: replicate 1.4.0 wraps every request in
// withAutomaticRetries (lib/util.js). It repeats a POST on a 429 response only, not on 5xx, but it also
// catches any error fetch throws (a dropped connection, a reset) and calls fetch again, POSTs included
// (the provider contract's dropped-submit test fails with the client's create for that reason). A create whose
// connection dropped may already have been accepted, and repeating it would run and bill the prediction twice, so it goes through createProviderHttp's 'submit'
// policy (repeated only on 429). Uploads, status and cancel are safe to repeat and use the client.
import { readFile } from 'node:fs/promises'
import { basename } from 'node:path'
import Replicate from 'replicate'
import type { z } from 'zod'
import { AppError, isAppError } from '../../../shared/domain/errors'
import {
  failedError,
  httpStatusError,
  networkError,
  parseRetryAfter,
  requestGoneError,
  scrubProviderMessage,
  timeoutError,
  unexpectedResponseError,
} from '../errors'
import { profileHttp, retryCall, type ProviderHttp } from '../http'
import { mediaExtension, outputFileName, outputMime } from '../outputFile'
import { toProviderParams, type ProviderParams } from '../paramRange'
import { ambiguousSubmitError, cancelOnGiveUp, pollUntilDone, type PollStep } from '../poll'
import type { AudioProvider, GenerateResult, ProviderContext } from '../types'
import { identityOf } from '../profiles'
import { REPLICATE_PROFILE } from './profile'
import { FileObject, Prediction, outputUrl, predictionError, replicateErrorInfo } from './schemas'
import { DEFAULT_REPLICATE_VERSION, isReplicateVersionId } from './version'

const LABEL = REPLICATE_PROFILE.label
const CALL_TIMEOUT_MS = 60_000

export interface ReplicateProviderOptions {
  /** The model version id (64 hex digits); default DEFAULT_REPLICATE_VERSION. */
  version?: string
}

interface Client {
  replicate: Replicate
  http: ProviderHttp
  ctx: ProviderContext
}

function client(ctx: ProviderContext): Client {
  const origin = (ctx.baseUrl ?? REPLICATE_PROFILE.origin).replace(/\/+$/, '')
  return {
    replicate: new Replicate({ auth: ctx.apiKey, baseUrl: `${origin}/v1`, fetch: ctx.fetch, useFileOutput: false }),
    http: profileHttp(REPLICATE_PROFILE, replicateErrorInfo, ctx),
    ctx,
  }
}

/** The client's ApiError ("Request to <url> failed with status <code> <text>: <body>.") as an AppError. */
function toAppError(e: unknown, apiKey: string, goneOn404: boolean): AppError {
  if (isAppError(e)) return e
  const res = (e as { name?: string; response?: Response }).response
  if ((e as { name?: string }).name === 'ApiError' && res) {
    if (goneOn404 && res.status === 404) return requestGoneError(LABEL)
    const text = /failed with status \d+[^:]*: ([\s\S]*)\.$/.exec((e as Error).message)?.[1] ?? ''
    let body: unknown = text
    try {
      body = JSON.parse(text)
    } catch {
      /* keep the text */
    }
    const info = replicateErrorInfo(body)
    const retryAfter = parseRetryAfter(res.headers.get('retry-after'), Date.now())
    return httpStatusError(
      LABEL,
      res.status,
      { ...info, ...(info.message ? { message: scrubProviderMessage(info.message, apiKey) } : {}) },
      retryAfter,
    )
  }
  if (e instanceof TypeError) return networkError(LABEL, e)
  return unexpectedResponseError(LABEL, 'response')
}

/** One client call with ctx's signal and a timeout, its errors mapped (`goneOn404`: a call on a prediction id). */
async function call<T>(c: Client, fn: (signal: AbortSignal) => Promise<T>, goneOn404 = false): Promise<T> {
  const timeout = AbortSignal.timeout(CALL_TIMEOUT_MS)
  try {
    return await fn(AbortSignal.any([c.ctx.signal, timeout]))
  } catch (e) {
    if (c.ctx.signal.aborted) throw new AppError('CANCELLED', 'Cancelled.')
    if (timeout.aborted) throw timeoutError(LABEL)
    throw toAppError(e, c.ctx.apiKey, goneOn404)
  }
}

function parse<S extends z.ZodType>(schema: S, value: unknown, what: string): z.output<S> {
  const r = schema.safeParse(value)
  if (!r.success) throw unexpectedResponseError(LABEL, what)
  return r.data
}

/** POST /v1/files (the cut read whole); returns the urls.get a prediction input takes. */
async function uploadVideo(c: Client, path: string): Promise<string> {
  c.ctx.onProgress({ stage: 'uploading', fraction: 0 })
  // Read whole (a cut is small), not a Blob backed by the file: see the fal adapter's uploadCut.
  const file = new File([await readFile(path)], basename(path), { type: 'video/mp4' })
  const created = await retryCall('idempotent', c.ctx, () =>
    call(c, (signal) => c.replicate.files.create(file, {}, { signal })),
  )
  c.ctx.onProgress({ stage: 'uploading', fraction: 1 })
  return parse(FileObject, created, 'file object').urls.get
}

/** POST /v1/predictions {version, input} once (repeated only on 429): see the note at the top. */
async function createPrediction(c: Client, version: string, input: ProviderParams): Promise<string> {
  try {
    const p = await c.http.json({
      method: 'POST',
      url: '/v1/predictions',
      body: { version, input },
      schema: Prediction,
      retry: 'submit',
    })
    return p.id
  } catch (e) {
    throw ambiguousSubmitError(LABEL, e)
  }
}

/** One GET /v1/predictions/{id}: starting → queued, processing → generating, succeeded → its output URL. */
function checkPrediction(c: Client, id: string): () => Promise<PollStep<string>> {
  return async () => {
    const raw = await retryCall('idempotent', c.ctx, () =>
      call(c, (signal) => c.replicate.predictions.get(id, { signal }), true),
    )
    const p = parse(Prediction, raw, 'prediction')
    switch (p.status) {
      case 'starting':
        return { done: false, progress: { stage: 'queued' } }
      case 'processing':
        return { done: false, progress: { stage: 'generating' } }
      case 'succeeded': {
        const url = outputUrl(p.output)
        if (!url) throw unexpectedResponseError(LABEL, 'finished prediction without an output URL')
        return { done: true, value: url }
      }
      case 'failed': {
        const message = predictionError(p.error)
        throw failedError(LABEL, message ? scrubProviderMessage(message, c.ctx.apiKey) : undefined)
      }
      case 'canceled':
      case 'aborted':
        throw new AppError(
          'PROVIDER_FAILED',
          `${LABEL} stopped this prediction (${p.status}) before it finished. Try again.`,
        )
      default:
        return { done: false, progress: { stage: 'generating' } }
    }
  }
}

async function downloadOutput(c: Client, id: string, url: string): Promise<GenerateResult> {
  // MP4 when a video was given, FLAC for text; the URL's extension says which (resume does not know the mode).
  const ext = mediaExtension(url) || '.mp4'
  const { path, mime } = await c.http.download(url, outputFileName('replicate', id, ext))
  return { file: path, mime: outputMime(mime, ext, 'video/mp4'), requestId: id }
}

/** Everything after the create: journal the id, poll, download; cancel at Replicate if aborted or timed out. */
function follow(c: Client, id: string, journal: boolean): Promise<GenerateResult> {
  return cancelOnGiveUp(
    c.ctx,
    async () => {
      if (journal) await c.ctx.onSubmitted(id)
      const url = await pollUntilDone({
        profile: REPLICATE_PROFILE,
        ctx: c.ctx,
        http: c.http,
        check: checkPrediction(c, id),
      })
      return downloadOutput(c, id, url)
    },
    (detached) => {
      const d = client(detached)
      return call(d, (signal) => d.replicate.predictions.cancel(id, { signal }))
    },
  )
}

export function createReplicateProvider(options: ReplicateProviderOptions = {}): AudioProvider {
  const version = options.version?.trim() || DEFAULT_REPLICATE_VERSION
  if (!isReplicateVersionId(version))
    throw new AppError('BAD_INPUT', 'A Replicate model version id is 64 hexadecimal characters.', { field: 'version' })
  return {
    ...identityOf(REPLICATE_PROFILE),
    canCancel: true,
    async generate(request, ctx) {
      const c = client(ctx)
      let videoUrl: string | undefined
      if (request.mode === 'video') {
        if (!request.videoPath)
          throw new AppError('BAD_INPUT', 'No video to upload for video-to-audio.', { field: 'videoPath' })
        videoUrl = await uploadVideo(c, request.videoPath)
      }
      const id = await createPrediction(c, version, toProviderParams(request, REPLICATE_PROFILE, videoUrl))
      return follow(c, id, true)
    },
    resume(requestId, ctx) {
      return follow(client(ctx), requestId, false)
    },
  }
}

export const replicateProvider: AudioProvider = createReplicateProvider()
