// fal.ai adapter: MMAudio V2 video-to-audio and text-to-audio through fal's queue API.
// The @fal-ai/client SDK does the storage upload (initiate + PUT) and the cancel, through our transport
// (sdkClient.ts: one base URL for all of fal's hosts). Submit, status and result go through
// createProviderHttp instead (see the comment on each).
import { readFile } from 'node:fs/promises'
import { basename } from 'node:path'
import type { z } from 'zod'
import { AppError } from '../../../shared/domain/errors'
import { failedError, requestGoneError, scrubProviderMessage, unexpectedResponseError } from '../errors'
import { profileHttp, retryCall, type ProviderHttp, type RefineError } from '../http'
import { mediaExtension, mimeOfPath, outputFileName, outputMime } from '../outputFile'
import { toProviderParams, type ProviderParams } from '../paramRange'
import { ambiguousSubmitError, cancelOnGiveUp, type PollStep } from '../poll'
import { watchUntilDone } from '../statusStream'
import type { AudioProvider, GenerateResult, ProviderContext } from '../types'
import { identityOf } from '../profiles'
import { FAL_PROFILE } from './profile'
import { falClient, fromSdkError, type SdkResponses } from './sdkClient'
import {
  FalFileUrl,
  FalResult,
  FalStatusResponse,
  FalSubmitResponse,
  falErrorInfo,
  resultFile,
  type FalFile,
} from './schemas'

const LABEL = FAL_PROFILE.label
const FAL_VIDEO_ENDPOINT = 'fal-ai/mmaudio-v2'
const FAL_TEXT_ENDPOINT = 'fal-ai/mmaudio-v2/text-to-audio'
/** Status, result and cancel live under the app id without the `/text-to-audio` subpath, for both endpoints. */
const FAL_APP = 'fal-ai/mmaudio-v2'

function falHttp(ctx: ProviderContext): ProviderHttp {
  return profileHttp(FAL_PROFILE, falErrorInfo, ctx)
}

/** Uploads the prepared cut to fal storage (initiate + PUT, both via the SDK) and returns its file URL. */
async function uploadCut(ctx: ProviderContext, http: ProviderHttp, path: string): Promise<string> {
  const seen: SdkResponses = {}
  const client = falClient(ctx, http, seen)
  const type = mimeOfPath(path)
  ctx.onProgress({ stage: 'uploading', fraction: 0 })
  // Read whole (a cut is small): a cached cut's file may be touched by another take's request meanwhile, and a
  // Blob backed by the file would then refuse to be read, on every retry.
  const file = new File([await readFile(path)], basename(path), { type })
  const url = await retryCall('idempotent', ctx, async () => {
    try {
      return await client.storage.upload(file)
    } catch (e) {
      throw fromSdkError(e, ctx, seen)
    }
  })
  const parsed = FalFileUrl.safeParse(url)
  if (!parsed.success) throw unexpectedResponseError(LABEL, 'storage response')
  return parsed.data
}

/**
 * Not client.queue.submit: the SDK retries a submit on 502/503/504 and on a dropped connection (its queue
 * retry settings cannot be overridden), and a repeat could run and bill the job twice. The 'submit' policy
 * retries only 429, which fal answers before accepting anything.
 */
async function submit(
  http: ProviderHttp,
  endpoint: string,
  input: ProviderParams,
): Promise<{ id: string; position?: number }> {
  try {
    const res = await http.json({
      method: 'POST',
      url: `/${endpoint}`,
      body: input,
      headers: { 'x-fal-queue-priority': 'normal' },
      schema: FalSubmitResponse,
      retry: 'submit',
    })
    return { id: res.request_id, ...(res.queue_position === undefined ? {} : { position: res.queue_position }) }
  } catch (e) {
    throw ambiguousSubmitError(LABEL, e)
  }
}

const requestPath = (id: string): string => `/${FAL_APP}/requests/${encodeURIComponent(id)}`
/** A status 404 means fal does not know the id (e.g. resuming a request that has expired). */
const goneOn404: RefineError = (err, res) => (res.status === 404 ? requestGoneError(LABEL) : err)

/** A status (polled or streamed) as a step: COMPLETED is done (also for a failed run), else its stage. */
function statusStep(s: z.infer<typeof FalStatusResponse>): PollStep<void> {
  if (s.status === 'COMPLETED') return { done: true, value: undefined }
  if (s.status === 'IN_PROGRESS') return { done: false, progress: { stage: 'generating' } }
  return {
    done: false,
    progress: { stage: 'queued', ...(s.queue_position === undefined ? {} : { position: s.queue_position }) },
  }
}

