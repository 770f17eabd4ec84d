// The app's log file: one timestamped line per message, credentials scrubbed before they reach the disk, an old
// big log kept aside at start, and a log folder that cannot be written never stops the app.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { createFileLogger } from '../../../electron/main/logFile'

const now = () => new Date('2026-01-02T03:04:05.000Z')

describe('createFileLogger', () => {
  it('appends timestamped lines, with keys scrubbed', () => {
    const path = join(mkdtempSync(join(tmpdir(), 'log-')), 'logs', 'main.log')
    const log = createFileLogger(path, { now, echo: null })
    log.info('Started.')
    log.error('fal said 401 for Authorization: Key 0123456789abcdef0123456789abcdef')
    expect(readFileSync(path, 'utf8')).toBe(
      '2026-01-02T03:04:05.000Z INFO Started.\n2026-01-02T03:04:05.000Z ERROR fal said 401 for Authorization: Key [redacted]\n',
    )
    expect(log.path).toBe(path)
  })

  it('keeps a big old log as main.old.log and starts afresh', () => {
    const dir = mkdtempSync(join(tmpdir(), 'log-'))
    writeFileSync(join(dir, 'main.log'), 'x'.repeat(6 * 1024 * 1024))
    createFileLogger(join(dir, 'main.log'), { now, echo: null }).info('new')
    expect(readFileSync(join(dir, 'main.log'), 'utf8')).toBe('2026-01-02T03:04:05.000Z INFO new\n')
    expect(readFileSync(join(dir, 'main.old.log'), 'utf8').length).toBe(6 * 1024 * 1024)
  })

  it('never throws when the log cannot be written', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'log-')), 'a-file')
    writeFileSync(file, '')
    const log = createFileLogger(join(file, 'main.log'), { now, echo: null })
    expect(() => log.error('still fine')).not.toThrow()
  })
})
