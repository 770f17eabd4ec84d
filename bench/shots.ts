// bench/shots: how long finding a clip's shots takes against the clip's own length, on a 10-minute 1080p clip
// (the known-cuts reel looped), with found / missed / false cuts. Run: npm run bench:shots
import { mkdtempSync, rmSync } from 'node:fs'
import { availableParallelism, loadavg, tmpdir } from 'node:os'
import { join } from 'node:path'
import { createFfmpegRunner } from '../electron/media/ffmpeg/run'
import { analyseShots } from '../electron/media/shots'
import { shotCuts } from '../shared/domain/shots'
import { testBinaries } from '../test/fixtures/media'
import {
  cutToleranceSec,
  KNOWN_CUTS_CLIP_SEC,
  KNOWN_CUTS_SEC,
  knownCutsClip,
  loopedClip,
  scoreCuts,
} from '../test/fixtures/shots'

const LOOPS = 38 // 38 × 16 s = 608 s

async function main(): Promise<void> {
  console.log('preparing a 10-minute 1080p clip (cached after the first run)…')
  const reel = await knownCutsClip('known cuts 1080p.mp4', '1920x1080')
  const clip = await loopedClip('known cuts 1080p 10min.mp4', reel, LOOPS)
  const runner = createFfmpegRunner(testBinaries())
  const load = loadavg().map((l) => l.toFixed(2))
  const cacheDir = mkdtempSync(join(tmpdir(), 'bench-shots-'))
  try {
    const t0 = performance.now()
    const analysis = await analyseShots(runner, { path: clip, cacheDir })
    const sec = (performance.now() - t0) / 1000
    const t1 = performance.now()
    await analyseShots(runner, { path: clip, cacheDir })
    const cachedMs = performance.now() - t1
    const known = Array.from({ length: LOOPS }, (_, i) => [
      ...(i > 0 ? [i * KNOWN_CUTS_CLIP_SEC] : []),
      ...KNOWN_CUTS_SEC.map((k) => i * KNOWN_CUTS_CLIP_SEC + k),
    ]).flat()
    const score = scoreCuts(shotCuts(analysis), known, (k) => cutToleranceSec(k % KNOWN_CUTS_CLIP_SEC))
    console.log(`clip: ${analysis.durationSec.toFixed(1)} s of 1920x1080 at 25 fps`)
    console.log(`load average before: ${load.join(' ')} (${availableParallelism()} cores)`)
    console.log(
      `shot scan: ${sec.toFixed(1)} s = ${((sec / analysis.durationSec) * 100).toFixed(1)} % of the clip's length`,
    )
    console.log(`again from the cache: ${cachedMs.toFixed(0)} ms`)
    console.log(
      `cuts: ${score.found} of ${known.length} found, ${score.missed.length} missed, ${score.falseCuts.length} false; ` +
        `${analysis.flashes.length} flashes set aside`,
    )
    console.log(
      `load average after: ${loadavg()
        .map((l) => l.toFixed(2))
        .join(' ')}`,
    )
  } finally {
    rmSync(cacheDir, { recursive: true, force: true })
  }
}

void main()
