// Eachlabs `mmaudio` (video-to-audio) over plain fetch + zod: presigned upload, create, poll, cancel on
// abort, download. No official JS SDK exists. X-API-Key auth; the presigned PUT carries no key.
import { z } from 'zod'
import { AppError, isAppError } from '../../../shared/domain/errors'
import { failedError, requestGoneError, scrubProviderMessage, unexpectedResponseError } from '../errors'
import { profileHttp, type ProviderHttp } from '../http'
import { mediaExtension, mimeOfPath, outputFileName, outputMime } from '../outputFile'
import { toProviderParams, type ProviderParams } from '../paramRange'
import { ambiguousSubmitError, cancelOnGiveUp, pollUntilDone, type PollStep } from '../poll'
import type { AudioProvider, GenerateResult, ProviderContext } from '../types'
import { presignedPutHeaders } from './presignedPut'
import { identityOf } from '../profiles'
import { EACHLABS_PROFILE } from './profile'
import { CreateResponse, PredictionResponse, PresignResponse, eachlabsErrorInfo, eachlabsMessage } from './schemas'

const LABEL = EACHLABS_PROFILE.label
const EACHLABS_MODEL = 'mmaudio'

function eachlabsHttp(ctx: ProviderContext): ProviderHttp {
  return profileHttp(EACHLABS_PROFILE, eachlabsErrorInfo, ctx)
}

const predictionPath = (id: string): string => `/v1/prediction/${encodeURIComponent(id)}`

/** Presign, then PUT the bytes with the declared Content-Type and every required header; returns the public URL. */
async function uploadVideo(http: ProviderHttp, ctx: ProviderContext, path: string): Promise<string> {
  const contentType = mimeOfPath(path)
  ctx.onProgress({ stage: 'uploading', fraction: 0 })
  const presign = await http.json({
    method: 'POST',
    url: '/v1/upload/presign',
    body: { content_type: contentType, file_type: 'video' },
    schema: PresignResponse,
    retry: 'idempotent',
  })
  try {
    const res = await http.putFile(presign.presigned_url, path, {
      auth: false,
      headers: presignedPutHeaders(contentType, presign.required_headers ?? {}),
    })
    await res.body?.cancel()
  } catch (e) {
    // A 403 here is the storage refusing the signed URL, not the API key.
    if (isAppError(e) && e.code === 'PROVIDER_AUTH') {
      throw new AppError(
        'PROVIDER_FAILED',
        `${LABEL} storage refused the video upload (signed URL rejected or expired). Try again.`,
        {
          retryable: true,
        },
      )
    }
    throw e
  }
  ctx.onProgress({ stage: 'uploading', fraction: 1 })
  return presign.public_url
}

/** POST /v1/prediction once (repeated only on 429); returns the predictionID. */
async function createPrediction(http: ProviderHttp, apiKey: string, input: ProviderParams): Promise<string> {
  let created: z.infer<typeof CreateResponse>
  try {
    created = await http.json({
      method: 'POST',
      url: '/v1/prediction',
      body: { model: EACHLABS_MODEL, input },
      schema: CreateResponse,
      retry: 'submit',
    })
  } catch (e) {
    throw ambiguousSubmitError(LABEL, e)
  }
  if (created.predictionID) return created.predictionID
  if (created.status === 'error')
    throw failedError(LABEL, scrubProviderMessage(eachlabsMessage(created) ?? '', apiKey) || undefined)
  throw ambiguousSubmitError(LABEL, unexpectedResponseError(LABEL, 'create response (no prediction id)'))
}

function outputUrl(p: PredictionResponse): string {
  const url = Array.isArray(p.output) ? p.output[0] : p.output
  if (!url) throw unexpectedResponseError(LABEL, 'result (no output URL)')
  return url
}

/** One GET /v1/prediction/{id}: starting/processing → running; success → output URL; failed/error/cancelled → throw. */
function checkPrediction(http: ProviderHttp, ctx: ProviderContext, id: string): () => Promise<PollStep<string>> {
  return async () => {
    const p = await http.json({
      method: 'GET',
      url: predictionPath(id),
      schema: PredictionResponse,
      retry: 'idempotent',
      // 404 = unknown prediction id (e.g. resuming one Eachlabs no longer keeps).
      refineError: (err, res) => (res.status === 404 ? requestGoneError(LABEL) : err),
    })
    switch (p.status.toLowerCase()) {
      case 'success':
      case 'succeeded':
        return { done: true, value: outputUrl(p) }
      case 'failed':
      case 'error':
        throw failedError(LABEL, scrubProviderMessage(eachlabsMessage(p) ?? '', ctx.apiKey) || undefined)
      case 'cancelled':
      case 'canceled':
        throw new AppError('PROVIDER_FAILED', `${LABEL} cancelled this prediction before it finished. Try again.`)
      case 'starting':
      case 'queued':
        return { done: false, progress: { stage: 'queued' } }
      default:
        return { done: false, progress: { stage: 'generating' } }
    }
  }
}

/** The output is documented as "URL of generated video": MP4 unless the URL says otherwise. */
async function downloadOutput(http: ProviderHttp, id: string, url: string): Promise<GenerateResult> {
  const ext = mediaExtension(url) || '.mp4'
  const { path, mime } = await http.download(url, outputFileName('eachlabs', id, ext))
  return { file: path, mime: outputMime(mime, ext, 'video/mp4'), requestId: id }
}

/** Everything after the create: journal the id, poll, download; cancel at Eachlabs if aborted or timed out. */
function follow(id: string, ctx: ProviderContext, http: ProviderHttp, journal: boolean): Promise<GenerateResult> {
  return cancelOnGiveUp(
    ctx,
    async () => {
      if (journal) await ctx.onSubmitted(id)
      const url = await pollUntilDone({ profile: EACHLABS_PROFILE, ctx, http, check: checkPrediction(http, ctx, id) })
      return downloadOutput(http, id, url)
    },
    (detached) =>
      eachlabsHttp(detached).json({
        method: 'POST',
        url: `${predictionPath(id)}/cancel`,
        schema: z.unknown(),
        retry: 'idempotent',
      }),
  )
}

export const eachlabsProvider: AudioProvider = {
  ...identityOf(EACHLABS_PROFILE),
  canCancel: true,
  async generate(request, ctx) {
    if (request.mode !== 'video' || !request.videoPath) {
      throw new AppError(
        'PROVIDER_INPUT',
        `${LABEL} only generates sound for a video. Pick another provider for text-to-audio.`,
        {
          field: 'mode',
        },
      )
    }
    const http = eachlabsHttp(ctx)
    const videoUrl = await uploadVideo(http, ctx, request.videoPath)
    const id = await createPrediction(http, ctx.apiKey, toProviderParams(request, EACHLABS_PROFILE, videoUrl))
    ctx.onProgress({ stage: 'queued' })
    return follow(id, ctx, http, true)
  },
  resume(requestId, ctx) {
    return follow(requestId, ctx, eachlabsHttp(ctx), false)
  },
}
