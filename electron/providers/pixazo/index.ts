// Pixazo `mmaudio-v2-text-to-audio` over plain fetch + zod: 202 submit, poll the universal status endpoint,
// download the first WAV of `output.media_url`. Text only; no cancel endpoint is documented.
import { AppError } from '../../../shared/domain/errors'
import { failedError, requestGoneError, scrubProviderMessage, unexpectedResponseError } from '../errors'
import { profileHttp, type ProviderHttp } from '../http'
import { mediaExtension, outputFileName, outputMime } from '../outputFile'
import { toProviderParams, type ProviderParams } from '../paramRange'
import { ambiguousSubmitError, cancelOnGiveUp, pollUntilDone, type PollStep } from '../poll'
import type { AudioProvider, GenerateResult, ProviderContext } from '../types'
import { identityOf } from '../profiles'
import { PIXAZO_PROFILE } from './profile'
import { StatusResponse, SubmitResponse, pixazoErrorInfo } from './schemas'

const LABEL = PIXAZO_PROFILE.label
const PIXAZO_SUBMIT_PATH = '/mmaudio-v2-text-to-audio/v1/mmaudio-v2-text-to-audio-request'

function pixazoHttp(ctx: ProviderContext): ProviderHttp {
  return profileHttp(PIXAZO_PROFILE, pixazoErrorInfo, ctx)
}

const pixazoStatusPath = (id: string): string => `/v2/requests/status/${encodeURIComponent(id)}`

/** Submits once (repeated only on 429); returns the request id and where to poll it. */
async function submit(http: ProviderHttp, body: ProviderParams): Promise<{ id: string; pollUrl: string }> {
  try {
    const res = await http.json({
      method: 'POST',
      url: PIXAZO_SUBMIT_PATH,
      body,
      headers: { 'Cache-Control': 'no-cache' },
      schema: SubmitResponse,
      retry: 'submit',
    })
    return { id: res.request_id, pollUrl: res.polling_url ?? pixazoStatusPath(res.request_id) }
  } catch (e) {
    throw ambiguousSubmitError(LABEL, e)
  }
}

function mediaUrl(s: StatusResponse): string {
  const url = s.output?.media_url[0]
  if (!url) throw unexpectedResponseError(LABEL, 'result (no media URL)')
  return url
}

/** One status GET: QUEUED/PROCESSING → running; COMPLETED → the first media URL; FAILED/ERROR → throw. */
function checkStatus(
  http: ProviderHttp,
  ctx: ProviderContext,
  pollUrl: string,
): () => Promise<PollStep<StatusResponse>> {
  return async () => {
    const s = await http.json({
      method: 'GET',
      url: pollUrl,
      headers: { 'Cache-Control': 'no-cache' },
      schema: StatusResponse,
      retry: 'idempotent',
      // 404 = unknown request id (e.g. resuming one Pixazo no longer keeps).
      refineError: (err, res) => (res.status === 404 ? requestGoneError(LABEL) : err),
    })
    const error = s.error ? scrubProviderMessage(s.error, ctx.apiKey) : undefined
    switch (s.status.toUpperCase()) {
      case 'COMPLETED':
        mediaUrl(s)
        return { done: true, value: s }
      case 'FAILED':
        throw failedError(LABEL, error)
      case 'ERROR':
        throw failedError(LABEL, `${error ?? 'system error'} (a Pixazo system error; not charged)`)
      case 'QUEUED':
        return { done: false, progress: { stage: 'queued' } }
      default:
        return { done: false, progress: { stage: 'generating' } }
    }
  }
}

async function downloadOutput(http: ProviderHttp, id: string, s: StatusResponse): Promise<GenerateResult> {
  const url = mediaUrl(s)
  // Documented as WAV (`media_type: audio/wav`), though a generic example shows octet-stream and `output.ext`.
  const ext = mediaExtension(url) || '.wav'
  const { path, mime } = await http.download(url, outputFileName('pixazo', id, ext))
  return { file: path, mime: outputMime(mime, ext, 'audio/wav'), requestId: id }
}

/** Everything after the submit: journal the id, poll, download. Abort stops polling (nothing to cancel). */
function follow(
  id: string,
  pollUrl: string,
  ctx: ProviderContext,
  http: ProviderHttp,
  journal: boolean,
): Promise<GenerateResult> {
  return cancelOnGiveUp(
    ctx,
    async () => {
      if (journal) await ctx.onSubmitted(id)
      const done = await pollUntilDone({ profile: PIXAZO_PROFILE, ctx, http, check: checkStatus(http, ctx, pollUrl) })
      return downloadOutput(http, id, done)
    },
    null,
  )
}

export const pixazoProvider: AudioProvider = {
  ...identityOf(PIXAZO_PROFILE),
  async generate(request, ctx) {
    if (request.mode !== 'text') {
      throw new AppError(
        'PROVIDER_INPUT',
        `${LABEL} only generates sound from a text prompt, not from video. Pick another provider for this clip, or use text-to-audio.`,
        { field: 'mode' },
      )
    }
    const http = pixazoHttp(ctx)
    const { id, pollUrl } = await submit(http, toProviderParams(request, PIXAZO_PROFILE))
    ctx.onProgress({ stage: 'queued' })
    return follow(id, pollUrl, ctx, http, true)
  },
  resume(requestId, ctx) {
    return follow(requestId, pixazoStatusPath(requestId), ctx, pixazoHttp(ctx), false)
  },
}
