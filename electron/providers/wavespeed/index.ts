// WaveSpeed adapter: MMAudio V2 video-to-audio through a thin fetch + zod client (profileHttp).
// Upload the cut (multipart `file`) → submit → poll /predictions/{id}/result → download outputs[0].
// WaveSpeed reports failures inside HTTP 200: `data.status: "failed"` with `data.error`, or an envelope code
// other than 200 (read as that HTTP status by envelopeAwareFetch). It documents no cancel endpoint.
import { basename } from 'node:path'
import { AppError } from '../../../shared/domain/errors'
import { failedError, requestGoneError, scrubProviderMessage, unexpectedResponseError } from '../errors'
import { profileHttp, type ProviderHttp } from '../http'
import { multipartFileBody } from '../multipart'
import { mediaExtension, mimeOfPath, outputFileName, outputMime } from '../outputFile'
import { toProviderParams, type ProviderParams } from '../paramRange'
import { ambiguousSubmitError, cancelOnGiveUp, pollUntilDone } from '../poll'
import type { AudioProvider, GenerateResult, ProviderContext } from '../types'
import { identityOf } from '../profiles'
import { WAVESPEED_PROFILE } from './profile'
import {
  WavespeedEnvelope,
  WavespeedPrediction,
  WavespeedUpload,
  envelopeAwareFetch,
  envelopeData,
  wavespeedErrorInfo,
} from './schemas'

const LABEL = WAVESPEED_PROFILE.label
const WAVESPEED_MODEL = 'wavespeed-ai/mmaudio-v2'
const UPLOAD_TIMEOUT_MS = 10 * 60_000

function wavespeedHttp(ctx: ProviderContext): ProviderHttp {
  return profileHttp(WAVESPEED_PROFILE, wavespeedErrorInfo, { ...ctx, fetch: envelopeAwareFetch(ctx.fetch) })
}

/** POST /api/v3/media/upload/binary (multipart `file`, streamed with progress) → data.download_url. */
async function uploadCut(http: ProviderHttp, ctx: ProviderContext, path: string): Promise<string> {
  const mime = mimeOfPath(path)
  const form = await multipartFileBody({ field: 'file', path, fileName: basename(path), mime }, (fraction) =>
    ctx.onProgress({ stage: 'uploading', fraction }),
  )
  // Idempotent: a repeated upload only stores another copy, it starts no paid work.
  const res = await http.send('POST', '/api/v3/media/upload/binary', {
    body: form.body,
    headers: { Accept: 'application/json', ...form.headers },
    retry: 'idempotent',
    timeoutMs: UPLOAD_TIMEOUT_MS,
  })
  const body: unknown = await res.json().catch(() => undefined)
  return envelopeData(body, WavespeedUpload, 'upload response').download_url
}

/** POST /api/v3/wavespeed-ai/mmaudio-v2. Retried only on 429 (not accepted); never after it may have been. */
async function submit(http: ProviderHttp, input: ProviderParams): Promise<string> {
  let body: unknown
  try {
    body = await http.json({
      method: 'POST',
      url: `/api/v3/${WAVESPEED_MODEL}`,
      body: input,
      schema: WavespeedEnvelope,
      retry: 'submit',
    })
  } catch (e) {
    throw ambiguousSubmitError(LABEL, e)
  }
  return envelopeData(body, WavespeedPrediction, 'submit response').id
}

/** Polls the prediction until completed (its first output) or failed (WaveSpeed's own message). */
function waitForOutput(http: ProviderHttp, ctx: ProviderContext, id: string): Promise<string> {
  return pollUntilDone({
    profile: WAVESPEED_PROFILE,
    ctx,
    http,
    check: async () => {
      const body = await http.json({
        method: 'GET',
        url: `/api/v3/predictions/${encodeURIComponent(id)}/result`,
        schema: WavespeedEnvelope,
        retry: 'idempotent',
        // A 404 means WaveSpeed does not know the id (e.g. resuming a prediction past its 7 days).
        refineError: (err, res) => (res.status === 404 ? requestGoneError(LABEL) : err),
      })
      const p = envelopeData(body, WavespeedPrediction, 'prediction')
      if (p.status === 'created') return { done: false, progress: { stage: 'queued' } }
      if (p.status === 'processing') return { done: false, progress: { stage: 'generating' } }
      if (p.status === 'failed')
        throw failedError(LABEL, p.error ? scrubProviderMessage(p.error, ctx.apiKey) : undefined)
      const url = p.outputs?.[0]
      if (!url) throw unexpectedResponseError(LABEL, 'completed prediction without an output')
      return { done: true, value: url }
    },
  })
}

async function downloadOutput(http: ProviderHttp, url: string, id: string): Promise<GenerateResult> {
  const ext = mediaExtension(url)
  const out = await http.download(url, outputFileName('wavespeed', id, ext))
  // The output type is not documented; mmaudio-v2 returns the video with its new sound (MP4).
  return { file: out.path, mime: outputMime(out.mime, ext, 'video/mp4'), requestId: id }
}

/** Everything after the submit was accepted. No cancel endpoint: an abort stops polling only. */
function finish(ctx: ProviderContext, id: string): Promise<GenerateResult> {
  const http = wavespeedHttp(ctx)
  return cancelOnGiveUp(ctx, async () => downloadOutput(http, await waitForOutput(http, ctx, id), id), null)
}

export const wavespeedProvider: AudioProvider = {
  ...identityOf(WAVESPEED_PROFILE),
  async generate(req, ctx) {
    if (req.mode !== 'video' || !req.videoPath) {
      throw new AppError(
        'BAD_INPUT',
        'WaveSpeed only makes sound for a video. Pick a provider with text-to-audio for a prompt alone.',
      )
    }
    const http = wavespeedHttp(ctx)
    const videoUrl = await uploadCut(http, ctx, req.videoPath)
    const id = await submit(http, toProviderParams(req, WAVESPEED_PROFILE, videoUrl))
    await ctx.onSubmitted(id)
    ctx.onProgress({ stage: 'queued' })
    return finish(ctx, id)
  },
  resume(requestId, ctx) {
    return finish(ctx, requestId)
  },
}