/**
 * Not client.queue.status/subscribe: the SDK's status retries (5 tries from 1 s up to 30 s) ignore Retry-After
 * and wait on timers an abort cannot stop. Watched over fal's status stream (Server-Sent Events, one per change,
 * ending at COMPLETED), so completion is seen at once; polled when the stream is refused or gives out. There is
 * no FAILED status: a failed run also reaches COMPLETED.
 */
function waitUntilCompleted(http: ProviderHttp, ctx: ProviderContext, id: string): Promise<void> {
  return watchUntilDone({
    profile: FAL_PROFILE,
    ctx,
    http,
    stream: {
      format: 'sse',
      // One attempt: polling is the fallback.
      open: () =>
        http.send('GET', `${requestPath(id)}/status/stream?logs=0`, {
          retry: 'submit',
          headers: { Accept: 'text/event-stream' },
          timeoutMs: ctx.maxWaitMs ?? FAL_PROFILE.maxWaitMs,
        }),
      step: (event) => {
        const s = FalStatusResponse.safeParse(event)
        return s.success ? statusStep(s.data) : null
      },
    },
    check: async () =>
      statusStep(
        await http.json({
          method: 'GET',
          url: `${requestPath(id)}/status?logs=0`,
          schema: FalStatusResponse,
          retry: 'idempotent',
          refineError: goneOn404,
        }),
      ),
  })
}

/**
 * Not client.queue.result: same retry objections as status. This GET is where a failed run shows: the run's
 * own error with its status. A 500 here is that failure, not a hiccup (the official client does not retry it
 * either, and fal can say otherwise with X-Fal-Retryable), so it is not retried; 502/503/504/429 are.
 */
async function fetchResult(http: ProviderHttp, ctx: ProviderContext, id: string): Promise<FalFile> {
  const runFailure: RefineError = (err, res) => {
    if (res.status !== 500 || res.headers.get('x-fal-retryable') === 'true') return err
    const message = falErrorInfo(res.body).message
    return failedError(LABEL, message === undefined ? undefined : scrubProviderMessage(message, ctx.apiKey))
  }
  const result = await http.json({
    method: 'GET',
    url: requestPath(id),
    schema: FalResult,
    retry: 'idempotent',
    refineError: runFailure,
  })
  return resultFile(result)
}

async function downloadOutput(http: ProviderHttp, file: FalFile, id: string): Promise<GenerateResult> {
  const ext = mediaExtension(file.url, file.file_name)
  const out = await http.download(file.url, outputFileName('fal', id, ext))
  return { file: out.path, mime: outputMime(out.mime, ext), requestId: id }
}

/** PUT …/requests/{id}/cancel through the SDK (a queued request is dropped, a running one is told to stop). */
async function cancelRequest(detached: ProviderContext, id: string): Promise<void> {
  const client = falClient(detached, falHttp(detached))
  await client.queue.cancel(FAL_APP, { requestId: id, abortSignal: detached.signal })
}

/** Everything after the submit was accepted; cancels on fal's side if the caller aborts or we give up. */
function finish(ctx: ProviderContext, id: string): Promise<GenerateResult> {
  const http = falHttp(ctx)
  return cancelOnGiveUp(
    ctx,
    async () => {
      await waitUntilCompleted(http, ctx, id)
      const file = await fetchResult(http, ctx, id)
      return downloadOutput(http, file, id)
    },
    (detached) => cancelRequest(detached, id),
  )
}

export const falProvider: AudioProvider = {
  ...identityOf(FAL_PROFILE),
  canCancel: true,
  async generate(req, ctx) {
    const http = falHttp(ctx)
    let endpoint = FAL_TEXT_ENDPOINT
    let videoUrl: string | undefined
    if (req.mode === 'video') {
      if (!req.videoPath) throw new AppError('BAD_INPUT', `No video to send to ${LABEL}.`)
      videoUrl = await uploadCut(ctx, http, req.videoPath)
      endpoint = FAL_VIDEO_ENDPOINT
    }
    const { id, position } = await submit(http, endpoint, toProviderParams(req, FAL_PROFILE, videoUrl))
    await ctx.onSubmitted(id)
    ctx.onProgress({ stage: 'queued', ...(position === undefined ? {} : { position }) })
    return finish(ctx, id)
  },
  resume(requestId, ctx) {
    return finish(ctx, requestId)
  },
}
