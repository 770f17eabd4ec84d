// The app's log file (main.log in Electron's logs folder): one line per message, credentials scrubbed, written
// synchronously so a start-up failure is on disk before its error box shows. Logging never throws.
import { appendFileSync, mkdirSync, renameSync, statSync } from 'node:fs'
import { dirname } from 'node:path'
import type { Logger } from '../app/services'
import { scrubSecrets } from '../ipc/scrub'

/** A log bigger than this at start is kept as main.old.log and a new one begun. */
const ROTATE_BYTES = 5 * 1024 * 1024

export interface FileLogger extends Logger {
  readonly path: string
}

export function createFileLogger(path: string, opts: { now?: () => Date; echo?: Logger | null } = {}): FileLogger {
  const now = opts.now ?? (() => new Date())
  const echo = opts.echo === undefined ? { info: console.info, error: console.error } : opts.echo
  try {
    mkdirSync(dirname(path), { recursive: true })
    if ((statSync(path, { throwIfNoEntry: false })?.size ?? 0) > ROTATE_BYTES)
      renameSync(path, path.replace(/\.log$/, '.old.log'))
  } catch {
    // An unwritable log folder must not stop the app; the lines still reach the console.
  }
  const write = (level: 'INFO' | 'ERROR', message: string): void => {
    const line = scrubSecrets(message)
    try {
      appendFileSync(path, `${now().toISOString()} ${level} ${line}\n`)
    } catch {
      // As above.
    }
    if (level === 'ERROR') echo?.error(line)
    else echo?.info(line)
  }
  return { path, info: (m) => write('INFO', m), error: (m) => write('ERROR', m) }
}
