// The ONE place ffmpeg and ffprobe processes are started. fluent-ffmpeg is confined to this file: the pure
// builders in ./args produce exact argument arrays and this runner executes them through fluent-ffmpeg's
// spawner, adding progress, cancellation, a stderr tail in errors and a registry to stop everything on quit.
import type { ChildProcess } from 'node:child_process'
import { createInterface } from 'node:readline'
import Ffmpeg from 'fluent-ffmpeg'
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

interface SpawningCommand {
  _getFfmpegPath(cb: (err: Error | null, path: string) => void): void
  _spawnFfmpeg(
    args: string[],
    options: Record<string, unknown>,
    processCb: (proc: ChildProcess) => void,
    endCb: (err: Error | null, stdoutRing: unknown, stderrRing: { get(): string }) => void,
  ): void
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
  const named = /(?:writing trailer of|closing file|opening output file|writing header of)\s+(.+?):\s*No space left on device/i.exec(stderr)?.[1]
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
    const { signal, onProgress, captureStdout = false, onStdout } = options
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
      const command = Ffmpeg() as unknown as SpawningCommand
      // Per-command binary path: fluent-ffmpeg's setFfmpegPath is process-global.
      command._getFfmpegPath = (cb) => cb(null, binaries[tool])
      const stdoutChunks: Buffer[] = []
      let proc: ChildProcess | undefined
      let killTimer: NodeJS.Timeout | undefined

      const onAbort = (): void => {
        if (!proc || proc.exitCode !== null) return
        proc.kill('SIGTERM')
        killTimer = setTimeout(() => proc?.kill('SIGKILL'), 2000)
      }
      controller.signal.addEventListener('abort', onAbort, { once: true })

      command._spawnFfmpeg(
        [...args],
        { windowsHide: true, stdoutLines: STDERR_TAIL_LINES, env },
        (p) => {
          proc = p
          if (p.pid !== undefined) guard.watch(p.pid)
          if (controller.signal.aborted) onAbort()
          if (onStdout) {
            p.stdout?.on('data', onStdout)
          } else if (captureStdout) {
            p.stdout?.on('data', (chunk: Buffer) => stdoutChunks.push(chunk))
          } else if (progressOnStdout && onProgress && p.stdout) {
            const parse = createProgressParser()
            createInterface({ input: p.stdout }).on('line', (line) => {
              const snapshot = parse(line)
              if (snapshot) onProgress(snapshot)
            })
          } else {
            p.stdout?.resume()
          }
        },
        (err, _stdoutRing, stderrRing) => {
          if (killTimer) clearTimeout(killTimer)
          if (proc?.pid !== undefined) guard.release(proc.pid)
          live.delete(controller)
          signal?.removeEventListener('abort', onOuterAbort)
          const stderr = stderrRing?.get?.() ?? ''
          const crashSignal = proc?.signalCode ?? null
          if (controller.signal.aborted) {
            reject(new AppError('CANCELLED', 'Cancelled.'))
          } else if (err && (err as NodeJS.ErrnoException).code === 'ENOENT' && !proc?.pid) {
            reject(
              new AppError('FFMPEG_MISSING', `${tool} could not be started (${binaries[tool]} not found).`, {
                cause: err,
              }),
            )
          } else if (err && crashSignal) {
            reject(
              new AppError('FFMPEG', `${tool} crashed (${crashSignal}) instead of finishing: a fault in ${tool} itself, not an answer about the file.`, {
                cause: { crashSignal, error: err },
              }),
            )
          } else if (err) {
            const tail = stderrTail(stderr)
            const kind = classifyFfmpegFailure(stderr)
            const full = kind === 'DISK_FULL' ? fullDiskTarget(stderr, args) : null
            reject(
              full !== null
                ? diskFullError(full, err)
                : new AppError(kind, `${tool} failed: ${tail || err.message}`, { cause: err }),
            )
          } else {
            resolve({ stdout: Buffer.concat(stdoutChunks), stderr })
          }
        },
      )
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
