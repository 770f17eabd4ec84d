// The @fal-ai/client SDK as this app uses it: every request it makes goes through our `fetch`, which re-points
// fal's hosts (rest.fal.ai, queue.fal.run, the signed upload_url host) at ctx.baseUrl, bounds calls made
// without a signal, streams uploaded Blobs with progress, and keeps what the SDK's ApiError drops.
import { ApiError, createFalClient, type FalClient } from '@fal-ai/client'
import { AppError, isAppError } from '../../../shared/domain/errors'
import { httpStatusError, networkError, parseRetryAfter, scrubProviderMessage, timeoutError } from '../errors'
import type { ProviderHttp } from '../http'
import type { ProviderContext } from '../types'
import { FAL_PROFILE } from './profile'
import { falErrorInfo } from './schemas'

const LABEL = FAL_PROFILE.label
/** For SDK calls made without a signal of their own (storage initiate and the upload PUT). */
const SDK_CALL_TIMEOUT_MS = 10 * 60_000

/**
 * The SDK's transport: re-points every URL with http.url (one base URL for all of fal's origins), gives calls
 * made without a signal (the storage PUT) ctx.signal, and streams an uploaded Blob so its progress is seen.
 */
function sdkFetch(ctx: ProviderContext, http: ProviderHttp, seen: SdkResponses): typeof fetch {
  const send = async (target: string, init: RequestInit): Promise<Response> => {
    seen.storagePut = init.body instanceof ReadableStream
    const res = await ctx.fetch(target, init)
    seen.retryAfterSec = parseRetryAfter(res.headers.get('retry-after'), Date.now())
    return res
  }
  return (input, init = {}) => {
    const target = http.url(input instanceof Request ? input.url : String(input))
    const signal = init.signal ?? AbortSignal.any([ctx.signal, AbortSignal.timeout(SDK_CALL_TIMEOUT_MS)])
    if (!(init.body instanceof Blob)) return send(target, { ...init, signal })
    const blob = init.body
    let sent = 0
    const counted = blob.stream().pipeThrough(
      new TransformStream<Uint8Array, Uint8Array>({
        transform(chunk, out) {
          sent += chunk.byteLength
          ctx.onProgress({ stage: 'uploading', fraction: Math.min(1, sent / Math.max(1, blob.size)) })
          out.enqueue(chunk)
        },
      }),
    )
    const headers = new Headers(init.headers)
    headers.set('Content-Length', String(blob.size))
    return send(target, { ...init, headers, body: counted, signal, duplex: 'half' } as RequestInit)
  }
}

/** What the SDK's ApiError drops about the last answer (SDK calls here run one at a time). */
export interface SdkResponses {
  retryAfterSec?: number | undefined
  /** It answered the PUT of the bytes to the signed upload_url (no API key involved). */
  storagePut?: boolean
}

export function falClient(ctx: ProviderContext, http: ProviderHttp, seen: SdkResponses = {}): FalClient {
  return createFalClient({
    credentials: ctx.apiKey,
    suppressLocalCredentialsWarning: true,
    fetch: sdkFetch(ctx, http, seen),
    // Applies to the SDK calls we make (storage initiate, cancel): retries are ours (retryCall), with
    // Retry-After and abortable waits, so the SDK must not add its own on top.
    retry: { maxRetries: 0 },
  })
}

/** An SDK failure as an AppError (its ApiError carries fal's status and body). */
export function fromSdkError(e: unknown, ctx: ProviderContext, seen: SdkResponses): AppError {
  if (isAppError(e)) return e
  if (ctx.signal.aborted) return new AppError('CANCELLED', 'Cancelled.')
  if ((e as Error | null)?.name === 'TimeoutError') return timeoutError(LABEL)
  if (e instanceof ApiError && seen.storagePut && (e.status === 401 || e.status === 403)) {
    return new AppError(
      'PROVIDER_FAILED',
      `${LABEL} storage refused the video upload (its signed URL was rejected or expired). Try again.`,
      {
        retryable: true,
      },
    )
  }
  if (e instanceof ApiError) {
    const info = falErrorInfo(e.body)
    const message = info.message === undefined ? {} : { message: scrubProviderMessage(info.message, ctx.apiKey) }
    return httpStatusError(LABEL, e.status, { ...info, ...message }, seen.retryAfterSec)
  }
  return networkError(LABEL, e)
}
