// Export as a job: checks the inputs, runs the planned ffmpeg passes with progress and cancel, and moves the
// result into place only when everything succeeded. Plain Node; the runner and job registry are passed in.
import { randomUUID } from 'node:crypto'
import { constants } from 'node:fs'
import { access, mkdir, realpath, rename, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { AppError } from '../../shared/domain/errors'
import type { ExportRequest, ExportResult } from '../../shared/domain/export'
import type { JobStage } from '../../shared/domain/job'
import type { Project } from '../../shared/domain/project'
import { tempPathFor } from '../media/atomicOutput'
import { clearLeftover, noteLeftover, removeScratch, scratchDir } from '../media/leftovers'
import { assertReplaceable, assertWritableFolder } from '../media/destination'
import { explainingFsErrors } from '../media/fsErrors'
import { statRegular } from '../media/regularFile'
import { planExport, type ExportPass, type ExportPlan } from '../media/exportPlan'
import { clampImpossibleNumbers } from '../project/openChecks'
import { parseEbur128Summary, parseLoudnormReport, type LoudnessMeasurement } from '../media/ffmpeg/loudnessReport'
import { etaSec, progressFraction, type FfmpegProgress } from '../media/ffmpeg/progress'
import type { FfmpegRunner } from '../media/ffmpeg/run'
import type { JobRegistry, JobRunOptions } from './jobs'

/** Where each stage sits on the export's one bar: JobUpdate.progress is for the whole job. PURE. */
export function exportJobProgress(stage: JobStage, withinStage: number | null, measured: boolean): number | null {
  if (withinStage === null) return null
  const spans: Partial<Record<JobStage, readonly [number, number]>> = measured
    ? { measuring: [0, 0.4], encoding: [0.4, 0.95], finishing: [0.95, 1] }
    : { encoding: [0, 0.95], finishing: [0.95, 1] }
  const [from, to] = spans[stage] ?? [0, 1]
  return from + (to - from) * Math.min(1, Math.max(0, withinStage))
}

export interface ExportService {
  /**
   * Everything that can be known before any work: the plan (timeline, clips), impossible numbers, the sources,
   * the destination folder. The CLI runs it before it generates (and pays for) anything.
   */
  check(project: Project, request: ExportRequest): Promise<void>
  /** Starts the export as a job; progress and the result arrive as job updates. */
  start(project: Project, request: ExportRequest): { jobId: string }
  /** Runs the export and resolves with what was written. */
  run(project: Project, request: ExportRequest, opts?: JobRunOptions): Promise<ExportResult>
}

export interface ExportServiceDeps {
  runner: FfmpegRunner
  jobs: JobRegistry
  /** Where intermediate files go (the mix WAV, graph scripts); the OS temp folder by default. */
  tmpDir?: string
}

/** Every file the export reads must be there, an ordinary file (ffmpeg would wait on a pipe) and readable. */
export async function assertSourcesExist(paths: readonly string[]): Promise<void> {
  for (const path of paths) {
    await statRegular(path, 'a media file')
    await explainingFsErrors(path, () => access(path, constants.R_OK))
  }
}

/** The path with symlinks resolved when it exists, compared case-insensitively where file systems usually are. */
async function identity(path: string): Promise<string> {
  const real = await realpath(path).catch(() => resolve(path))
  return process.platform === 'win32' || process.platform === 'darwin' ? real.toLowerCase() : real
}

/** Every file the project refers to: no export may overwrite one. */
function projectFiles(project: Project): string[] {
  return [...project.assets.map((a) => a.path), ...project.segments.flatMap((s) => s.takes.map((t) => t.path))]
}

export async function assertNotASource(destinations: readonly string[], project: Project): Promise<void> {
  const sources = new Set(await Promise.all(projectFiles(project).map(identity)))
  for (const destination of destinations) {
    if (sources.has(await identity(destination))) {
      throw new AppError(
        'DESTINATION_IS_SOURCE',
        `"${destination}" is one of the project's own files. Choose another name for the export.`,
        { field: 'destinationPath' },
      )
    }
  }
}

function finiteOrNull(n: number): number | null {
  return Number.isFinite(n) ? n : null
}

export function createExportService(deps: ExportServiceDeps): ExportService {
  const { runner, jobs } = deps

  /** Runs one pass; reports its progress within its stage (run() maps it onto the whole job) unless `quiet`. */
  async function runPass(pass: ExportPass, opts: JobRunOptions, quiet = false): Promise<string> {
    for (const file of pass.files) await explainingFsErrors(file.path, () => writeFile(file.path, file.text))
    const [from, to] = pass.progressSpan ?? [0, 1]
    const report = quiet ? undefined : opts.onProgress
    report?.(pass.stage, from)
    const { stderr } = await runner.ffmpeg(pass.args, {
      ...(opts.signal ? { signal: opts.signal } : {}),
      ...(report
        ? {
            onProgress: (p: FfmpegProgress) => {
              const fraction = progressFraction(p, pass.durationSec)
              report(
                pass.stage,
                fraction === null ? null : from + (to - from) * fraction,
                etaSec(p, pass.durationSec) ?? undefined,
              )
            },
          }
        : {}),
    })
    return stderr
  }

  /** Runs passes side by side; waits for all of them, then fails with the first failure. */
  async function runTogether(passes: Array<() => Promise<string>>): Promise<string[]> {
    const settled = await Promise.allSettled(passes.map((p) => p()))
    const failed = settled.find((r): r is PromiseRejectedResult => r.status === 'rejected')
    if (failed) throw failed.reason
    return settled.map((r) => (r as PromiseFulfilledResult<string>).value)
  }

  /** The plan for a project whose numbers were checked, after every check that needs no work. */
  async function prepare(
    given: Project,
    request: ExportRequest,
    workDir: string,
  ): Promise<{ project: Project; plan: ExportPlan }> {
    // A clip past the end of its file would export without end; a time beyond a day cannot be true.
    const { project } = clampImpossibleNumbers(given, new Map())
    const plan = planExport(project, request, { workDir, tempFor: tempPathFor })
    await assertSourcesExist(plan.sources)
    await assertNotASource(
      plan.outputs.map((o) => o.finalPath),
      project,
    )
    for (const { finalPath } of plan.outputs) await assertReplaceable(finalPath)
    for (const folder of new Set(plan.outputs.map((o) => dirname(o.finalPath)))) await assertWritableFolder(folder)
    return { project, plan }
  }

  async function run(given: Project, request: ExportRequest, options: JobRunOptions = {}): Promise<ExportResult> {
    const workDir = scratchDir(deps.tmpDir ?? tmpdir(), `export-${randomUUID()}`)
    const { plan } = await prepare(given, request, workDir)
    const measured = plan.first.stage === 'measuring'
    const opts: JobRunOptions = {
      ...options,
      ...(options.onProgress
        ? {
            onProgress: (stage, withinStage, eta) =>
              options.onProgress!(stage, exportJobProgress(stage, withinStage, measured), eta),
          }
        : {}),
    }
    const finals = plan.outputs.map((o) => o.finalPath)

    const throwIfCancelled = (): void => {
      if (opts.signal?.aborted) throw new AppError('CANCELLED', 'Cancelled.')
    }
    for (const { tempPath } of plan.outputs) noteLeftover(tempPath)
    try {
      throwIfCancelled()
      await explainingFsErrors(workDir, () => mkdir(workDir, { recursive: true }))
      const firstLog = await runPass(plan.first, opts)
      let written: LoudnessMeasurement | null = null
      if (plan.second) {
        throwIfCancelled()
        await runPass(plan.second(parseLoudnormReport(firstLog)), opts)
      }
      if (plan.third && plan.check) {
        throwIfCancelled()
        const [, checkLog] = await runTogether([
          () => runPass(plan.third!, opts),
          () => runPass(plan.check!, opts, true),
        ])
        written = parseEbur128Summary(checkLog!)
      }
      throwIfCancelled()
      opts.onProgress?.('finishing', 1, 0)
      for (const { tempPath, finalPath } of plan.outputs) {
        await explainingFsErrors(finalPath, () => rename(tempPath, finalPath))
      }
      return {
        paths: finals,
        durationSec: plan.timelineSec,
        videoCopied: plan.videoCopied,
        integratedLufs: written ? finiteOrNull(written.integratedLufs) : null,
        truePeakDbtp: written ? finiteOrNull(written.truePeakDbtp) : null,
      }
    } finally {
      await Promise.all([
        ...plan.outputs.map((o) =>
          rm(o.tempPath, { force: true }).then(
            () => clearLeftover(o.tempPath),
            () => undefined,
          ),
        ),
        removeScratch(workDir),
      ])
    }
  }

  return {
    run,
    async check(project, request) {
      await prepare(project, request, join(deps.tmpDir ?? tmpdir(), 'not-made'))
    },
    start(project, request) {
      clampImpossibleNumbers(project, new Map()) // impossible numbers are refused at once, not as a failed job
      const jobId = jobs.start('export', async (ctx) => ({
        exportResult: await run(project, request, {
          signal: ctx.signal,
          onProgress: (stage, progress, eta) =>
            ctx.report({ stage, progress, ...(eta === undefined ? {} : { etaSec: eta }) }),
        }),
      }))
      return { jobId }
    },
  }
}
