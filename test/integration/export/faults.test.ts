// Exports that cannot or must not finish: each gives its own error code and leaves no partial file behind.
import { execFileSync } from 'node:child_process'
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { JobUpdate } from '../../../shared/domain/job'
import type { Project } from '../../../shared/domain/project'
import { createExportService, exportJobProgress } from '../../../electron/jobs/export'
import { createJobRegistry } from '../../../electron/jobs/jobs'
import { createFfmpegRunner } from '../../../electron/media/ffmpeg/run'
import { testBinaries } from '../../fixtures/media'
import { twoClipTimeline } from '../../fixtures/exportProject'

const root = mkdtempSync(join(tmpdir(), 'export-faults-'))
const mounts: string[] = []

/** A tmpfs of its own (we run as root here and in CI): a tiny one for a full disk, a read-only one. */
function mountTmpfs(name: string, options: string): string {
  const dir = join(root, name)
  mkdirSync(dir)
  execFileSync('mount', ['-t', 'tmpfs', '-o', options, 'tmpfs', dir])
  mounts.push(dir)
  return dir
}

afterAll(() => {
  for (const dir of mounts) execFileSync('umount', [dir])
  rmSync(root, { recursive: true, force: true })
})

const runner = createFfmpegRunner(testBinaries())
const jobs = createJobRegistry()
const service = createExportService({ runner, jobs, tmpDir: root })
let project: Project
/** The whole first asset as one clip: a stream copy, so the output is as big as the source (~0.5 MB). */
let wholeClip: Project

beforeAll(async () => {
  project = await twoClipTimeline()
  const asset = project.assets[0]!
  wholeClip = { ...project, clips: [{ id: 'c', assetId: asset.id, startSec: 0, inSec: 0, outSec: asset.durationSec }] }
})

