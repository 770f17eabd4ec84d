// The harness in its own process, so a test can kill it like a crashed app (SIGKILL) and start it again on the
// same data folder. Run with tsx; options arrive as JSON in HARNESS_OPTIONS; prints `HARNESS_URL <url>`.
import { spawn, type ChildProcess } from 'node:child_process'
import { createInterface } from 'node:readline'
import { fileURLToPath } from 'node:url'
import { startHarness, type HarnessOptions } from './server'

export interface HarnessProcess {
  url: string
  child: ChildProcess
  /** Kills it the way a crash does: no cleanup runs. */
  crash(): Promise<void>
  stop(): Promise<void>
}

const SELF = fileURLToPath(import.meta.url)

export function spawnHarness(options: HarnessOptions): Promise<HarnessProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', SELF], {
    env: { ...process.env, HARNESS_OPTIONS: JSON.stringify(options) },
    stdio: ['ignore', 'pipe', 'inherit'],
  })
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('harness process did not start in 30 s')), 30_000)
    child.once('exit', (code) => reject(new Error(`harness process exited early (${code})`)))
    createInterface({ input: child.stdout! }).on('line', (line) => {
      const m = /^HARNESS_URL (\S+)$/.exec(line)
      if (!m) return
      clearTimeout(timer)
      resolve({
        url: m[1]!,
        child,
        crash: async () => {
          child.kill('SIGKILL')
          await exited
        },
        stop: async () => {
          child.kill('SIGTERM')
          await exited
        },
      })
    })
  })
}

if (process.argv[1] === SELF) {
  const options = JSON.parse(process.env.HARNESS_OPTIONS ?? '{}') as HarnessOptions
  const harness = await startHarness(options)
  process.on('SIGTERM', () => void harness.close().then(() => process.exit(0)))
  console.log(`HARNESS_URL ${harness.url}`)
}
