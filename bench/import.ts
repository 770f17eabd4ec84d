// bench/import: a 10-minute 1080p clip dropped on the editor, as main answers the renderer's asks (the media
// service, real ffmpeg, an empty cache): media:import, then the part on screen of its thumbnails and peaks (the
// default zoom, 40 px/s, on a 1280 px wide timeline: its first 32 s), then the whole strip and peaks once those
// arrive.
// Run: npx tsx bench/import.ts
//   first paint: from the drop until the first screen's thumbnails and the visible waveform are there. Goal ≤ 1 s.
//   all: until the whole strip and the whole file's peaks are there. Goal ≤ 4 s.
//   never blocking: the longest main's event loop was held up meanwhile (all the decoding runs in ffmpeg
//   processes; the renderer only asks and draws what is on screen).
// For comparison it also times the strip as it was made before (every keyframe of the file decoded).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { availableParallelism, loadavg, tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { createFfmpegRunner } from '../electron/media/ffmpeg/run'
import { createMediaService } from '../electron/media/mediaService'
import { cameraClip, lavfiFixture, testBinaries } from '../test/fixtures/media'

const FIRST_SCREEN = { fromSec: 0, toSec: 32 }
const load = (): string =>
  loadavg()
    .map((l) => l.toFixed(1))
    .join(' ')
const fmt = (sec: number): string => `${sec.toFixed(3)} s`
const verdict = (ok: boolean): string => (ok ? 'meets' : 'misses')

/** A phone-like 1080p30 minute (grain, a keyframe a second, 12 Mbit/s, beeping AAC sound), ten times over. */
async function tenMinuteClip(): Promise<string> {
  const minute = await cameraClip('bench import minute 1080p.mp4', {
    durationSec: 60,
    bitRate: '12M',
    preset: 'ultrafast',
    grain: 6,
    sound: 'beeps',
  })
  const list = join(dirname(minute), 'ten minutes.txt')
  writeFileSync(list, Array.from({ length: 10 }, () => `file '${minute.replace(/'/g, "'\\''")}'`).join('\n'))
  return lavfiFixture('bench import 10 min 1080p.mp4', [
    '-f',
    'concat',
    '-safe',
    '0',
    '-i',
    list,
    '-c',
    'copy',
    '-movflags',
    '+faststart',
  ])
}

/** The longest the event loop was held up while `work` ran (a 5 ms timer, late by how much), and when. */
async function longestStall<T>(work: () => Promise<T>): Promise<{ result: T; stallMs: number; atSec: number }> {
  const t0 = performance.now()
  let last = t0
  let stallMs = 0
  let atSec = 0
  const timer = setInterval(() => {
    const now = performance.now()
    if (now - last - 5 > stallMs) {
      stallMs = now - last - 5
      atSec = (last - t0) / 1000
    }
    last = now
  }, 5)
  try {
    return { result: await work(), stallMs, atSec }
  } finally {
    clearInterval(timer)
  }
}

console.log(
  `Load average at start: ${load()} (${availableParallelism()} cores; other work on the machine inflates wall times)`,
)
const clip = await tenMinuteClip()
const runner = createFfmpegRunner(testBinaries())
const home = mkdtempSync(join(tmpdir(), 'bench-import-'))
try {
  // Warm up (module loading, the first ffmpeg spawn) and bring the file into the page cache, as a file just
  // copied from a card or opened in another app would be.
  await runner.ffprobe(['-v', 'error', '-show_format', clip])
  await runner.ffmpeg(['-v', 'error', '-i', clip, '-map', '0', '-c', 'copy', '-f', 'null', '-'])

  const media = createMediaService({
    runner,
    cacheDir: join(home, 'cache'),
    mediaUrl: (p) => p,
    allow: () => undefined,
  })
  const {
    result: times,
    stallMs,
    atSec,
  } = await longestStall(async () => {
    const t0 = performance.now()
    const since = (): number => (performance.now() - t0) / 1000
    const { assets } = await media.importFiles([clip])
    const asset = assets[0]!
    const imported = since()
    const thumbs = media.thumbnails({ assetId: asset.id, path: asset.path, range: FIRST_SCREEN }).then(async () => {
      const part = since()
      await media.thumbnails({ assetId: asset.id, path: asset.path })
      return { part, whole: since() }
    })
    const peaks = media.waveform(asset.path, FIRST_SCREEN).then(async () => {
      const part = since()
      await media.waveform(asset.path)
      return { part, whole: since() }
    })
    const [t, p] = await Promise.all([thumbs, peaks])
    return { imported, thumbs: t, peaks: p, durationSec: asset.durationSec }
  })
  const firstPaint = Math.max(times.thumbs.part, times.peaks.part)
  const all = Math.max(times.thumbs.whole, times.peaks.whole)
  console.log(`A ${(times.durationSec / 60).toFixed(1)}-minute 1080p30 clip (12 Mbit/s, a keyframe a second), dropped:`)
  console.log(
    `   imported (probed) ${fmt(times.imported)}; first screen's thumbnails ${fmt(times.thumbs.part)}, visible waveform ` +
      `${fmt(times.peaks.part)}; whole strip ${fmt(times.thumbs.whole)}, whole waveform ${fmt(times.peaks.whole)}`,
  )
  console.log(`   first paint ${fmt(firstPaint)} (goal ≤ 1 s) → ${verdict(firstPaint <= 1)} the goal [load ${load()}]`)
  console.log(`   all ${fmt(all)} (goal ≤ 4 s) → ${verdict(all <= 4)} the goal`)
  console.log(
    `   main's event loop held up at most ${stallMs.toFixed(0)} ms meanwhile, ${fmt(atSec)} after the drop ` +
      `(never blocking the UI: goal < 50 ms) → ${verdict(stallMs < 50)} the goal`,
  )

  // How the strip was made before: every keyframe of the file decoded, in one pass.
  const t = performance.now()
  await runner.ffmpeg([
    '-v',
    'error',
    '-skip_frame',
    'nokey',
    '-i',
    clip,
    '-map',
    '0:V:0',
    '-vf',
    `fps=120/${times.durationSec},scale=160:90,tpad=stop_mode=clone:stop=120,tile=120x1`,
    '-frames:v',
    '1',
    '-update',
    '1',
    '-f',
    'image2',
    '-y',
    join(home, 'before.jpg'),
  ])
  console.log(
    `   for comparison, the strip as made before (every keyframe decoded): ${fmt((performance.now() - t) / 1000)}`,
  )
  console.log(`Load average at end: ${load()}`)
} finally {
  rmSync(home, { recursive: true, force: true })
}
