// Finding shots on real ffmpeg: the known-cuts clip (hard cuts, a fade through black, a flash that is not a cut)
// scanned by the app's own scan, counted found / missed / false; the cache; cancellation; and the background job
// through the real handler table (media:shots → job:update with the result).
import { existsSync, mkdtempSync, readdirSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { createFfmpegRunner } from '../../../electron/media/ffmpeg/run'
import { countingRunner } from '../../fixtures/processes'
import { analyseShots } from '../../../electron/media/shots'
import type { JobUpdate } from '../../../shared/domain/job'
import { shotCuts } from '../../../shared/domain/shots'
import { testAppServices } from '../../fixtures/appServices'
import { lavfiFixture, testBinaries } from '../../fixtures/media'
import { cutToleranceSec, FLASH_SEC, KNOWN_CUTS_SEC, knownCutsClip, scoreCuts } from '../../fixtures/shots'

const realRunner = createFfmpegRunner(testBinaries())
const tempDir = (name: string) => mkdtempSync(join(tmpdir(), `${name}-`))

let clip: string
beforeAll(async () => {
  clip = await knownCutsClip()
}, 120_000)

describe('shots of the known-cuts clip', () => {
  it('finds every cut (hard cuts, the fade through black), none where there is none, and sets the flash aside', async () => {
    const progress: number[] = []
    const analysis = await analyseShots(realRunner, {
      path: clip,
      cacheDir: tempDir('shots-cache'),
      onProgress: (f) => progress.push(f),
    })
    const cuts = shotCuts(analysis)
    const score = scoreCuts(cuts, KNOWN_CUTS_SEC, cutToleranceSec)
    console.info(
      `known-cuts clip: ${score.found} of ${KNOWN_CUTS_SEC.length} found, missed ${JSON.stringify(score.missed)}, ` +
        `false ${JSON.stringify(score.falseCuts)} (cuts at ${cuts.join(', ')})`,
    )
    expect(score).toEqual({ found: KNOWN_CUTS_SEC.length, missed: [], falseCuts: [] })
    expect(analysis.flashes.some((f) => f.startSec <= FLASH_SEC && FLASH_SEC <= f.endSec)).toBe(true)
    // Progress climbs to the end of the file.
    expect(progress.every((p, i) => i === 0 || p >= progress[i - 1]!)).toBe(true)
    expect(progress.at(-1)).toBeGreaterThan(0.95)
  })

  it('a raised threshold keeps the strong cuts; the flash is never a cut at any threshold', async () => {
    const analysis = await analyseShots(realRunner, { path: clip, cacheDir: tempDir('shots-cache') })
    for (const threshold of [3, 5, 10, 20, 40]) {
      expect(shotCuts(analysis, { threshold }).some((t) => Math.abs(t - FLASH_SEC) < 0.2)).toBe(false)
    }
    expect(shotCuts(analysis, { threshold: 60 })).toEqual([9.24]) // only the fade (black) remains
  })

  it('a second scan of the same file reads the cache and starts no process', async () => {
    const cacheDir = tempDir('shots-cache')
    const first = await analyseShots(realRunner, { path: clip, cacheDir })
    const { runner, processes } = countingRunner()
    expect(await analyseShots(runner, { path: clip, cacheDir })).toEqual(first)
    expect(processes()).toBe(0)
  })

  it('a cancelled scan stops ffmpeg, says Cancelled, and leaves nothing in the cache', async () => {
    const cacheDir = tempDir('shots-cache')
    const controller = new AbortController()
    const scan = analyseShots(realRunner, {
      path: clip,
      cacheDir,
      signal: controller.signal,
      onProgress: (f) => f > 0.1 && controller.abort(),
    })
    await expect(scan).rejects.toMatchObject({ code: 'CANCELLED' })
    expect(existsSync(join(cacheDir, 'shots')) ? readdirSync(join(cacheDir, 'shots')) : []).toEqual([])
  })

  it('a file with no picture is a sentence, not a crash', async () => {
    const audioOnly = await lavfiFixture('shots no picture.m4a', ['-f', 'lavfi', '-i', 'sine=d=1', '-c:a', 'aac'])
    await expect(analyseShots(realRunner, { path: audioOnly, cacheDir: tempDir('shots-cache') })).rejects.toMatchObject(
      {
        code: 'NOT_A_VIDEO',
        message: expect.stringContaining('has no picture to find shots in'),
      },
    )
  })
})

describe('media:shots through the handler table', () => {
  it('runs as a background job: progress, then the analysis with the asset id; a file not imported is refused', async () => {
    const { call, services } = testAppServices(tempDir('shots-app'))
    const refused = await call('media:shots', { assetId: 'a1', path: clip })
    expect(refused).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })

    expect(await call('media:import', { paths: [clip] })).toMatchObject({ ok: true })
    const updates: JobUpdate[] = []
    const done = new Promise<JobUpdate>((resolve) =>
      services.jobs.onUpdate((u) => {
        updates.push(u)
        if (u.kind === 'shots' && u.status !== 'running') resolve(u)
      }),
    )
    const started = await call('media:shots', { assetId: 'a1', path: clip })
    expect(started).toMatchObject({ ok: true })
    const end = await done
    expect(end.status).toBe('succeeded')
    expect(end.shotsResult?.assetId).toBe('a1')
    expect(shotCuts(end.shotsResult!.analysis)).toHaveLength(KNOWN_CUTS_SEC.length)
    expect(updates.some((u) => u.status === 'running' && (u.progress ?? 0) > 0)).toBe(true)
  })

  it('job:cancel stops a scan (a removed clip): the job ends cancelled', async () => {
    const { call, services } = testAppServices(tempDir('shots-app'))
    await call('media:import', { paths: [clip] })
    const ended = new Promise<JobUpdate>((resolve) =>
      services.jobs.onUpdate((u) => u.kind === 'shots' && u.status !== 'running' && resolve(u)),
    )
    const started = await call('media:shots', { assetId: 'a1', path: clip })
    if (!started.ok) throw new Error('not started')
    const { jobId } = started.data as { jobId: string }
    expect(await call('job:cancel', { jobId })).toEqual({ ok: true, data: { cancelled: true } })
    expect((await ended).status).toBe('cancelled')
    expect(services.runner.running()).toBe(0)
  })
})
