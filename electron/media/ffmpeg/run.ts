// The ONE place ffmpeg and ffprobe processes are started. The pure builders in ./args produce exact argument
// arrays; this runner spawns the binary with them (node's child_process, nothing in between) and adds progress
// from `-progress pipe:1`, cancellation through an AbortSignal, the end of stderr in errors, a registry to stop
// everything on quit, and the child watcher that kills them if this process dies first.
import { spawn, type ChildProcess } from 'node:child_process'
import { readdirSync } from 'node:fs'
import { setPriority } from 'node:os'
import { createInterface } from 'node:readline'
import { AppError } from '../../../shared/domain/errors'
import type { Binaries } from '../binaries'
import { diskFullError } from '../fsErrors'
import { processChildGuard, type ChildGuard } from './childGuard'
import { createProgressParser, type FfmpegProgress } from './progress'

export interface RunOptions {
  signal?: AbortSignal
  /** Called for each `-progress` block. Adds `-progress pipe:1 -nostats` to the command. */
  onProgress?: (progress: FfmpegProgress) => void
  /** Collect stdout as bytes (ffprobe JSON, raw PCM) instead of reading progress from it. */
  captureStdout?: boolean
  /** Stream stdout as it arrives (long raw PCM) instead of collecting it; the result's stdout is then empty. */
  onStdout?: (chunk: Buffer) => void
  /** Run at the lowest CPU priority: work done ahead of need must not slow what someone is waiting for. */
  lowPriority?: boolean
  /** The process's id, once it runs (to raise its priority later with raisePriority). */
  onSpawn?: (pid: number) => void
}

export interface RunResult {
  stdout: Buffer
  /** The last lines ffmpeg wrote to stderr (loudnorm's JSON report lands here). */
  stderr: string
}

export interface FfmpegRunner {
  ffmpeg(args: readonly string[], options?: RunOptions): Promise<RunResult>
  ffprobe(args: readonly string[], options?: RunOptions): Promise<RunResult>
  /** Stop every running process (app quit). */
  abortAll(): void
  /** How many processes are running now. */
  running(): number
}

const STDERR_TAIL_LINES = 40
/** The nice value of low-priority work (the lowest there is; Windows maps it to IDLE). */
export const LOW_PRIORITY = 19

/**
 * Back to normal priority: someone now waits for a process started with lowPriority. False when the OS does not
 * allow it (on Linux and macOS only a privileged process may raise a priority again).
 *
 * On Linux a priority belongs to each thread, and ffmpeg's decoding and filtering threads took the low one when
 * they were born: each of them is raised, not only the main thread (raising that alone leaves the work itself
 * starved by anything busy beside it). Threads born while this runs are caught by a further pass.
 */
export function raisePriority(
  pid: number,
  set: typeof setPriority = setPriority,
  threadsOf: (pid: number) => readonly number[] = threadIds,
): boolean {
  try {
    const raised = new Set<number>()
    for (let pass = 0; pass < 4; pass++) {
      const fresh = threadsOf(pid).filter((id) => !raised.has(id))
      if (fresh.length === 0) break
      for (const id of fresh) {
        try {
          set(id, 0)
        } catch (error) {
          // A thread that ended meanwhile needs nothing; anything else (not allowed) is the answer.
          if (id === pid || !isGone(error)) throw error
        }
        raised.add(id)
      }
    }
    return true
  } catch {
    return false
  }
}

const isGone = (error: unknown): boolean => (error as { info?: { code?: string } }).info?.code === 'ESRCH'

/** The ids of a process's threads where each has its own priority (Linux); elsewhere the process's id. */
export function threadIds(pid: number): readonly number[] {
  if (process.platform !== 'linux') return [pid]
  try {
    return readdirSync(`/proc/${pid}/task`).map(Number)
  } catch {
    // Gone already, or no /proc: the process's id still says whether the OS allows it.
    return [pid]
  }
}

/**
 * The last `maxLines` lines of a stream of text, kept as it arrives (a finished line ends in \n, \r\n or a bare
 * \r, which ffmpeg's status line uses); `text()` joins them, the unfinished last line included.
 */
