// What each CLI command does, with the same services as the app. Every function reports through the Reporter
// and throws AppError on failure (main turns it into the exit code and the error's sentence).
import { copyFile, mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { basename, dirname, extname, join, resolve } from 'node:path'
import { AppError, isAppError } from '../../shared/domain/errors'
import type { ExportPresetId, ExportResult } from '../../shared/domain/export'
import type { GenerationRequest } from '../../shared/domain/generation'
import type { Project, Take } from '../../shared/domain/project'
import { formatCost } from '../jobs/cost'
import type { GenerateUpdate } from '../jobs/generateProgress'
import { writeAtomically } from '../media/atomicOutput'
import { assertFileCanBeWritten } from '../media/destination'
import { explainingFsErrors } from '../media/fsErrors'
import { planGeneratedSound } from '../media/exportPlan'
import { importAsset } from '../media/importAsset'
import { clearLeftover, noteLeftover } from '../media/leftovers'
import { openProjectFile } from '../project/projectFile'
import {
  baseUrlEnvName,
  keyEnvName,
  keyFromEnv,
  resolveBaseUrl,
  resolveConcurrency,
  type Env,
} from '../providers/registry'
import { presetFor, type CliCommand } from './args'
import { batchOutputs } from './batchOutputs'
import { outOfRangeNotes } from './paramNotes'
import { type CliEvent, type Reporter, takeEvent } from './output'
import { singleClipProject, textBedProject } from './project'
import type { CliServices } from './services'

export const VIDEO_EXTENSIONS = ['.mp4', '.mov', '.m4v', '.mkv', '.webm', '.avi']

export interface CommandContext {
  svc: CliServices
  out: Reporter
  signal: AbortSignal
  env: Env
  now: () => Date
}

const progressEvent = (u: GenerateUpdate, file?: string): CliEvent => ({
  type: 'progress',
  phase: 'generate',
  stage: u.stage,
  progress: u.progress,
  ...(u.queuePosition !== undefined ? { queuePosition: u.queuePosition } : {}),
  ...(file ? { file } : {}),
})

async function generateTakes(ctx: CommandContext, request: GenerationRequest, file?: string): Promise<Take[]> {
  const provider = ctx.svc.providers.get(request.params.provider)
  for (const text of outOfRangeNotes(request.params, provider.capabilities, provider.label))
    ctx.out.event({ type: 'message', text, ...(file ? { file } : {}) })
  const estimate = ctx.svc.generate.estimate(request)
  ctx.out.event({
    type: 'estimate',
    calls: estimate.calls,
    billedSec: estimate.billedSec,
    usd: estimate.usd,
    text: formatCost(estimate),
  })
  const { takes } = await ctx.svc.generate.run(request, {
    signal: ctx.signal,
    onUpdate: (u) => {
      ctx.out.event(progressEvent(u, file))
      if (u.message) ctx.out.event({ type: 'message', text: u.message, ...(file ? { file } : {}) })
    },
  })
  return takes
}

/**
 * Writes take 1 to `firstTo` (text mode) or leaves it in the output MP4 (firstTo null), and every later take
 * as a WAV beside `output`: out.take2.wav, out.take3.wav … Each is announced with its path.
 */
async function keepTakes(
  ctx: CommandContext,
  takes: readonly Take[],
  output: string,
  firstTo: string | null,
  file?: string,
  write: (take: Take, tempPath: string) => Promise<unknown> = (take, temp) => copyFile(take.path, temp),
): Promise<void> {
  const stem = join(dirname(output), basename(output, extname(output)))
  for (const [i, take] of takes.entries()) {
    let path = take.path
    if (i === 0 && firstTo) path = firstTo
    if (i > 0) path = `${stem}.take${i + 1}.wav`
    if (path !== take.path) await writeAtomically(path, (temp) => write(take, temp))
    ctx.out.event(takeEvent(take, i, path, file))
  }
}

export async function generateVideo(
  ctx: CommandContext,
  cmd: Extract<CliCommand, { kind: 'generate' }> | Omit<Extract<CliCommand, { kind: 'generate' }>, 'kind'>,
  file?: string,
): Promise<{ output: string; takes: Take[] }> {
  // Refuse what would fail at export before anything is paid for.
  const preset = presetFor(cmd.loudness)
  if (resolve(cmd.output) === resolve(cmd.video)) {
    throw new AppError('BAD_INPUT', 'The output would overwrite the input video. Choose another -o path.', {
      field: 'output',
    })
  }
  const asset = await importAsset(ctx.svc.runner, cmd.video, ctx.signal)
  const fromSec = cmd.fromSec ?? 0
  const toSec = Math.min(cmd.toSec ?? asset.durationSec, asset.durationSec)
  if (fromSec >= asset.durationSec) {
    throw new AppError(
      'BAD_INPUT',
      `--from ${fromSec} is past the end of "${asset.name}" (${asset.durationSec.toFixed(2)} s).`,
      { field: 'from' },
    )
  }
  if (toSec <= fromSec) throw new AppError('BAD_INPUT', '--to must be after --from.', { field: 'to' })
  if (cmd.toSec !== null && cmd.toSec > asset.durationSec)
    ctx.out.event({
      type: 'message',
      text: `--to ${cmd.toSec} is past the end of "${asset.name}" (${asset.durationSec.toFixed(2)} s): the sound runs to its end.`,
      ...(file ? { file } : {}),
    })
  const output = resolve(cmd.output)
  await assertFileCanBeWritten(output, 'output')
  await explainingFsErrors(output, () => mkdir(dirname(output), { recursive: true }))
  const projectWith = (takes: Take[]) =>
    singleClipProject({
      asset,
      fromSec,
      toSec,
      params: cmd.params,
      takes,
      original: cmd.original,
      now: ctx.now().toISOString(),
    })
  // Whatever would make the export or the pack fail is found now, before the generation is paid for.
  await ctx.svc.exports.check(projectWith([]), { destinationPath: output, preset })
  if (cmd.handoff) await ctx.svc.handoff.check(projectWith([]), cmd.handoff)
  const takes = await generateTakes(
    ctx,
    { source: { path: asset.path, inSec: fromSec, outSec: toSec }, params: cmd.params },
    file,
  )
  const project = projectWith(takes)
  const result = await exportWithProgress(ctx, project, output, preset, file)
  await keepTakes(ctx, takes, output, null, file)
  ctx.out.event(exportResultEvent(output, result, { fromSec, toSec }))
  if (cmd.handoff) await writeHandoff(ctx, project, cmd.handoff, file)
  return { output, takes }
}

/** Exports a project to `output`, its progress said as it goes (for `file` when the run covers several). */
export function exportWithProgress(
  ctx: CommandContext,
  project: Project,
  output: string,
  preset: ExportPresetId,
  file?: string,
): Promise<ExportResult> {
  return ctx.svc.exports.run(
    project,
    { destinationPath: output, preset },
    {
      signal: ctx.signal,
      onProgress: (stage, progress) =>
        ctx.out.event({ type: 'progress', phase: 'export', stage, progress, ...(file ? { file } : {}) }),
    },
  )
}

/** The event that announces a written MP4: where, how long, how loud, and whatever else the command adds. */
export function exportResultEvent(output: string, result: ExportResult, more: Record<string, unknown> = {}): CliEvent {
  return { type: 'result', output, durationSec: result.durationSec, integratedLufs: result.integratedLufs, ...more }
}

/** The hand-off pack of a project into a folder, with progress, announced with what it holds. */
export async function writeHandoff(
  ctx: CommandContext,
  project: Project,
  folder: string,
  file?: string,
): Promise<void> {
  const pack = await ctx.svc.handoff.run(project, resolve(folder), {
    signal: ctx.signal,
    onProgress: (stage, progress) =>
      ctx.out.event({ type: 'progress', phase: 'handoff', stage, progress, ...(file ? { file } : {}) }),
  })
  ctx.out.event({
    type: 'handoff',
    folder: pack.folder,
    files: pack.files,
    soundFiles: pack.soundFiles,
    stems: pack.stems,
  })
}

export async function generateText(ctx: CommandContext, cmd: Extract<CliCommand, { kind: 'text' }>): Promise<void> {
  const output = resolve(cmd.output)
  const { params, durationSec } = cmd
  // A loop is one window, generated once and repeated over the whole length.
  const askSec = params.loop ? Math.min(durationSec, params.windowSec) : durationSec
  // Whatever would keep the WAV from being written is found now, before the generation is paid for.
  await assertFileCanBeWritten(output, 'output')
  const takes = await generateTakes(ctx, { durationSec: askSec, params })
  await explainingFsErrors(output, () => mkdir(dirname(output), { recursive: true }))
  if (!params.loop) {
    await keepTakes(ctx, takes, output, output)
    ctx.out.event({ type: 'result', output, durationSec: takes[0]!.durationSec })
    return
  }
  const now = ctx.now().toISOString()
  await keepTakes(ctx, takes, output, output, undefined, (take, temp) =>
    renderSound(ctx, textBedProject({ take, lengthSec: durationSec, params, now }), durationSec, temp),
  )
  ctx.out.event({ type: 'result', output, durationSec })
}

/** Renders a picture-less project's generated sound to a WAV (its graph script, if long, in a scratch folder). */
async function renderSound(
  ctx: CommandContext,
  project: Project,
  lengthSec: number,
  outputPath: string,
): Promise<void> {
  const workDir = await mkdtemp(join(tmpdir(), 'mmaudio-sound-'))
  noteLeftover(workDir)
  try {
    const pass = planGeneratedSound(project, lengthSec, outputPath, { workDir })
    for (const f of pass.files) await writeFile(f.path, f.text)
    await ctx.svc.runner.ffmpeg(pass.args, { signal: ctx.signal })
  } finally {
    await rm(workDir, { recursive: true, force: true })
    clearLeftover(workDir)
  }
}

export async function batch(ctx: CommandContext, cmd: Extract<CliCommand, { kind: 'batch' }>): Promise<number> {
  const folder = resolve(cmd.folder)
  const names = await readdir(folder).catch((cause: unknown) => {
    throw new AppError('FILE_NOT_FOUND', `Cannot read the folder "${folder}".`, { cause })
  })
  const videos = names.filter((n) => VIDEO_EXTENSIONS.includes(extname(n).toLowerCase()) && !n.startsWith('.')).sort()
  if (videos.length === 0)
    throw new AppError('BAD_INPUT', `"${folder}" holds no videos (${VIDEO_EXTENSIONS.join(', ')}).`)
  const outDir = resolve(cmd.outDir)
  const outputs = batchOutputs(folder, videos, outDir)
  await explainingFsErrors(outDir, () => mkdir(outDir, { recursive: true }))
  const failures: Array<{ file: string; message: string }> = []
  for (const name of videos) {
    ctx.out.event({ type: 'start', command: 'generate', input: name })
    try {
      await generateVideo(
        ctx,
        {
          video: join(folder, name),
          fromSec: null,
          toSec: null,
          params: cmd.params,
          original: cmd.original,
          loudness: cmd.loudness,
          output: outputs.get(name)!,
          handoff: null,
          json: cmd.json,
        },
        name,
      )
    } catch (error) {
      if (ctx.signal.aborted) throw error
      const data = (isAppError(error) ? error : new AppError('INTERNAL', String(error))).toData()
      failures.push({ file: name, message: data.message })
      ctx.out.event({ type: 'file-failed', file: name, error: data })
    }
  }
  ctx.out.event({ type: 'summary', succeeded: videos.length - failures.length, failed: failures.length, failures })
  return failures.length > 0 ? 1 : 0
}

export async function exportProject(ctx: CommandContext, cmd: Extract<CliCommand, { kind: 'export' }>): Promise<void> {
  const preset = presetFor(cmd.loudness)
  const { project } = await openProjectFile(cmd.projectFile)
  if (cmd.handoff) await ctx.svc.handoff.check(project, cmd.handoff)
  if (cmd.output) {
    const output = resolve(cmd.output)
    const result = await exportWithProgress(ctx, project, output, preset)
    ctx.out.event(exportResultEvent(output, result))
  }
  if (cmd.handoff) await writeHandoff(ctx, project, cmd.handoff)
}

/** PURE apart from reading env: one row per provider. Never the key itself. */
export function providerRows(svc: Pick<CliServices, 'providers'>, env: Env) {
  return svc.providers.list().map((p) => ({
    id: p.id,
    label: p.label,
    videoToAudio: p.capabilities.videoToAudio,
    textToAudio: p.capabilities.textToAudio,
    durationSec: p.capabilities.durationSec,
    priceUsdPerSec: p.capabilities.priceUsdPerSec ?? null,
    concurrency: resolveConcurrency(p, null, env),
    keyEnv: keyEnvName(p.id),
    keySet: keyFromEnv(p.id, env) !== null,
    baseUrl: resolveBaseUrl(p.id, null, env),
    baseUrlEnv: baseUrlEnvName(p.id),
  }))
}

export function listProviders(ctx: CommandContext, json: boolean, write: (s: string) => void): void {
  const rows = providerRows(ctx.svc, ctx.env)
  if (json) {
    for (const row of rows) write(`${JSON.stringify({ type: 'provider', ...row })}\n`)
    return
  }
  for (const r of rows) {
    const modes = [r.videoToAudio ? 'video' : null, r.textToAudio ? 'text' : null].filter(Boolean).join('+')
    const price = r.priceUsdPerSec === null ? 'price not published' : `$${r.priceUsdPerSec}/s`
    write(
      `${r.id.padEnd(12)} ${r.label.padEnd(22)} ${modes.padEnd(10)} ${r.durationSec.min}-${r.durationSec.max} s  ${price.padEnd(20)} ` +
        `${r.concurrency} at a time  key ${r.keySet ? 'set' : 'NOT set'} (${r.keyEnv})${r.baseUrl ? `  via ${r.baseUrl}` : ''}\n`,
    )
  }
}
