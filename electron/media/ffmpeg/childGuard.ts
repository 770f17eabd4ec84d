// ffmpeg and ffprobe must not outlive the app or the CLI that started them, however it ends (a crash, SIGKILL,
// the task manager). No OS ties a child's life to its parent's on all three platforms, so one small watcher
// process per app/CLI process does: it reads the pids of the running children from a pipe ("+123", "-123"), and
// when that pipe ends (the OS closes it when its parent dies, for whatever reason) it kills every pid still
// listed and exits. It runs our own runtime (node, or Electron as node) and ignores the signals a terminal or a
// process group would send, so it outlives the parent long enough to act.
import { spawn, type ChildProcess } from 'node:child_process'

/** The watcher's whole program. Kept free of dependencies: it runs as `node -e`. */
export const WATCHER_SCRIPT = `
const pids = new Set()
for (const s of ['SIGINT', 'SIGTERM', 'SIGHUP']) { try { process.on(s, () => {}) } catch {} }
let rest = ''
process.stdin.setEncoding('utf8')
process.stdin.on('data', (chunk) => {
  const lines = (rest + chunk).split('\\n')
  rest = lines.pop()
  for (const line of lines) {
    const pid = Number(line.slice(1))
    if (!Number.isInteger(pid) || pid <= 0) continue
    if (line[0] === '+') pids.add(pid)
    else if (line[0] === '-') pids.delete(pid)
  }
})
const end = () => {
  for (const pid of pids) { try { process.kill(pid, 'SIGKILL') } catch {} }
  process.exit(0)
}
process.stdin.on('end', end)
process.stdin.on('error', end)
`

export interface ChildGuard {
  /** The child dies with this process from now on. */
  watch(pid: number): void
  /** The child has ended (or is ours to stop again): forget it. */
  release(pid: number): void
}

export interface ChildGuardOptions {
  /** The runtime that runs the watcher: this process's own node (or Electron, run as node). */
  execPath?: string
  env?: NodeJS.ProcessEnv
  platform?: NodeJS.Platform
}

export function createChildGuard(options: ChildGuardOptions = {}): ChildGuard {
  const platform = options.platform ?? process.platform
  let watcher: ChildProcess | null = null

  function ensure(): ChildProcess | null {
    if (watcher && watcher.exitCode === null && watcher.signalCode === null && watcher.stdin?.writable) return watcher
    try {
      const child = spawn(options.execPath ?? process.execPath, ['-e', WATCHER_SCRIPT], {
        stdio: ['pipe', 'ignore', 'ignore'],
        env: { ...(options.env ?? process.env), ELECTRON_RUN_AS_NODE: '1' },
        windowsHide: true,
        // Its own process group on POSIX, so a signal to ours (Ctrl-C, kill -TERM -pgid) does not reach it first.
        detached: platform !== 'win32',
      })
      child.on('error', () => {
        if (watcher === child) watcher = null
      })
      child.stdin?.on('error', () => undefined)
      // Neither the watcher nor its pipe keeps this process alive.
      child.unref()
      ;(child.stdin as unknown as { unref?: () => void } | null)?.unref?.()
      watcher = child
      return child
    } catch {
      watcher = null
      return null
    }
  }

  return {
    watch: (pid) => {
      ensure()?.stdin?.write(`+${pid}\n`)
    },
    release: (pid) => {
      // A watcher that is gone has nothing to forget.
      if (watcher?.stdin?.writable) watcher.stdin.write(`-${pid}\n`)
    },
  }
}

let shared: ChildGuard | undefined
/** The one guard of this process (created on first use). */
export function processChildGuard(): ChildGuard {
  shared ??= createChildGuard()
  return shared
}
