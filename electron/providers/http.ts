// The one HTTP layer for all provider adapters: auth headers, zod-parsed JSON, retries with backoff and
// jitter for calls that are safe to repeat, a submit that is never repeated once it may have been accepted,
// and streamed uploads/downloads with progress.
import { createReadStream, createWriteStream } from 'node:fs'
import { rename, rm, stat } from 'node:fs/promises'
import { join } from 'node:path'
import { Readable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import type { z } from 'zod'

type BodyInit = NonNullable<RequestInit['body']>
import { AppError, isAppError } from '../../shared/domain/errors'
import { diskFullError, isDiskFull } from '../media/fsErrors'
import {
  httpStatusError,
  networkError,
  parseRetryAfter,
  scrubProviderMessage,
  timeoutError,
  unexpectedResponseError,
  type ProviderErrorInfo,
} from './errors'
import type { ProviderContext, ProviderProfile } from './types'

/**
 * 'idempotent' (status, result, download): retried on network errors, 429 and 5xx.
 * 'submit': retried only on 429, which means the provider did not accept it; never on 5xx or a dropped
 * connection, where it may have been accepted and a repeat would pay twice.
 */
export type RetryPolicy = 'idempotent' | 'submit'

export interface ProviderHttpConfig {
  label: string
  /** The provider's public origin, replaced by ctx.baseUrl when that is set. */
  defaultBaseUrl: string
  authHeaders: (apiKey: string) => Record<string, string>
  /** Pulls the provider's own message (and field) out of an error body. */
  errorInfo: (body: unknown) => ProviderErrorInfo
}

export interface JsonRequest<S extends z.ZodType> {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE'
  /** A path on the provider's origin, or an absolute URL the provider gave us. */
  url: string
  body?: unknown
  headers?: Record<string, string>
  schema: S
  retry: RetryPolicy
  timeoutMs?: number
  /**
   * Re-reads an HTTP error for this one call when the provider gives a status a meaning of its own (e.g. fal's
   * result GET answers the run's own failure with a 500 that must not be retried). The returned error's
   * `retryable` decides whether the policy tries again.
   */
  refineError?: RefineError
}

export type RefineError = (err: AppError, res: { status: number; headers: Headers; body: unknown }) => AppError

const MAX_ATTEMPTS = { idempotent: 6, submit: 4 } as const
const DEFAULT_TIMEOUT_MS = 60_000

export function defaultSleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(new AppError('CANCELLED', 'Cancelled.'))
    const t = setTimeout(() => {
      signal.removeEventListener('abort', onAbort)
      resolve()
    }, ms)
    const onAbort = (): void => {
      clearTimeout(t)
      reject(new AppError('CANCELLED', 'Cancelled.'))
    }
    signal.addEventListener('abort', onAbort, { once: true })
  })
}

/** Exponential backoff with full jitter: 0.5 s, 1 s, 2 s … capped at 20 s. */
export function backoffMs(attempt: number, random: () => number = Math.random): number {
  const ceiling = Math.min(20_000, 500 * 2 ** attempt)
  return Math.round(ceiling / 2 + (random() * ceiling) / 2)
}

