// Every provider failure becomes one AppError with a sentence a person can act on. Keys never appear.
import { AppError, isAppError } from '../../shared/domain/errors'
import { diskFullOrSame } from '../media/fsErrors'

export interface ProviderErrorInfo {
  /** The provider's own message, from whichever body shape it uses. */
  message?: string
  /** The input field at fault, when the provider names one. */
  field?: string
}

const MAX_PROVIDER_MESSAGE = 300

/**
 * A provider's own message made safe to show: the key we sent (known exactly, whatever its shape) and any
 * bearer/key token are removed, and the text is kept short. Not the log scrubber (ipc/scrub.ts): its broad
 * heuristics would also blank model names and ids a person needs to read.
 */
export function scrubProviderMessage(text: string, apiKey: string): string {
  let out = text
  if (apiKey.length >= 4) out = out.split(apiKey).join('•••')
  return out.replace(/\b(Bearer|Key)\s+[A-Za-z0-9_\-:.]{12,}/g, '$1 •••').slice(0, MAX_PROVIDER_MESSAGE)
}

/** Seconds from a Retry-After header (delta-seconds or an HTTP date); undefined when absent or unreadable. */
export function parseRetryAfter(value: string | null, nowMs: number): number | undefined {
  if (!value) return undefined
  const secs = Number(value)
  if (Number.isFinite(secs) && secs >= 0) return secs
  const at = Date.parse(value)
  return Number.isFinite(at) ? Math.max(0, (at - nowMs) / 1000) : undefined
}

export function httpStatusError(
  label: string,
  status: number,
  info: ProviderErrorInfo,
  retryAfterSec: number | undefined,
): AppError {
  const detail = info.message ? `: ${info.message}` : ''
  if (status === 401 || status === 403) {
    return new AppError('PROVIDER_AUTH', `${label} rejected the API key. Check or replace it in Settings.`)
  }
  if (status === 402) {
    return new AppError(
      'PROVIDER_BALANCE',
      `Your ${label} account has no balance left${detail}. Top it up or pick another provider.`,
    )
  }
  if (status === 429) {
    const wait = retryAfterSec !== undefined ? ` Try again in ${Math.ceil(retryAfterSec)} s.` : ''
    return new AppError('RATE_LIMITED', `${label} is rate-limiting this key.${wait}`, {
      retryable: true,
      ...(retryAfterSec !== undefined ? { retryAfterSec } : {}),
    })
  }
  if (status === 408 || status === 504) {
    return new AppError('TIMEOUT', `${label} timed out (HTTP ${status}). Try again.`, { retryable: true })
  }
  if (status >= 500) {
    return new AppError('PROVIDER_FAILED', `${label} had a server error (HTTP ${status})${detail}.`, {
      retryable: true,
    })
  }
  const field = info.field ? ` (${info.field})` : ''
  return new AppError('PROVIDER_INPUT', `${label} refused the request${field}${detail}.`, {
    ...(info.field ? { field: info.field } : {}),
  })
}

export function networkError(label: string, cause: unknown): AppError {
  // A full disk of ours surfacing through a transfer is not their network.
  const ours = diskFullOrSame(cause)
  if (isAppError(ours)) return ours
  const code = (cause as { cause?: { code?: string } })?.cause?.code ?? (cause as { code?: string })?.code
  return new AppError('NETWORK', `Could not reach ${label}${code ? ` (${code})` : ''}. Check your connection.`, {
    retryable: true,
    cause,
  })
}

export function timeoutError(label: string): AppError {
  return new AppError('TIMEOUT', `${label} did not answer in time. Try again.`, { retryable: true })
}

export function failedError(label: string, providerMessage: string | undefined): AppError {
  return new AppError(
    'PROVIDER_FAILED',
    `${label} could not generate this sound${providerMessage ? `: ${providerMessage}` : '.'}`,
  )
}

export function unexpectedResponseError(label: string, what: string): AppError {
  return new AppError('PROVIDER_FAILED', `${label} sent a ${what} MMAudio Studio does not understand.`)
}

/** A request id the provider no longer knows (expired, or never accepted): polling it again cannot help. */
export function requestGoneError(label: string): AppError {
  return new AppError(
    'PROVIDER_FAILED',
    `${label} no longer has this request (it may have expired or never been accepted). Generate this sound again.`,
  )
}
