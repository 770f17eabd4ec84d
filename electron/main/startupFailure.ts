// A start-up that throws must not leave a process with no window holding the single-instance lock (every later
// launch would then quit at once): the reason goes to the log, a native error box says it and where the log
// is, the lock is released and the app exits. Plain code; index.ts passes Electron's functions.
import { isAppError } from '../../shared/domain/errors'
import { describeForLog, scrubSecrets } from '../ipc/scrub'

export const STARTUP_FAILURE_TITLE = 'MMAudio Studio cannot start'

export interface StartupFailureDeps {
  logError(message: string): void
  /** Where the log file is, for the person (and a bug report). */
  logPath: string
  showErrorBox(title: string, body: string): void
  releaseSingleInstanceLock(): void
  exit(code: number): void
}

/** The error box's text: our own sentence for an AppError, the error's message otherwise, and the log's place. */
export function startupFailureText(error: unknown, logPath: string): { title: string; body: string } {
  const reason = isAppError(error)
    ? error.message
    : error instanceof Error
      ? `Something went wrong while starting: ${error.message}`
      : `Something went wrong while starting: ${String(error)}`
  return { title: STARTUP_FAILURE_TITLE, body: `${scrubSecrets(reason)}\n\nThe log has the details: ${logPath}` }
}

export function reportStartupFailure(error: unknown, deps: StartupFailureDeps): void {
  deps.logError(`Start-up failed: ${describeForLog(error)}`)
  const { title, body } = startupFailureText(error, deps.logPath)
  deps.showErrorBox(title, body)
  deps.releaseSingleInstanceLock()
  deps.exit(1)
}

/** Runs the start-up; any throw or rejection ends in reportStartupFailure. */
export async function startOrReport(start: () => void | Promise<void>, deps: () => StartupFailureDeps): Promise<void> {
  try {
    await start()
  } catch (error) {
    reportStartupFailure(error, deps())
  }
}
