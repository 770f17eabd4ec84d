// Shots on the command line: `shots <video>` prints where the picture cuts; `generate … --by-shots` generates one
// segment per shot of the range (all at once: the queue keeps each provider's concurrency) and exports them
// together, as "By shots" and "Generate all" do in the app. The scan is cached by content hash beside the CLI's
// other caches, so a second run over the same file decodes nothing.
import { copyFile, mkdir } from 'node:fs/promises'
import { basename, dirname, extname, join, resolve } from 'node:path'
import type { Asset } from '../../shared/domain/asset'
import { AppError, isAppError } from '../../shared/domain/errors'
import { type GenerationRequest, totalCost } from '../../shared/domain/generation'
import type { Segment, Take } from '../../shared/domain/project'
import { shotCuts, shotsIn } from '../../shared/domain/shots'
import { formatCost } from '../jobs/cost'
import { writeAtomically } from '../media/atomicOutput'
import { explainingFsErrors } from '../media/fsErrors'
import { importAsset } from '../media/importAsset'
import { analyseShots } from '../media/shots'
import { type CliCommand, presetFor } from './args'
import { type CommandContext, exportResultEvent, exportWithProgress, writeHandoff } from './commands'
import { singleClipProject } from './project'
import { takeEvent } from './output'

type GenerateCommand = Extract<CliCommand, { kind: 'generate' }>

/** The video's cuts at `threshold` (seconds of the file), with progress while its picture is scanned. */
async function cutsOf(
  ctx: CommandContext,
  video: string,
  threshold: number,
): Promise<{ asset: Asset; cutsSec: number[] }> {
  const asset = await importAsset(ctx.svc.runner, video, ctx.signal)
  const analysis = await analyseShots(ctx.svc.runner, {
    path: asset.path,
    cacheDir: join(ctx.svc.home, 'media-cache'),
    signal: ctx.signal,
    onProgress: (progress) => ctx.out.event({ type: 'progress', phase: 'shots', stage: 'measuring', progress }),
  })
  return { asset, cutsSec: shotCuts(analysis, { threshold }) }
}

export async function printShots(ctx: CommandContext, cmd: Extract<CliCommand, { kind: 'shots' }>): Promise<void> {
  const { asset, cutsSec } = await cutsOf(ctx, cmd.video, cmd.threshold)
  if (cutsSec.length === 0)
    ctx.out.event({
      type: 'message',
      text: `No cuts in "${asset.name}" at threshold ${cmd.threshold}: it is one shot (a lower --threshold finds softer cuts).`,
    })
  ctx.out.event({ type: 'shots', input: asset.path, durationSec: asset.durationSec, threshold: cmd.threshold, cutsSec })
}

/**
 * One segment per shot of the range, each generated, all exported in one MP4 (extra takes as WAVs beside it).
 * Returns the exit code: 1 when a shot failed (it is silent in the output; the others are used, nothing is paid twice).
 */
export async function generateByShots(ctx: CommandContext, cmd: GenerateCommand, threshold: number): Promise<number> {
  const preset = presetFor(cmd.loudness)
  if (resolve(cmd.output) === resolve(cmd.video)) {
    throw new AppError('BAD_INPUT', 'The output would overwrite the input video. Choose another -o path.', {
      field: 'output',
    })
  }
  const { asset, cutsSec } = await cutsOf(ctx, cmd.video, threshold)
  const fromSec = cmd.fromSec ?? 0
  const toSec = Math.min(cmd.toSec ?? asset.durationSec, asset.durationSec)
  if (toSec <= fromSec) {
    throw new AppError('BAD_INPUT', `--from ${fromSec} is not before the end of the range (${toSec.toFixed(2)} s).`, {
      field: 'from',
    })
  }
  const shots = shotsIn(cutsSec, fromSec, toSec)
  const output = resolve(cmd.output)
  await explainingFsErrors(output, () => mkdir(dirname(output), { recursive: true }))
  const now = ctx.now().toISOString()
  const projectWith = (takes: readonly Take[][]) => {
    const base = singleClipProject({
      asset,
      fromSec,
      toSec,
      params: cmd.params,
      takes: [],
      original: cmd.original,
      now,
    })
    const segments: Segment[] = shots.map((shot, i) => ({
      id: `shot-${i + 1}`,
      anchor: { kind: 'source', assetId: asset.id, inSec: shot.startSec, outSec: shot.endSec },
      lane: 0,
      params: cmd.params,
      takes: [...(takes[i] ?? [])],
      activeTakeId: takes[i]?.[0]?.id ?? null,
    }))
    return { ...base, segments }
  }
  // Whatever would make the export or the pack fail is found now, before anything is paid for.
  await ctx.svc.exports.check(projectWith([]), { destinationPath: output, preset })
  if (cmd.handoff) await ctx.svc.handoff.check(projectWith([]), cmd.handoff)

  const requests: GenerationRequest[] = shots.map((shot, i) => ({
    segmentId: `shot-${i + 1}`,
    source: { path: asset.path, inSec: shot.startSec, outSec: shot.endSec },
    params: cmd.params,
  }))
  const total = totalCost(requests.map((r) => ctx.svc.generate.estimate(r)))
  ctx.out.event({
    type: 'message',
    text: `${shots.length} shot${shots.length === 1 ? '' : 's'}: ${shots.map((s) => `${s.startSec}–${s.endSec} s`).join(', ')}`,
  })
  ctx.out.event({
    type: 'estimate',
    calls: total.calls,
    billedSec: total.billedSec,
    usd: total.usd,
    text: formatCost(total),
  })
  const progress = requests.map(() => 0)
  const settled = await Promise.allSettled(
    requests.map((request, i) =>
      ctx.svc.generate.run(request, {
        signal: ctx.signal,
        onUpdate: (u) => {
          progress[i] = u.progress ?? progress[i]!
          const mean = progress.reduce((a, b) => a + b, 0) / progress.length
          ctx.out.event({ type: 'progress', phase: 'generate', stage: u.stage, progress: mean })
        },
      }),
    ),
  )
  // A shot that failed is said and left silent; the others were paid for and are used (exit code 1 says so).
  const failures = settled.flatMap((r, i) => {
    if (r.status === 'fulfilled') return []
    if (ctx.signal.aborted) throw r.reason
    const error = (isAppError(r.reason) ? r.reason : new AppError('INTERNAL', String(r.reason))).toData()
    ctx.out.event({ type: 'file-failed', file: `shot ${i + 1}`, error })
    return [{ file: `shot ${i + 1}`, message: error.message }]
  })
  if (failures.length === shots.length) throw (settled[0] as PromiseRejectedResult).reason
  const takes = settled.map((r) => (r.status === 'fulfilled' ? r.value.takes : []))
  const project = projectWith(takes)
  const result = await exportWithProgress(ctx, project, output, preset)
  const stem = join(dirname(output), basename(output, extname(output)))
  for (const [s, shotTakes] of takes.entries()) {
    for (const [i, take] of shotTakes.entries()) {
      const path = i === 0 ? take.path : `${stem}.shot${s + 1}.take${i + 1}.wav`
      if (i > 0) await writeAtomically(path, (temp) => copyFile(take.path, temp))
      ctx.out.event(takeEvent(take, i, path, `shot ${s + 1}`))
    }
  }
  ctx.out.event(exportResultEvent(output, result, { fromSec, toSec, shots }))
  if (cmd.handoff) await writeHandoff(ctx, project, cmd.handoff)
  if (failures.length === 0) return 0
  ctx.out.event({ type: 'summary', succeeded: shots.length - failures.length, failed: failures.length, failures })
  return 1
}
