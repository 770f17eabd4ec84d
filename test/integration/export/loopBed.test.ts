// A loopable bed through the real ffmpeg export: one 3 s window repeated over 8 s of timeline. Every repeat's
// click sounds where the loop plan (and the preview's schedule) puts it, and a noise bed keeps its level through
// the seams (an equal-power crossfade of uncorrelated sound neither dips nor bumps).
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Project } from '../../../shared/domain/project'
import { createExportService } from '../../../electron/jobs/export'
import { createJobRegistry } from '../../../electron/jobs/jobs'
import { stemPaths } from '../../../electron/media/exportPlan'
import { createFfmpegRunner } from '../../../electron/media/ffmpeg/run'
import { playbackSchedule } from '../../../renderer/src/features/playback/schedule'
import { clickTrackWav } from '../../emulators/synthAudio'
import { exportProject, probeAsset, takeWav } from '../../fixtures/exportProject'
import { bytesFixture, decodeAudio, findClicks, testBinaries, testClip } from '../../fixtures/media'

const dir = mkdtempSync(join(tmpdir(), 'export-loop-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))
const service = createExportService({ runner: createFfmpegRunner(testBinaries()), jobs: createJobRegistry(), tmpDir: dir })

/** A 3 s window repeats every 2.25 s (0.75 s crossfades): its 0.5 s click at 0.5, 2.75, 5 and 7.25 s. */
const CLICKS_SEC = [0.5, 2.75, 5, 7.25]

async function loopProject(takePath: string): Promise<Project> {
  const clip = await probeAsset('a', await testClip('loop clip.mp4', { durationSec: 10, audio: false }))
  const project = exportProject([clip], [{ assetId: 'a', startSec: 0, inSec: 0, outSec: 10 }], [
    { path: takePath, durationSec: 3, segment: { startSec: 0, endSec: 8 }, mix: { fadeInMs: 0, fadeOutMs: 0 } },
  ], { mode: 'mute' })
  const [bed] = project.segments
  return { ...project, segments: [{ ...bed!, params: { ...bed!.params, textOnly: true, loop: true } }] }
}

async function generatedStem(project: Project, name: string): Promise<Float32Array> {
  const destination = join(dir, `${name}.wav`)
  await service.run(project, { destinationPath: destination, preset: 'stems' })
  return decodeAudio(stemPaths(destination).generated)
}

describe('a loop bed in the export', () => {
  let clickLoop: Project
  beforeAll(async () => {
    clickLoop = await loopProject(bytesFixture('loop click take.wav', clickTrackWav(3, [0.5], 5)))
  })

  it('sounds each repeat of the window where the loop plan puts it, and so does the preview', async () => {
    const clicks = findClicks(await generatedStem(clickLoop, 'clicks'), 48000, 0.3)
    expect(clicks.length).toBe(CLICKS_SEC.length)
    clicks.forEach((t, i) => expect(Math.abs(t - CLICKS_SEC[i]!)).toBeLessThanOrEqual(0.002))
    const { voices } = playbackSchedule(clickLoop, { fromSec: 0, untilSec: 10, rate: 1 }, () => 1)
    expect(voices.map((v) => v.whenSec + 0.5 - v.offsetSec)).toEqual(CLICKS_SEC)
  })

  it('keeps a noise bed at its level through every seam (an equal-power crossfade; a linear one would dip 1.8 dB)', async () => {
    const noise = await loopProject(await takeWav('loop noise take.wav', { durationSec: 3, noiseAmp: 0.2 }))
    const samples = await generatedStem(noise, 'noise')
    const powerDb = (fromSec: number, toSec: number) => {
      let sum = 0
      const [a, b] = [Math.round(fromSec * 48000), Math.round(toSec * 48000)]
      for (let i = a; i < b; i++) sum += samples[i]! ** 2
      return 10 * Math.log10(sum / (b - a))
    }
    const seams = [2.25, 4.5, 6.75].map((s) => [s, s + 0.75] as const)
    const between = [[0.2, 2.25], [3, 4.5], [5.25, 6.75], [7.5, 7.9]] as const
    const betweenDb = between.map(([a, b]) => powerDb(a, b))
    const level = betweenDb.reduce((x, y) => x + y, 0) / betweenDb.length
    for (const [a, b] of seams) expect(Math.abs(powerDb(a, b) - level), `seam at ${a}–${b} s`).toBeLessThanOrEqual(0.75)
  })
})
