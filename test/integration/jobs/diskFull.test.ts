// A full disk, wherever it is met, is DISK_FULL with what could not be written, where, and how much room there
// is (and how much was needed, when that is known): a provider's download, a whole generation, an autosave, a
// project save whose media do not fit. Never NETWORK ("Could not reach fal.ai (ENOSPC)"), never INTERNAL.
// Each disk is a tmpfs of its own, which needs root (as here and in CI); elsewhere these tests are skipped.
import { execFileSync } from 'node:child_process'
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createHandoffService } from '../../../electron/jobs/handoff'
import { createJobRegistry } from '../../../electron/jobs/jobs'
import { createFfmpegRunner } from '../../../electron/media/ffmpeg/run'
import { falProvider } from '../../../electron/providers/fal'
import { DEFAULT_GENERATION } from '../../../shared/domain/project'
import { oneClipProject, testAppServices } from '../../fixtures/appServices'
import { handoffProject } from '../../fixtures/handoffProject'
import { flashClip, lavfiFixture, testBinaries } from '../../fixtures/media'
import { startFalEmulator, type FalEmulator } from '../../emulators/fal'
import { testContext } from '../providers/testContext'
import { servicesFor } from './harness'

const isRoot = process.getuid?.() === 0
const root = mkdtempSync(join(tmpdir(), 'disk-full-'))
const mounts: string[] = []

/** A tmpfs of `size` bytes, optionally filled to the last byte. */
function tinyDisk(name: string, size: string, fill = false): string {
  const dir = join(root, name)
  mkdirSync(dir)
  execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${size}`, 'tmpfs', dir])
  mounts.push(dir)
  if (fill) {
    try {
      writeFileSync(join(dir, 'ballast'), Buffer.alloc(64 * 1024 * 1024))
    } catch {
      // Full: as intended.
    }
  }
  return dir
}

let fal: FalEmulator
beforeAll(async () => {
  if (isRoot) fal = await startFalEmulator()
})
afterAll(async () => {
  await fal?.close()
  for (const dir of mounts) execFileSync('umount', [dir])
  rmSync(root, { recursive: true, force: true })
})

const fullDiskSentence = (where: string) => expect.stringMatching(new RegExp(`^The disk is full: ".+" could not be written in ${where.replace(/[/.]/g, '\\$&')}[^ ]* \\((\\d[\\d.]* (bytes|KB)) free there.*\\)\\. Free some space and try again\\.$`))

describe.skipIf(!isRoot)('a full disk (tmpfs, as root)', () => {
  it('a provider download onto a full disk is DISK_FULL naming the folder, not NETWORK', async () => {
    const full = tinyDisk('downloads', '64k', true)
    const { ctx } = await testContext(fal.baseUrl, fal.apiKey)
    ctx.tmpDir = full
    const e = await falProvider.generate({ mode: 'text', prompt: 'rain', negativePrompt: '', seed: 1, steps: 25, cfg: 4.5, durationSec: 4, maskAwayClip: false }, ctx).catch((x: unknown) => x)
    expect(e).toMatchObject({ code: 'DISK_FULL', message: fullDiskSentence(full) })
    expect((e as Error).message).not.toMatch(/Could not reach/)
  })

  it('a whole generation whose folders are on a full disk fails as DISK_FULL', async () => {
    const full = tinyDisk('generation', '256k')
    const clip = await flashClip('disk full gen.mp4', { flashesSec: [0.6], durationSec: 2 })
    const { generate } = await servicesFor({ emulators: { fal }, home: full })
    writeFileSync(join(full, 'ballast'), Buffer.alloc(200 * 1024))
    const e = await generate.run({ source: { path: clip, inSec: 0, outSec: 2 }, params: { ...DEFAULT_GENERATION, prompt: 'x', takes: 1, seed: 1 } }).catch((x: unknown) => x)
    expect(e).toMatchObject({ code: 'DISK_FULL', message: fullDiskSentence(full) })
  })

  it('an autosave onto a full disk is DISK_FULL, not INTERNAL', async () => {
    const dataDisk = tinyDisk('data', '1m')
    const { call } = testAppServices(mkdtempSync(join(root, 'app-')), { dataDir: dataDisk })
    writeFileSync(join(dataDisk, 'ballast'), Buffer.alloc(1024 * 1024 - 4096))
    try {
      writeFileSync(join(dataDisk, 'ballast2'), Buffer.alloc(64 * 1024))
    } catch {
      // Full to the last block.
    }
    const r = await call('project:autosave', { project: oneClipProject('/films/clip.mp4', []), path: null })
    expect(r).toMatchObject({ ok: false, error: { code: 'DISK_FULL', message: fullDiskSentence(join(dataDisk, 'autosave')) } })
  })

  it('a project save whose media do not fit says how much is needed, and writes no half media folder', async () => {
    const films = tinyDisk('films', '256k')
    const appDir = mkdtempSync(join(root, 'app-'))
    const { call, answers } = testAppServices(appDir)
    const take = join(appDir, 'data', 'takes', 'long take.wav')
    copyFileSync(await lavfiFixture('long take.wav', ['-f', 'lavfi', '-i', 'sine=duration=10:sample_rate=48000', '-c:a', 'pcm_s16le']), take)
    const file = join(films, 'Beach.mmaudio')
    answers.save = file
    await call('dialog:saveFile', { defaultName: 'Beach.mmaudio', kind: 'project' })
    const r = await call('project:save', { path: file, project: oneClipProject('/films/clip.mp4', [take]) })
    expect(r).toMatchObject({ ok: false, error: { code: 'DISK_FULL', message: expect.stringMatching(/^The disk is full: "long take\.wav" could not be written in .*Beach media \(\d+ KB free there, 960 KB needed\)/) } })
    expect(readdirSync(films)).toEqual([])
  })

  it('a hand-off pack on a disk that fills is DISK_FULL naming the pack; the files written before are whole, none half', async () => {
    const disk = tinyDisk('pack', '512k')
    const service = createHandoffService({ runner: createFfmpegRunner(testBinaries()), jobs: createJobRegistry(), tmpDir: root })
    const pack = join(disk, 'pack')
    const e = await service.run(await handoffProject(), pack).catch((x: unknown) => x)
    expect(e).toMatchObject({ code: 'DISK_FULL', message: expect.stringMatching(/^The disk is full: .* could not be written in .*pack/) })
    const left = [...readdirSync(pack), ...readdirSync(join(pack, 'Sound')), ...(existsSync(join(pack, 'Stems')) ? readdirSync(join(pack, 'Stems')) : [])]
    expect(left.filter((n) => n.includes('.tmp'))).toEqual([])
  })
})
