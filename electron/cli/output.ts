// How the CLI talks: `--json` writes one JSON object per line to stdout for every event; otherwise a progress
// bar redrawn in place on a terminal (stderr), or one line per stage change when stderr is not a terminal.
// Results go to stdout; errors to stderr as the error's own sentence.
import type { AppErrorData } from '../../shared/domain/errors'
import type { JobStage } from '../../shared/domain/job'
import type { Take } from '../../shared/domain/project'

export type CliEvent =
  | { type: 'start'; command: string; input?: string }
  | { type: 'estimate'; calls: number; billedSec: number; usd: number | null; text: string }
  | {
      type: 'progress'
      phase: 'generate' | 'export' | 'handoff' | 'shots'
      stage: JobStage
      progress: number | null
      queuePosition?: number
      file?: string
    }
  /** Where a video's picture cuts (seconds of the file), at the threshold. */
  | { type: 'shots'; input: string; durationSec: number; threshold: number; cutsSec: number[] }
  | { type: 'message'; text: string; file?: string }
  | {
      type: 'take'
      index: number
      path: string
      seed: number
      provider: string
      requestIds: string[]
      inOutput: boolean
      file?: string
    }
  | { type: 'result'; output: string; [k: string]: unknown }
  | { type: 'handoff'; folder: string; files: string[]; soundFiles: number; stems: number }
  | { type: 'file-failed'; file: string; error: AppErrorData }
  | { type: 'summary'; succeeded: number; failed: number; failures: Array<{ file: string; message: string }> }
  | { type: 'error'; error: AppErrorData }

/** A take the run wrote: where it is, how it was made, and whether it is the one in the MP4 (the first). */
export function takeEvent(
  take: Pick<Take, 'seed' | 'provider' | 'requestIds'>,
  index: number,
  path: string,
  file?: string,
): CliEvent {
  const { seed, provider, requestIds } = take
  return { type: 'take', index, path, seed, provider, requestIds, inOutput: index === 0, ...(file ? { file } : {}) }
}

export interface Reporter {
  event(e: CliEvent): void
  /** Clears a progress line so the next text starts on a clean line. */
  close(): void
}

export interface Streams {
  stdout: { write(s: string): unknown }
  stderr: { write(s: string): unknown; isTTY?: boolean; columns?: number }
}

/** PURE: "generate [#######-------]  42% queued (2 ahead)". */
export function progressLine(e: Extract<CliEvent, { type: 'progress' }>, width = 24): string {
  const p = e.progress === null ? 0 : Math.min(1, Math.max(0, e.progress))
  const filled = Math.round(p * width)
  const queue =
    e.queuePosition === undefined ? '' : e.queuePosition === 0 ? ' (next in line)' : ` (${e.queuePosition} ahead)`
  const file = e.file ? `${e.file}: ` : ''
  const pct = e.progress === null ? ' --%' : `${String(Math.round(p * 100)).padStart(3)}%`
  return `${file}${e.phase} [${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${pct} ${e.stage}${queue}`
}

/** PURE: the human line for a non-progress event, or null when it has none. */
export function humanLine(e: CliEvent): string | null {
  switch (e.type) {
    case 'estimate':
      return `Estimated cost: ${e.text} (${e.calls} provider call${e.calls === 1 ? '' : 's'}).`
    case 'message':
      return e.file ? `${e.file}: ${e.text}` : e.text
    case 'take':
      return `${e.file ? `${e.file}: ` : ''}Take ${e.index + 1} (seed ${e.seed}, ${e.provider})${e.inOutput ? ', used in the output' : ''}: ${e.path}`
    case 'file-failed':
      return `${e.file}: failed — ${e.error.message}`
    case 'summary':
      return `${e.succeeded} succeeded, ${e.failed} failed.${e.failures.map((f) => `\n  ${f.file}: ${f.message}`).join('')}`
    case 'result':
      return `Wrote ${e.output}`
    case 'shots':
      // One cut per line, in seconds: easy to read and to pipe.
      return e.cutsSec.length > 0 ? e.cutsSec.join('\n') : null
    case 'handoff':
      return `Wrote the hand-off pack ${e.folder}: FCPXML, Premiere XML, OTIO, MLT, ${e.soundFiles} sound file${e.soundFiles === 1 ? '' : 's'}, ${e.stems} stems (see its README.txt)`
    default:
      return null
  }
}

export function createReporter(json: boolean, streams: Streams): Reporter {
  if (json) {
    return { event: (e) => void streams.stdout.write(`${JSON.stringify(e)}\n`), close: () => undefined }
  }
  const tty = Boolean(streams.stderr.isTTY)
  let barShown = false
  let lastStage = ''
  const clearBar = (): void => {
    if (barShown) streams.stderr.write('\r\x1b[2K')
    barShown = false
  }
  return {
    event(e) {
      if (e.type === 'progress') {
        const line = progressLine(e)
        if (tty) {
          streams.stderr.write(`\r\x1b[2K${line.slice(0, (streams.stderr.columns || 100) - 1)}`)
          barShown = true
        } else {
          const key = `${e.file ?? ''}|${e.phase}|${e.stage}|${e.queuePosition ?? ''}`
          if (key !== lastStage) streams.stderr.write(`${line}\n`)
          lastStage = key
        }
        return
      }
      if (e.type === 'error') {
        clearBar()
        streams.stderr.write(`Error: ${e.error.message}\n`)
        return
      }
      const line = humanLine(e)
      if (line === null) return
      clearBar()
      const toStdout =
        e.type === 'result' || e.type === 'handoff' || e.type === 'take' || e.type === 'summary' || e.type === 'shots'
      ;(toStdout ? streams.stdout : streams.stderr).write(`${line}\n`)
    },
    close: clearBar,
  }
}