describe('export faults', () => {
  it('a read-only destination folder: PERMISSION_DENIED, nothing written', async () => {
    const readOnly = mountTmpfs('read-only', 'ro,size=64k')
    await expect(
      service.run(project, { destinationPath: join(readOnly, 'film.mp4'), preset: 'web' }),
    ).rejects.toMatchObject({
      code: 'PERMISSION_DENIED',
    })
    expect(readdirSync(readOnly)).toEqual([])
  })

  it('a full disk: DISK_FULL, no partial file, and the file already there is untouched', async () => {
    const tiny = mountTmpfs('full', 'size=256k')
    writeFileSync(join(tiny, 'film.mp4'), 'the previous export')
    await expect(
      service.run(wholeClip, { destinationPath: join(tiny, 'film.mp4'), preset: 'web' }),
    ).rejects.toMatchObject({
      code: 'DISK_FULL',
    })
    expect(readdirSync(tiny)).toEqual(['film.mp4'])
    expect(readFileSync(join(tiny, 'film.mp4'), 'utf8')).toBe('the previous export')
    expect(runner.running()).toBe(0)
  })

  it('impossible numbers: a clip far past its file (outSec 1e6) exports only the file; startSec 1e308 is a sentence, not INTERNAL', async () => {
    const asset = wholeClip.assets[0]!
    const endless = { ...wholeClip, clips: [{ ...wholeClip.clips[0]!, outSec: 1e6 }] }
    const out = join(root, 'endless.mp4')
    const started = Date.now()
    const result = await service.run(endless, { destinationPath: out, preset: 'web' })
    expect(result.durationSec).toBeCloseTo(asset.durationSec, 1)
    expect(Date.now() - started).toBeLessThan(30_000)
    const far = { ...wholeClip, clips: [{ ...wholeClip.clips[0]!, startSec: 1e308 }] }
    await expect(service.run(far, { destinationPath: join(root, 'far.mp4'), preset: 'web' })).rejects.toMatchObject({
      code: 'BAD_INPUT',
      message: expect.stringMatching(/starts at 1\.00e\+308 s, beyond 24 hours/),
    })
    expect(() => service.start(far, { destinationPath: join(root, 'far.mp4'), preset: 'web' })).toThrow(
      /beyond 24 hours/,
    )
  })

  it('a missing source file: FILE_NOT_FOUND naming it, before any work', async () => {
    const gone = join(root, 'moved away.wav')
    const broken = structuredClone(project)
    broken.segments[1]!.takes[0]!.path = gone
    const out = join(root, 'missing-source.mp4')
    const error = await service.run(broken, { destinationPath: out, preset: 'web' }).catch((e: unknown) => e)
    expect(error).toMatchObject({ code: 'FILE_NOT_FOUND' })
    expect((error as Error).message).toContain(gone)
    expect(readdirSync(root)).not.toContain('missing-source.mp4')
  })

  it.skipIf(process.platform === 'win32')(
    'a source that is a pipe (FIFO) is refused at once, before ffmpeg would wait on it forever',
    async () => {
      const fifo = join(root, 'clip pipe.mp4')
      execFileSync('mkfifo', [fifo])
      const piped = { ...wholeClip, assets: [{ ...wholeClip.assets[0]!, path: fifo }] }
      const started = Date.now()
      await expect(
        service.run(piped, { destinationPath: join(root, 'piped.mp4'), preset: 'web' }),
      ).rejects.toMatchObject({
        code: 'BAD_INPUT',
        message: expect.stringMatching(/"clip pipe\.mp4" is a pipe, not a media file/),
      })
      expect(Date.now() - started).toBeLessThan(2000)
    },
  )

  it('a destination that is a source or a take is refused, and the source is untouched', async () => {
    const folder = join(root, 'sources')
    mkdirSync(folder)
    const copy = join(folder, 'clip.mp4')
    copyFileSync(project.assets[0]!.path, copy)
    const before = readFileSync(copy)
    const own: Project = structuredClone(wholeClip)
    own.assets[0]!.path = copy
    for (const destinationPath of [copy, join(folder, '.', 'clip.mp4'), own.segments[0]!.takes[0]!.path]) {
      await expect(service.run(own, { destinationPath, preset: 'web' })).rejects.toMatchObject({
        code: 'DESTINATION_IS_SOURCE',
      })
    }
    expect(readFileSync(copy).equals(before)).toBe(true)
    expect(readdirSync(folder)).toEqual(['clip.mp4'])
  })

  it('cancel mid-export: the job ends CANCELLED, ffmpeg is stopped and no file is left', async () => {
    const folder = join(root, 'cancelled')
    mkdirSync(folder)
    const updates: JobUpdate[] = []
    let ffmpegRunningAtCancel = -1
    let timer: NodeJS.Timeout | undefined
    const cancelNow = (jobId: string): void => {
      if (ffmpegRunningAtCancel >= 0) return
      ffmpegRunningAtCancel = runner.running()
      jobs.cancel(jobId)
    }
    const done = new Promise<JobUpdate>((resolve) => {
      jobs.onUpdate((u) => {
        updates.push(u)
        // Cancel while the picture is being re-encoded (from 0.25 of the encoding stage on): at its first
        // progress report, or 150 ms in, whichever comes first.
        const progress = u.progress ?? 0
        const pictureFrom = exportJobProgress('encoding', 0.25, true)!
        if (u.status === 'running' && u.stage === 'encoding' && progress >= pictureFrom) {
          timer ??= setTimeout(() => cancelNow(u.jobId), 150)
          if (progress > pictureFrom && progress < exportJobProgress('encoding', 1, true)!) cancelNow(u.jobId)
        }
        if (u.status !== 'running') resolve(u)
      })
    })
    const { jobId } = service.start(project, { destinationPath: join(folder, 'film.mp4'), preset: 'web' })
    const last = await done
    expect(last).toMatchObject({ jobId, status: 'cancelled', error: { code: 'CANCELLED' } })
    clearTimeout(timer)
    expect(ffmpegRunningAtCancel).toBeGreaterThanOrEqual(1)
    expect(readdirSync(folder)).toEqual([])
    expect(runner.running()).toBe(0)
    expect(readdirSync(root).filter((f) => f.startsWith('mmaudio-export-'))).toEqual([])
  })
})
