// The hand-off pack as a job: plans it (pure), writes every timeline's text first in memory (a format that cannot
// describe the timeline stops it before any work), renders each sound file and stem with ffmpeg as a Broadcast
// WAV with its iXML chunk, and moves each file into place atomically. A pack replaces only files an earlier pack
// wrote, never the project's media or anything else already in the folder: its manifest lists what it is about to
// write before it writes it, so a run cancelled or failed half-way can be run again into the same folder.
import { randomUUID } from 'node:crypto'
import { lstat, mkdir, open, readFile, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, relative, resolve, sep } from 'node:path'
import { z } from 'zod'
import { AppError } from '../../shared/domain/errors'
import type { HandoffRequest, HandoffResult } from '../../shared/domain/handoff'
import type { Project } from '../../shared/domain/project'
import { writeAtomically, writeFileAtomically } from '../media/atomicOutput'
import { explainingFsErrors } from '../media/fsErrors'
import { removeScratch, scratchDir } from '../media/leftovers'
import { ixmlChunk, ixmlText, riffSizeField } from '../media/handoff/bwf'
import { packTexts } from '../media/handoff/formats'
import { MANIFEST_NAME, packFolderIn, planHandoff, type HandoffPlan, type SoundFile } from '../media/handoff/plan'
import { soundFilePass } from '../media/handoff/soundArgs'
import { etaSec, progressFraction, type FfmpegProgress } from '../media/ffmpeg/progress'
import type { FfmpegRunner } from '../media/ffmpeg/run'
import { assertFolderCanBeMade } from '../media/destination'
import { clampImpossibleNumbers } from '../project/openChecks'
import { assertNotASource, assertSourcesExist } from './export'
import type { JobRegistry, JobRunOptions } from './jobs'

export interface HandoffService {
  /**
   * Everything that can be known before any work: the timeline, every format's text, the sources, the folder's
   * files. The CLI runs it before it generates (and pays for) anything.
   */
  check(project: Project, packFolder: string): Promise<void>
  /** Starts writing the pack into "<project name> hand-off" inside the chosen folder, as a job. */
  start(project: Project, request: HandoffRequest): { jobId: string }
  /** Writes the pack into `packFolder` itself and resolves with what was written. */
  run(project: Project, packFolder: string, opts?: JobRunOptions): Promise<HandoffResult>
}

export interface HandoffServiceDeps {
  runner: FfmpegRunner
  jobs: JobRegistry
  /** Where graph scripts go; the OS temp folder by default. */
  tmpDir?: string
}

const Manifest = z.object({ files: z.array(z.string()) })

/** A pack file's name in the manifest: relative to the pack, with forward slashes. */
const packName = (folder: string, path: string): string => relative(folder, path).split(sep).join('/')

/** The files earlier packs wrote into this folder (none when there is no readable manifest). */
async function earlierPackFiles(folder: string): Promise<Set<string>> {
  const raw = await readFile(join(folder, MANIFEST_NAME), 'utf8').catch(() => null)
  if (raw === null) return new Set()
  try {
    return new Set([...Manifest.parse(JSON.parse(raw)).files, MANIFEST_NAME])
  } catch {
    return new Set()
  }
}

/** Refuses a folder that holds, under a name the pack would use, something no earlier pack wrote. */
async function assertOnlyOurs(folder: string, ours: ReadonlySet<string>, paths: readonly string[]): Promise<void> {
  for (const path of paths) {
    const rel = packName(folder, path)
    const existing = await lstat(path).catch(() => null)
    if (existing && (!ours.has(rel) || !existing.isFile())) {
      throw new AppError(
        'BAD_INPUT',
        `"${folder}" already holds "${rel}", which no earlier hand-off wrote. A pack never replaces files it did not write: choose another folder.`,
        { field: 'folder' },
      )
    }
  }
}

/** Every file the pack reads: the picture files (for their sound) and the takes that sound. */
function packSources(plan: HandoffPlan): string[] {
  return [...new Set([...plan.picture.map((p) => p.asset.path), ...plan.mix.takes.map((t) => t.path)])]
}

/** Appends a RIFF chunk after the audio and corrects the file's size field. */
async function appendChunk(path: string, chunk: Uint8Array): Promise<void> {
  const file = await open(path, 'r+')
  try {
    const head = new Uint8Array(28)
    await file.read(head, 0, 28, 0)
    const field = riffSizeField(head)
    const { size } = await file.stat()
    await file.write(chunk, 0, chunk.length, size)
    const total = size + chunk.length - 8
    const bytes = new Uint8Array(field.bytes)
    const view = new DataView(bytes.buffer)
    if (field.bytes === 4) view.setUint32(0, total, true)
    else view.setBigUint64(0, BigInt(total), true)
    await file.write(bytes, 0, bytes.length, field.offset)
  } finally {
    await file.close()
  }
}

