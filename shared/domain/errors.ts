import { z } from 'zod'

/** The closed set of error codes that may cross IPC. The renderer turns each into a sentence and a next step. */
export const ERROR_CODES = [
  'BAD_INPUT',
  'NOT_A_VIDEO',
  'FILE_NOT_FOUND',
  'PERMISSION_DENIED',
  'DISK_FULL',
  'DESTINATION_IS_SOURCE',
  'FFMPEG',
  'FFMPEG_MISSING',
  'CANCELLED',
  'PROVIDER_AUTH',
  'PROVIDER_BALANCE',
  'RATE_LIMITED',
  'PROVIDER_INPUT',
  'PROVIDER_FAILED',
  'NETWORK',
  'TIMEOUT',
  'NOT_FOUND',
  'FORBIDDEN',
  'INTERNAL',
] as const

export const ErrorCode = z.enum(ERROR_CODES)
export type ErrorCode = z.infer<typeof ErrorCode>

export const AppErrorData = z.object({
  code: ErrorCode,
  message: z.string(),
  retryable: z.boolean().optional(),
  /** The input field at fault, when the error is about one (e.g. a provider's 422). */
  field: z.string().optional(),
  /** Seconds to wait before retrying (a provider's Retry-After). */
  retryAfterSec: z.number().nonnegative().optional(),
})
export type AppErrorData = z.infer<typeof AppErrorData>

/** An error that knows its code. Thrown anywhere in main; crosses IPC as AppErrorData. */
export class AppError extends Error {
  readonly code: ErrorCode
  readonly retryable: boolean | undefined
  readonly field: string | undefined
  readonly retryAfterSec: number | undefined

  constructor(
    code: ErrorCode,
    message: string,
    options: { retryable?: boolean; field?: string; retryAfterSec?: number; cause?: unknown } = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause })
    this.name = 'AppError'
    this.code = code
    this.retryable = options.retryable
    this.field = options.field
    this.retryAfterSec = options.retryAfterSec
  }

  toData(): AppErrorData {
    return {
      code: this.code,
      message: this.message,
      ...(this.retryable === undefined ? {} : { retryable: this.retryable }),
      ...(this.field === undefined ? {} : { field: this.field }),
      ...(this.retryAfterSec === undefined ? {} : { retryAfterSec: this.retryAfterSec }),
    }
  }
}

export function isAppError(e: unknown): e is AppError {
  return e instanceof AppError
}
