// Sound follows its picture through clip edits, in the real ffmpeg export and in the preview's schedule: a
// take made from clip B is split with B and one half moved away; a second clip shows part of the same stretch
// of B's file; A's head is trimmed under a bed. Every click must sound where the mapping says, in both, and
// nowhere else.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Project } from '../../../shared/domain/project'
import { createExportService } from '../../../electron/jobs/export'
import { createJobRegistry } from '../../../electron/jobs/jobs'
import { createFfmpegRunner } from '../../../electron/media/ffmpeg/run'
import { stemPaths } from '../../../electron/media/exportPlan'
import { moveClip, splitClip, trimClip } from '../../../renderer/src/state/clipEdits'
import { playbackSchedule } from '../../../renderer/src/features/playback/schedule'
import { clickTrackWav } from '../../emulators/synthAudio'
import { bytesFixture, decodeAudio, findClicks, testBinaries, testClip } from '../../fixtures/media'
import { exportProject, probeAsset } from '../../fixtures/exportProject'

const dir = mkdtempSync(join(tmpdir(), 'export-pieces-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))
const service = createExportService({
  runner: createFfmpegRunner(testBinaries()),
  jobs: createJobRegistry(),
  tmpDir: dir,
})

/** Clicks in the door take, in take time (the take was made from b 1–3 s). */
const DOOR_CLICKS = [0.3, 0.9, 1.6]
/** Clicks in the bed (timeline time from its start at 0.5 s). */
const BED_CLICKS = [0.2, 2.7]

let base: Project
beforeAll(async () => {
  const [a, b] = await Promise.all([
    testClip('pieces a.mp4', { durationSec: 6, audio: false }),
    testClip('pieces b.mp4', { durationSec: 4, audio: false }),
  ])
  const assets = await Promise.all([probeAsset('a', a), probeAsset('b', b)])
  const doorTake = bytesFixture('pieces door take.wav', clickTrackWav(2, DOOR_CLICKS, 3))
  const bedTake = bytesFixture('pieces bed take.wav', clickTrackWav(3, BED_CLICKS, 4))
  base = exportProject(
    assets,
    [
      { assetId: 'a', startSec: 0, inSec: 0, outSec: 6 },
      { assetId: 'b', startSec: 6, inSec: 0, outSec: 4 },
    ],
    [
      {
        path: doorTake,
        durationSec: 2,
        segment: { assetId: 'b', inSec: 1, outSec: 3 },
        mix: { fadeInMs: 0, fadeOutMs: 0 },
      },
      { path: bedTake, durationSec: 3, segment: { startSec: 0.5, endSec: 3.5 }, mix: { fadeInMs: 0, fadeOutMs: 0 } },
    ],
    { mode: 'mute' },
  )
})

/** Where the preview starts each click: a click at take time τ of a voice sounds at whenSec + (τ − offsetSec). */
function previewClicks(project: Project): number[] {
  const clicksOf = (path: string) => (path.includes('door') ? DOOR_CLICKS : BED_CLICKS)
  const { voices } = playbackSchedule(project, { fromSec: 0, untilSec: 100, rate: 1 }, () => 1)
  return voices
    .flatMap((v) =>
      clicksOf(v.path)
        .filter((t) => t >= v.offsetSec && t < v.offsetSec + v.durationSec)
        .map((t) => v.whenSec + t - v.offsetSec),
    )
    .sort((x, y) => x - y)
}

async function exportedClicks(project: Project, name: string): Promise<number[]> {
  const destination = join(dir, `${name}.wav`)
  await service.run(project, { destinationPath: destination, preset: 'stems' })
  return findClicks(await decodeAudio(stemPaths(destination).generated), 48000, 0.3)
}

const cases: Array<[string, (p: Project) => Project, number[]]> = [
  ['as made', (p) => p, [0.7, 3.2, 7.3, 7.9, 8.6]],
  // B (and its door) 2 s later
  ['B moved later', (p) => moveClip(p, p.clips[1]!.id, 8), [0.7, 3.2, 9.3, 9.9, 10.6]],
  // split at take time 0.5, the second half moved to 12: 0.9 → 12.4, 1.6 → 13.1
  [
    'B split, second half moved',
    (p) => moveClip(splitClip(p, p.clips[1]!.id, 7.5, 'B2'), 'B2', 12),
    [0.7, 3.2, 7.3, 12.4, 13.1],
  ],
  // B's head trimmed by 1.4 s: the door's 0.3 s click (b 1.3 s) is gone, the rest stay put
  ['B head trimmed', (p) => trimClip(p, p.clips[1]!.id, 'start', 1.4), [0.7, 3.2, 7.9, 8.6]],
  // a second clip showing b 2–4 s at 10 s: the door's 1.6 s click (b 2.6 s) sounds again at 10.6 s
  [
    'b shown twice',
    (p) => ({ ...p, clips: [...p.clips, { id: 'C', assetId: 'b', startSec: 10, inSec: 2, outSec: 4 }] }),
    [0.7, 3.2, 7.3, 7.9, 8.6, 10.6],
  ],
]

describe('sound follows its picture through clip edits, in the export and in the preview', () => {
  for (const [name, edit, expected] of cases) {
    it(name, async () => {
      const project = edit(base)
      const exported = await exportedClicks(project, name)
      expect(exported.length, `export clicks ${exported}`).toBe(expected.length)
      exported.forEach((t, i) => {
        expect(Math.abs(t - expected[i]!), `export click ${i} at ${t}`).toBeLessThanOrEqual(0.002)
      })
      const preview = previewClicks(project)
      expect(preview.length, `preview clicks ${preview}`).toBe(expected.length)
      preview.forEach((t, i) => {
        expect(Math.abs(t - expected[i]!), `preview click ${i} at ${t}`).toBeLessThanOrEqual(1e-6)
      })
    })
  }
})