export function createLineRing(maxLines: number): { append(chunk: string): void; text(): string } {
  let lines: string[] = []
  let current: string | null = null
  return {
    append(chunk) {
      if (!chunk) return
      const parts = chunk.split(/\r\n|\r|\n/)
      const first = (current ?? '') + parts.shift()!
      if (parts.length === 0) {
        current = first
        return
      }
      lines.push(first)
      current = parts.pop()!
      lines.push(...parts)
      if (lines.length > maxLines - 1) lines = lines.slice(lines.length - (maxLines - 1))
    },
    text: () => (current === null ? lines : [...lines, current]).join('\n'),
  }
}

/** Maps ffmpeg's own words to a code a person can act on; the tail stays in the message. */
export function classifyFfmpegFailure(stderr: string): 'DISK_FULL' | 'PERMISSION_DENIED' | 'FFMPEG' {
  if (/No space left on device|ENOSPC/i.test(stderr)) return 'DISK_FULL'
  if (/Permission denied|EACCES|Read-only file system/i.test(stderr)) return 'PERMISSION_DENIED'
  return 'FFMPEG'
}

/**
 * The environment ffmpeg and ffprobe run with. On Linux, the static builds the npm packages ship carry their
 * own glibc, and reading MPEG-TS (.mts/.m2ts) makes them load the system's character-set modules (gconv) for
 * DVB service names, which crashes them (SIGSEGV). With GCONV_PATH pointing at no modules, that conversion is
 * simply unavailable and the names are read as they are. PURE.
 */
export function childEnv(env: NodeJS.ProcessEnv, platform: NodeJS.Platform): NodeJS.ProcessEnv {
  return platform === 'linux' ? { ...env, GCONV_PATH: '/dev/null' } : env
}

/** The signal a tool died of when it crashed (not when we stopped it), from a runner error; else null. */
export function crashSignalOf(error: unknown): string | null {
  const cause = (error as { cause?: unknown } | null)?.cause
  const signal = (cause as { crashSignal?: unknown } | null)?.crashSignal
  return typeof signal === 'string' ? signal : null
}

/**
 * The file ffmpeg could not write for lack of space: the one its stderr names ("Error closing file <path>: No
 * space left on device"), else the last output path in its arguments. PURE.
 */
export function fullDiskTarget(stderr: string, args: readonly string[]): string | null {
  const named =
    /(?:writing trailer of|closing file|opening output file|writing header of)\s+(.+?):\s*No space left on device/i.exec(
      stderr,
    )?.[1]
  if (named) return named.trim()
  return [...args].reverse().find((a) => /^(\/|[A-Za-z]:[\\/])/.test(a)) ?? null
}

/** The meaningful end of stderr: progress noise and blank lines dropped. */
export function stderrTail(stderr: string, lines = 8): string {
  return stderr
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l && !/^(frame|size)=/.test(l))
    .slice(-lines)
    .join('\n')
}

export interface RunnerOptions {
  /** Ties every child's life to this process's (the process-wide guard by default). */
  guard?: ChildGuard
  env?: NodeJS.ProcessEnv
  platform?: NodeJS.Platform
}

