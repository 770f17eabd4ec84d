// "Original levels": an MP4 of the mix as it is, for someone who masters later. No loudness normalisation and
// no limiter: its loudness is the unnormalised mix's (the stems' mix WAV, rendered by the same graph) to 0.1 dB,
// a quiet mix stays quiet, and a mix pushed over full scale keeps its overs (the export's facts then warn).
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Project } from '../../../shared/domain/project'
import { createExportService } from '../../../electron/jobs/export'
import { createJobRegistry } from '../../../electron/jobs/jobs'
import { createFfmpegRunner } from '../../../electron/media/ffmpeg/run'
import { stemPaths } from '../../../electron/media/exportPlan'
import { resultWarnings } from '../../../renderer/src/features/export/exportFlow'
import { CLICK_AT_SEC, findClickSec, measureLoudness, twoClipTimeline } from '../../fixtures/exportProject'
import { decodeAudio, testBinaries } from '../../fixtures/media'

const dir = mkdtempSync(join(tmpdir(), 'export-original-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))
const service = createExportService({
  runner: createFfmpegRunner(testBinaries()),
  jobs: createJobRegistry(),
  tmpDir: dir,
})

let project: Project
beforeAll(async () => {
  project = await twoClipTimeline()
})

/** The same project with every take's gain raised by `db`. */
const louder = (p: Project, db: number): Project => ({
  ...p,
  segments: p.segments.map((s) => ({
    ...s,
    takes: s.takes.map((t) => ({ ...t, mix: { ...t.mix, gainDb: t.mix.gainDb + db } })),
  })),
})

/** The Original levels MP4 and the stems' unnormalised mix of the same project, each measured. */
async function originalAndReference(p: Project, name: string) {
  const mp4 = join(dir, `${name}.mp4`)
  const stems = join(dir, `${name} reference.wav`)
  const [result] = await Promise.all([
    service.run(p, { destinationPath: mp4, preset: 'original' }),
    service.run(p, { destinationPath: stems, preset: 'stems' }),
  ])
  const [written, reference] = await Promise.all([measureLoudness(mp4), measureLoudness(stemPaths(stems).mix)])
  return { mp4, result, written, reference }
}

describe('the Original levels MP4', () => {
  it('has the unnormalised mix’s loudness, within 0.1 dB, and its click where the mix has it', async () => {
    const { mp4, result, written, reference } = await originalAndReference(project, 'original')
    console.info(
      `original levels: ${written.integratedLufs} LUFS (mix ${reference.integratedLufs} LUFS), ${written.truePeakDbtp} dBTP`,
    )
    expect(Math.abs(written.integratedLufs - reference.integratedLufs)).toBeLessThanOrEqual(0.1)
    // far from every normalised preset's target: nothing pulled it up to −14 or down to −23
    expect(Math.abs(written.integratedLufs - -14)).toBeGreaterThan(1)
    expect(result.integratedLufs).toBeCloseTo(written.integratedLufs, 1)
    expect(resultWarnings(result, 'original')).toEqual([])
    const clickSec = findClickSec(await decodeAudio(mp4), 48000, CLICK_AT_SEC - 0.5, CLICK_AT_SEC + 0.5)
    expect(Math.abs(clickSec - CLICK_AT_SEC)).toBeLessThanOrEqual(0.005)
  })

  it('a mix pushed over full scale is not limited: its true peak is over 0 dBTP and the facts say it clips', async () => {
    const { result, written, reference } = await originalAndReference(louder(project, 20), 'hot')
    expect(written.truePeakDbtp).toBeGreaterThan(0)
    expect(Math.abs(written.integratedLufs - reference.integratedLufs)).toBeLessThanOrEqual(0.1)
    expect(resultWarnings(result, 'original').join(' ')).toMatch(/The mix clips: its peaks reach \+\d+\.\d dBTP/)
  })
})