export function createHandoffService(deps: HandoffServiceDeps): HandoffService {
  const { runner, jobs } = deps

  /** The plan and the timelines' text, after every check that needs no work. */
  async function prepare(given: Project, folder: string) {
    // A clip past the end of its file would be handed off without end; a time beyond a day cannot be true.
    const { project } = clampImpossibleNumbers(given, new Map())
    await assertFolderCanBeMade(folder, 'folder')
    const plan = planHandoff(project, folder)
    const texts = packTexts(plan)
    const audio: SoundFile[] = [...plan.sounds, ...plan.stems]
    const outputs = [...texts.map((t) => t.path), ...audio.map((f) => f.path), join(folder, MANIFEST_NAME)]
    await assertSourcesExist(packSources(plan))
    await assertNotASource(outputs, project)
    const earlier = await earlierPackFiles(folder)
    await assertOnlyOurs(folder, earlier, outputs)
    // What the folder's manifest will list: what earlier packs wrote (still theirs to replace) and this one's files.
    const manifest = [...new Set([...earlier, ...outputs.map((p) => packName(folder, p))])].filter(
      (n) => n !== MANIFEST_NAME,
    )
    return { project, plan, texts, audio, manifest }
  }

  async function run(given: Project, packFolder: string, opts: JobRunOptions = {}): Promise<HandoffResult> {
    const folder = resolve(packFolder)
    const { project, plan, texts, audio, manifest } = await prepare(given, folder)
    await explainingFsErrors(folder, () => mkdir(folder, { recursive: true }))
    await writeFileAtomically(
      join(folder, MANIFEST_NAME),
      `${JSON.stringify({ writtenBy: 'MMAudio Studio', files: manifest }, null, 2)}\n`,
    )

    const throwIfCancelled = (): void => {
      if (opts.signal?.aborted) throw new AppError('CANCELLED', 'Cancelled.')
    }
    const workDir = scratchDir(deps.tmpDir ?? tmpdir(), `handoff-${randomUUID()}`)
    const totalSec = audio.reduce((sum, f) => sum + f.samples, 0) || 1
    let doneSec = 0
    try {
      await explainingFsErrors(workDir, () => mkdir(workDir, { recursive: true }))
      opts.onProgress?.('encoding', 0)
      for (const [i, file] of audio.entries()) {
        throwIfCancelled()
        await writeAtomically(file.path, async (tempPath) => {
          const pass = soundFilePass(project, plan, file, { tempPath, scriptPath: join(workDir, `graph-${i}.txt`) })
          for (const f of pass.files) await explainingFsErrors(f.path, () => writeFile(f.path, f.text))
          await runner.ffmpeg(pass.args, {
            ...(opts.signal ? { signal: opts.signal } : {}),
            onProgress: (p: FfmpegProgress) => {
              const within = progressFraction(p, pass.durationSec) ?? 0
              opts.onProgress?.(
                'encoding',
                Math.min(0.95, (0.95 * (doneSec + within * file.samples)) / totalSec),
                etaSec(p, pass.durationSec) ?? undefined,
              )
            },
          })
          await explainingFsErrors(file.path, () => appendChunk(tempPath, ixmlChunk(ixmlText(plan, file))))
        })
        doneSec += file.samples
      }
      throwIfCancelled()
      opts.onProgress?.('finishing', 0.95)
      for (const t of texts) await writeFileAtomically(t.path, t.text)
      const written = [...texts.map((t) => t.path), ...audio.map((f) => f.path)]
      opts.onProgress?.('finishing', 1, 0)
      return {
        folder,
        files: written,
        soundFiles: plan.sounds.length,
        stems: plan.stems.length,
        durationSec: plan.timelineSec,
      }
    } finally {
      await removeScratch(workDir)
    }
  }

  return {
    run,
    async check(project, packFolder) {
      await prepare(project, resolve(packFolder))
    },
    start(project, request) {
      clampImpossibleNumbers(project, new Map()) // impossible numbers are refused at once, not as a failed job
      const packFolder = packFolderIn(request.folder, project.name)
      const jobId = jobs.start('handoff', async (ctx) => ({
        handoffResult: await run(project, packFolder, {
          signal: ctx.signal,
          onProgress: (stage, progress, eta) =>
            ctx.report({ stage, progress, ...(eta === undefined ? {} : { etaSec: eta }) }),
        }),
      }))
      return { jobId }
    },
  }
}
