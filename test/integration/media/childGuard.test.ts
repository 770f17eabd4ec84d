// The child watcher on its own: a process that registered a child with it is SIGKILLed (no exit handlers run)
// and the child dies too, while a child it released lives on. Linux and macOS (kill, sleep).
import { spawn } from 'node:child_process'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { isAlive } from '../../fixtures/processes'
import { ROOT } from '../cli/cliHarness'

const PARENT = `
import { spawn } from 'node:child_process'
import { createChildGuard } from ${JSON.stringify(join(ROOT, 'electron/media/ffmpeg/childGuard.ts'))}
const guard = createChildGuard()
const watched = spawn('sleep', ['60'], { stdio: 'ignore' })
const released = spawn('sleep', ['60'], { stdio: 'ignore', detached: true })
guard.watch(watched.pid)
guard.watch(released.pid)
guard.release(released.pid)
process.stdout.write(JSON.stringify({ watched: watched.pid, released: released.pid }) + '\\n')
setInterval(() => {}, 1000)
`

describe.skipIf(process.platform === 'win32')('childGuard', () => {
  it('a watched child dies with its SIGKILLed parent; a released one does not', async () => {
    const parent = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', PARENT], { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] })
    const pids = await new Promise<{ watched: number; released: number }>((resolve) =>
      parent.stdout!.once('data', (d: Buffer) => resolve(JSON.parse(d.toString('utf8')) as { watched: number; released: number })),
    )
    await new Promise((r) => setTimeout(r, 200))
    expect([isAlive(pids.watched), isAlive(pids.released)]).toEqual([true, true])
    parent.kill('SIGKILL')
    const until = Date.now() + 5000
    while (isAlive(pids.watched) && Date.now() < until) await new Promise((r) => setTimeout(r, 50))
    expect(isAlive(pids.watched)).toBe(false)
    expect(isAlive(pids.released)).toBe(true)
    process.kill(pids.released, 'SIGKILL')
  })
})
