import type { AppErrorData, ErrorCode } from '../../../shared/domain/errors'

/** What to tell a person for each error code: the next step, shown under main's own sentence. */
const NEXT_STEP: Partial<Record<ErrorCode, string>> = {
  FILE_NOT_FOUND: 'The file was moved or deleted. Locate it again and re-import.',
  PERMISSION_DENIED: 'Choose a folder you can write to.',
  DISK_FULL: 'Free some space or choose another drive. Nothing was written.',
  DESTINATION_IS_SOURCE: 'Choose a different file name: a source is never overwritten.',
  FFMPEG_MISSING: 'Reinstall MMAudio Studio.',
  PROVIDER_AUTH: 'Check the API key in Settings.',
  PROVIDER_BALANCE: "Top up the provider's balance, or pick another provider.",
  RATE_LIMITED: 'The provider is busy. It will retry; you can also lower concurrency.',
  NETWORK: 'Check your internet connection and try again.',
  TIMEOUT: 'The provider took too long. Try again.',
}

export interface ErrorText {
  message: string
  next: string | null
}

export function errorText(error: AppErrorData): ErrorText {
  return { message: error.message, next: NEXT_STEP[error.code] ?? null }
}