/** One base URL replaces every origin a provider uses; absolute URLs it hands back are re-pointed too. */
export function resolveProviderUrl(url: string, baseUrl: string | null, defaultBaseUrl: string): string {
  const base = (baseUrl ?? defaultBaseUrl).replace(/\/+$/, '')
  if (!/^https?:\/\//i.test(url)) return `${base}${url.startsWith('/') ? '' : '/'}${url}`
  if (!baseUrl) return url
  const u = new URL(url)
  if (u.origin === new URL(base).origin) return url
  return `${base}${u.pathname}${u.search}`
}

/**
 * Runs `call` under a retry policy, with the same rule and backoff as every request made here. For calls an
 * SDK makes with its own transport: `call` must throw AppErrors (anything else is rethrown at once).
 */
export async function retryCall<T>(
  policy: RetryPolicy,
  ctx: Pick<ProviderContext, 'signal' | 'sleep'>,
  call: () => Promise<T>,
): Promise<T> {
  const sleep = ctx.sleep ?? defaultSleep
  for (let i = 0; ; i++) {
    try {
      return await call()
    } catch (e) {
      if (!isAppError(e)) throw e
      const again =
        i + 1 < MAX_ATTEMPTS[policy] && (policy === 'idempotent' ? e.retryable === true : e.code === 'RATE_LIMITED')
      if (!again) throw e
      await sleep(Math.max(backoffMs(i), (e.retryAfterSec ?? 0) * 1000), ctx.signal)
    }
  }
}

export interface ProviderHttp {
  json<S extends z.ZodType>(req: JsonRequest<S>): Promise<z.output<S>>
  /** Raw request for protocols that need the Response (multipart, PUT of bytes). Same error mapping. */
  send(
    method: string,
    url: string,
    init: {
      /** A function makes a fresh body per attempt (a stream can only be sent once). */
      body?: BodyInit | (() => BodyInit)
      headers?: Record<string, string>
      retry: RetryPolicy
      auth?: boolean
      timeoutMs?: number
      refineError?: RefineError
    },
  ): Promise<Response>
  /** Streams a file to the provider's URL with upload progress. */
  putFile(
    url: string,
    path: string,
    init: { headers?: Record<string, string>; auth?: boolean; method?: 'PUT' | 'POST' },
  ): Promise<Response>
  /** Downloads to ctx.tmpDir (temp name, renamed when complete) with progress; returns the path and mime. */
  download(url: string, fileName: string): Promise<{ path: string; mime: string }>
  /** Waits the poll interval (abortable). */
  pause(ms?: number): Promise<void>
  url(pathOrUrl: string): string
}

/** One HTTP call's options: a body (or a function making a fresh one per attempt), headers, auth, timeout. */
interface AttemptInit {
  body?: BodyInit | (() => BodyInit)
  headers?: Record<string, string>
  auth?: boolean
  timeoutMs?: number
  refineError?: RefineError
}

/** The HTTP layer for a provider as its profile describes it (name, origin, how the key is sent). */
export function profileHttp(
  profile: Pick<ProviderProfile, 'label' | 'origin' | 'authHeaders'>,
  errorInfo: ProviderHttpConfig['errorInfo'],
  ctx: ProviderContext,
): ProviderHttp {
  return createProviderHttp(
    { label: profile.label, defaultBaseUrl: profile.origin, authHeaders: profile.authHeaders, errorInfo },
    ctx,
  )
}

export function createProviderHttp(config: ProviderHttpConfig, ctx: ProviderContext): ProviderHttp {
  const sleep = ctx.sleep ?? defaultSleep
  const url = (u: string): string => resolveProviderUrl(u, ctx.baseUrl, config.defaultBaseUrl)

  async function toError(res: Response, refine?: RefineError): Promise<AppError> {
    const text = await res.text().catch(() => '')
    let body: unknown = text
    try {
      body = JSON.parse(text)
    } catch {
      /* not JSON: keep the text */
    }
    const info = config.errorInfo(body)
    const message = info.message ?? (typeof body === 'string' && body.length < 200 ? body : undefined)
    const err = httpStatusError(
      config.label,
      res.status,
      { ...info, ...(message ? { message: scrubProviderMessage(message, ctx.apiKey) } : {}) },
      parseRetryAfter(res.headers.get('retry-after'), Date.now()),
    )
    return refine ? refine(err, { status: res.status, headers: res.headers, body }) : err
  }

  async function attempt(method: string, target: string, init: AttemptInit): Promise<Response> {
    const timeout = AbortSignal.timeout(init.timeoutMs ?? DEFAULT_TIMEOUT_MS)
    const signal = AbortSignal.any([ctx.signal, timeout])
    const body = typeof init.body === 'function' ? init.body() : init.body
    try {
      const res = await ctx.fetch(url(target), {
        method,
        headers: { ...(init.auth === false ? {} : config.authHeaders(ctx.apiKey)), ...init.headers },
        signal,
        ...(body === undefined ? {} : { body, duplex: 'half' }),
      } as RequestInit)
      if (!res.ok) throw await toError(res, init.refineError)
      return res
    } catch (e) {
      if (isAppError(e)) throw e
      if (ctx.signal.aborted) throw new AppError('CANCELLED', 'Cancelled.')
      if (timeout.aborted) throw timeoutError(config.label)
      throw networkError(config.label, e)
    }
  }

  function withRetry(policy: RetryPolicy, method: string, target: string, init: AttemptInit): Promise<Response> {
    return retryCall(policy, ctx, () => attempt(method, target, init))
  }

  async function downloadOnce(target: string, dest: string): Promise<{ path: string; mime: string }> {
    const partial = `${dest}.part`
    const res = await withRetry('idempotent', 'GET', target, { auth: false, timeoutMs: 10 * 60_000 })
    const total = Number(res.headers.get('content-length')) || 0
    let received = 0
    ctx.onProgress({ stage: 'downloading', fraction: total ? 0 : null })
    try {
      if (!res.body) throw unexpectedResponseError(config.label, 'empty download')
      const counted = Readable.fromWeb(res.body as never)
      counted.on('data', (chunk: Buffer) => {
        received += chunk.length
        ctx.onProgress({ stage: 'downloading', fraction: total ? Math.min(1, received / total) : null })
      })
      await pipeline(counted, createWriteStream(partial), { signal: ctx.signal })
      if (received === 0) throw unexpectedResponseError(config.label, 'empty file')
      if (total && received < total) throw networkError(config.label, new Error('download cut short'))
      await rename(partial, dest)
    } catch (e) {
      await rm(partial, { force: true })
      if (ctx.signal.aborted) throw new AppError('CANCELLED', 'Cancelled.')
      // Our own disk, not their network: say so, with where and how much.
      if (isDiskFull(e)) throw diskFullError(dest, e, total || undefined)
      throw isAppError(e) ? e : networkError(config.label, e)
    }
    return { path: dest, mime: (res.headers.get('content-type') ?? 'application/octet-stream').split(';')[0]!.trim() }
  }

  return {
    url,
    async json(req) {
      const res = await withRetry(req.retry, req.method, req.url, {
        ...(req.body === undefined ? {} : { body: JSON.stringify(req.body) }),
        headers: {
          Accept: 'application/json',
          ...(req.body === undefined ? {} : { 'Content-Type': 'application/json' }),
          ...req.headers,
        },
        ...(req.timeoutMs ? { timeoutMs: req.timeoutMs } : {}),
        ...(req.refineError ? { refineError: req.refineError } : {}),
      })
      let body: unknown
      try {
        body = await res.json()
      } catch {
        throw unexpectedResponseError(config.label, 'non-JSON response')
      }
      const parsed = req.schema.safeParse(body)
      if (!parsed.success) throw unexpectedResponseError(config.label, 'response')
      return parsed.data
    },
    send(method, target, init) {
      return withRetry(init.retry, method, target, init)
    },
    async putFile(target, path, init) {
      const { size } = await stat(path)
      let sent = 0
      const makeBody = (): BodyInit => {
        const stream = createReadStream(path)
        stream.on('data', (chunk: Buffer | string) => {
          sent += chunk.length
          ctx.onProgress({ stage: 'uploading', fraction: Math.min(1, sent / Math.max(1, size)) })
        })
        return Readable.toWeb(stream) as unknown as BodyInit
      }
      return withRetry('idempotent', init.method ?? 'PUT', target, {
        body: () => {
          sent = 0
          return makeBody()
        },
        headers: { 'Content-Length': String(size), ...init.headers },
        ...(init.auth === undefined ? {} : { auth: init.auth }),
        timeoutMs: 10 * 60_000,
      })
    },
    async download(target, fileName) {
      // A transfer cut short is retried whole, like any other idempotent call.
      for (let i = 0; ; i++) {
        try {
          return await downloadOnce(target, join(ctx.tmpDir, fileName))
        } catch (e) {
          const err = e as AppError
          if (!err.retryable || i + 1 >= MAX_ATTEMPTS.idempotent) throw err
          await sleep(backoffMs(i), ctx.signal)
        }
      }
    },
    pause(ms) {
      return sleep(ms ?? ctx.pollIntervalMs ?? 1000, ctx.signal)
    },
  }
}