export function createFfmpegRunner(binaries: Binaries, runnerOptions: RunnerOptions = {}): FfmpegRunner {
  const live = new Set<AbortController>()
  const guard = runnerOptions.guard ?? processChildGuard()
  const env = childEnv(runnerOptions.env ?? process.env, runnerOptions.platform ?? process.platform)

  function run(tool: 'ffmpeg' | 'ffprobe', argsIn: readonly string[], options: RunOptions = {}): Promise<RunResult> {
    const { signal, onProgress, captureStdout = false, onStdout, lowPriority = false, onSpawn } = options
    const progressOnStdout = Boolean(onProgress) && !captureStdout && !onStdout
    const args =
      tool === 'ffmpeg'
        ? ['-hide_banner', '-nostdin', ...(progressOnStdout ? ['-progress', 'pipe:1', '-nostats'] : []), ...argsIn]
        : ['-hide_banner', ...argsIn]
    if (signal?.aborted) return Promise.reject(new AppError('CANCELLED', 'Cancelled.'))

    const controller = new AbortController()
    live.add(controller)
    const onOuterAbort = (): void => controller.abort()
    signal?.addEventListener('abort', onOuterAbort, { once: true })

    return new Promise<RunResult>((resolve, reject) => {
      const stdoutChunks: Buffer[] = []
      const stderrLines = createLineRing(STDERR_TAIL_LINES)
      let proc: ChildProcess | undefined
      let killTimer: NodeJS.Timeout | undefined
      let settled = false

      /** The process is over (or never started): say how it ended, once. */
      const settle = (failure: Error | null, crashSignal: NodeJS.Signals | null): void => {
        if (settled) return
        settled = true
        if (killTimer) clearTimeout(killTimer)
        if (proc?.pid !== undefined) guard.release(proc.pid)
        controller.signal.removeEventListener('abort', onAbort)
        live.delete(controller)
        signal?.removeEventListener('abort', onOuterAbort)
        const stderr = stderrLines.text()
        if (controller.signal.aborted) {
          reject(new AppError('CANCELLED', 'Cancelled.'))
        } else if (failure && (failure as NodeJS.ErrnoException).code === 'ENOENT' && proc?.pid === undefined) {
          reject(
            new AppError('FFMPEG_MISSING', `${tool} could not be started (${binaries[tool]} not found).`, {
              cause: failure,
            }),
          )
        } else if (failure && crashSignal) {
          reject(
            new AppError(
              'FFMPEG',
              `${tool} crashed (${crashSignal}) instead of finishing: a fault in ${tool} itself, not an answer about the file.`,
              {
                cause: { crashSignal, error: failure },
              },
            ),
          )
        } else if (failure) {
          const tail = stderrTail(stderr)
          const kind = classifyFfmpegFailure(stderr)
          const full = kind === 'DISK_FULL' ? fullDiskTarget(stderr, args) : null
          reject(
            full !== null
              ? diskFullError(full, failure)
              : new AppError(kind, `${tool} failed: ${tail || failure.message}`, { cause: failure }),
          )
        } else {
          resolve({ stdout: Buffer.concat(stdoutChunks), stderr })
        }
      }

      // Asked to stop: TERM lets ffmpeg close its files; KILL follows if it has not ended 2 s later.
      function onAbort(): void {
        if (!proc || proc.exitCode !== null || proc.signalCode !== null) return
        proc.kill('SIGTERM')
        killTimer = setTimeout(() => proc?.kill('SIGKILL'), 2000)
      }
      controller.signal.addEventListener('abort', onAbort, { once: true })

      try {
        // stdin is not used (ffmpeg runs with -nostdin): an input named "-" ends at once instead of waiting.
        proc = spawn(binaries[tool], args, { env, windowsHide: true, stdio: ['ignore', 'pipe', 'pipe'] })
      } catch (error) {
        settle(error instanceof Error ? error : new Error(String(error)), null)
        return
      }
      const child = proc
      if (child.pid !== undefined) {
        guard.watch(child.pid)
        if (lowPriority) {
          try {
            setPriority(child.pid, LOW_PRIORITY)
          } catch {
            // Not allowed here: it runs at normal priority, which is only slower for others.
          }
        }
        onSpawn?.(child.pid)
      }
      // A process that could not be started has no pid; one that did reports a failed kill here too.
      child.on('error', (error) => {
        if (child.pid === undefined) settle(error, null)
      })
      child.on('close', (code, crashSignal) => {
        if (crashSignal) settle(new Error(`${tool} was killed with signal ${crashSignal}`), crashSignal)
        else if (code) settle(new Error(`${tool} exited with code ${code}`), null)
        else settle(null, null)
      })
      child.stderr?.setEncoding('utf8')
      child.stderr?.on('data', (chunk: string) => stderrLines.append(chunk))
      if (onStdout) {
        child.stdout?.on('data', onStdout)
      } else if (captureStdout) {
        child.stdout?.on('data', (chunk: Buffer) => stdoutChunks.push(chunk))
      } else if (progressOnStdout && onProgress && child.stdout) {
        const parse = createProgressParser()
        createInterface({ input: child.stdout }).on('line', (line) => {
          const snapshot = parse(line)
          if (snapshot) onProgress(snapshot)
        })
      } else {
        child.stdout?.resume()
      }
      if (controller.signal.aborted) onAbort()
    })
  }

  return {
    ffmpeg: (args, options) => run('ffmpeg', args, options),
    ffprobe: (args, options) => run('ffprobe', args, { captureStdout: true, ...options }),
    abortAll: () => {
      for (const c of live) c.abort()
    },
    running: () => live.size,
  }
}
