// bench/export: a 60 s 1080p clip with three takes, exported by the app (createExportService().run) versus the
// best hand-written ffmpeg commands for the same mix (same two-pass loudnorm, video stream-copied), in one run.
// Run: npx tsx bench/export.ts   Goal: app / hand-written ≤ 1.10.
import { execFile } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { availableParallelism, loadavg, tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { createExportService } from '../electron/jobs/export'
import { createJobRegistry } from '../electron/jobs/jobs'
import { parseLoudnormReport } from '../electron/media/ffmpeg/loudnessReport'
import { createFfmpegRunner } from '../electron/media/ffmpeg/run'
import { exportProject, measureLoudness, probeAsset, takeWav } from '../test/fixtures/exportProject'
import { testBinaries, testClip } from '../test/fixtures/media'

const run = promisify(execFile)
const ROUNDS = 9
const ffmpeg = testBinaries().ffmpeg

async function ff(args: string[]): Promise<string> {
  const { stderr } = await run(ffmpeg, ['-hide_banner', '-nostdin', '-nostats', ...args], { maxBuffer: 64 * 1024 * 1024 })
  return stderr
}

async function videoMd5(path: string): Promise<string> {
  const { stdout } = await run(ffmpeg, ['-v', 'error', '-i', path, '-map', '0:v:0', '-c', 'copy', '-f', 'md5', '-'])
  return stdout.trim()
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!

/** CPU seconds used by finished child processes (Linux /proc; null elsewhere): steadier than wall time on a busy machine. */
function childCpuSec(): number | null {
  try {
    const fields = readFileSync('/proc/self/stat', 'utf8').split(') ')[1]!.split(' ')
    return (Number(fields[13]) + Number(fields[14])) / 100
  } catch {
    return null
  }
}

/** Wall milliseconds and child CPU seconds of one run. */
async function timed(work: () => Promise<unknown>): Promise<{ ms: number; cpuSec: number | null }> {
  const cpu0 = childCpuSec()
  const t0 = performance.now()
  await work()
  const ms = performance.now() - t0
  const cpu1 = childCpuSec()
  return { ms, cpuSec: cpu0 === null || cpu1 === null ? null : cpu1 - cpu0 }
}

async function main(): Promise<void> {
  console.log('preparing media (cached after the first run)…')
  const clip = await testClip('bench 1080p 60s.mp4', { width: 1920, height: 1080, fps: 30, durationSec: 60 })
  const takes = await Promise.all([
    takeWav('bench take 1.wav', { durationSec: 8, clickAtSec: 1, clickAmp: 0.15, noiseAmp: 0.2 }),
    takeWav('bench take 2.wav', { durationSec: 8, noiseAmp: 0.2 }),
    takeWav('bench take 3.wav', { durationSec: 8, noiseAmp: 0.2 }),
  ])
  const asset = await probeAsset('clip', clip)
  const project = exportProject(
    [asset],
    [{ assetId: 'clip', startSec: 0, inSec: 0, outSec: asset.durationSec }],
    [
      { path: takes[0], durationSec: 8, segment: { startSec: 5, endSec: 13 }, mix: { nudgeMs: 120, gainDb: -3 } },
      { path: takes[1], durationSec: 8, segment: { startSec: 20, endSec: 28 }, mix: { gainDb: -6, fadeInMs: 50, fadeOutMs: 300 } },
      { path: takes[2], durationSec: 8, segment: { startSec: 40, endSec: 48 } },
    ],
    { mode: 'duck', duckDb: -10, duckFadeMs: 300 },
  )
  const dir = mkdtempSync(join(tmpdir(), 'bench-export-'))
  const service = createExportService({ runner: createFfmpegRunner(testBinaries()), jobs: createJobRegistry(), tmpDir: dir })

  // The same mix written by hand: takes placed with adelay, original ducked by a hand-written envelope
  // (−10 dB = 0.316228, 300 ms linear ramps), summed at unity, two-pass loudnorm, AAC, video copied.
  const bus = 'aresample=48000,aformat=sample_fmts=fltp:sample_rates=48000:channel_layouts=stereo'
  const duck = [
    'gte(t,0)*lt(t,4.82)*1', 'gte(t,4.82)*lt(t,5.12)*(1*(5.12-t)+0.316228*(t-4.82))/0.3', 'gte(t,5.12)*lt(t,13.12)*0.316228',
    'gte(t,13.12)*lt(t,13.42)*(0.316228*(13.42-t)+1*(t-13.12))/0.3', 'gte(t,13.42)*lt(t,19.7)*1',
    'gte(t,19.7)*lt(t,20)*(1*(20-t)+0.316228*(t-19.7))/0.3', 'gte(t,20)*lt(t,28)*0.316228',
    'gte(t,28)*lt(t,28.3)*(0.316228*(28.3-t)+1*(t-28))/0.3', 'gte(t,28.3)*lt(t,39.7)*1',
    'gte(t,39.7)*lt(t,40)*(1*(40-t)+0.316228*(t-39.7))/0.3', 'gte(t,40)*lt(t,48)*0.316228',
    'gte(t,48)*lt(t,48.3)*(0.316228*(48.3-t)+1*(t-48))/0.3', 'gte(t,48.3)*1',
  ].join('+')
  const mixGraph = [
    `[1:a]${bus},volume=-3dB,afade=t=in:d=0.01,afade=t=out:st=7.99:d=0.01,adelay=5120:all=1[t1]`,
    `[2:a]${bus},volume=-6dB,afade=t=in:d=0.05,afade=t=out:st=7.7:d=0.3,adelay=20000:all=1[t2]`,
    `[3:a]${bus},afade=t=in:d=0.01,afade=t=out:st=7.99:d=0.01,adelay=40000:all=1[t3]`,
    `[0:a]${bus},asetnsamples=n=256:p=0,volume=volume='${duck}':eval=frame[o]`,
    '[o][t1][t2][t3]amix=inputs=4:duration=first:dropout_transition=0:normalize=0',
  ].join(';')
  const target = 'I=-14:TP=-1:LRA=11'
  const inputs = ['-i', clip, '-i', takes[0], '-i', takes[1], '-i', takes[2]]

  async function handWritten(out: string): Promise<void> {
    const m = parseLoudnormReport(await ff([...inputs, '-filter_complex', `${mixGraph},loudnorm=${target}:print_format=json[m]`, '-map', '[m]', '-f', 'null', '-']))
    const apply = `loudnorm=${target}:measured_I=${m.inputI}:measured_TP=${m.inputTp}:measured_LRA=${m.inputLra}:measured_thresh=${m.inputThresh}:offset=${m.targetOffset}:linear=true`
    await ff(['-y', ...inputs, '-filter_complex', `${mixGraph},${apply},aresample=48000[a]`, '-map', '0:v', '-map', '[a]',
      '-c:v', 'copy', '-c:a', 'aac', '-b:a', '192k', '-ar', '48000', '-ac', '2', '-movflags', '+faststart', out])
  }

  const app: Array<{ ms: number; cpuSec: number | null }> = []
  const hand: Array<{ ms: number; cpuSec: number | null }> = []
  let lastApp: Awaited<ReturnType<typeof service.run>> | undefined
  for (let round = 1; round <= ROUNDS; round++) {
    // Alternate who goes first, so neither always runs on a warmer cache or a quieter machine.
    const runApp = async () => app.push(await timed(async () => {
      lastApp = await service.run(project, { destinationPath: join(dir, `app-${round}.mp4`), preset: 'web' })
    }))
    const runHand = async () => hand.push(await timed(() => handWritten(join(dir, `hand-${round}.mp4`))))
    if (round % 2) {
      await runApp()
      await runHand()
    } else {
      await runHand()
      await runApp()
    }
    const a = app[round - 1]!
    const h = hand[round - 1]!
    console.log(`round ${round}: app ${a.ms.toFixed(0)} ms (${a.cpuSec?.toFixed(2)} s CPU), hand-written ${h.ms.toFixed(0)} ms (${h.cpuSec?.toFixed(2)} s CPU)`)
  }
  const appMs = app.map((r) => r.ms)
  const handMs = hand.map((r) => r.ms)
  const cpuRatio = app[0]!.cpuSec === null ? null : median(app.map((r) => r.cpuSec!)) / median(hand.map((r) => r.cpuSec!))

  const appOut = join(dir, `app-${ROUNDS}.mp4`)
  const handOut = join(dir, `hand-${ROUNDS}.mp4`)
  const [srcMd5, appMd5, appLoud, handLoud] = await Promise.all([videoMd5(clip), videoMd5(appOut), measureLoudness(appOut), measureLoudness(handOut)])
  const ratio = median(appMs) / median(handMs)
  console.log('')
  console.log(`60 s 1080p clip, three takes, web preset (two-pass loudnorm, duck), ${ROUNDS} rounds, medians:`)
  console.log(`  app (createExportService().run): ${median(appMs).toFixed(0)} ms  (includes the ebur128 check of the written file)`)
  console.log(`  hand-written ffmpeg (2 passes):  ${median(handMs).toFixed(0)} ms`)
  console.log(`  ratio app / hand-written:        ${ratio.toFixed(3)}  (goal ≤ 1.10: ${ratio <= 1.1 ? 'met' : 'NOT met'})`)
  console.log(`  best rounds: app ${Math.min(...appMs).toFixed(0)} ms, hand-written ${Math.min(...handMs).toFixed(0)} ms, ratio ${(Math.min(...appMs) / Math.min(...handMs)).toFixed(3)}`)
  console.log(`  machine load average during the run: ${loadavg()[0]!.toFixed(1)} on ${availableParallelism()} cores`)
  if (cpuRatio !== null) {
    console.log(`  CPU (ffmpeg processes): app ${median(app.map((r) => r.cpuSec!)).toFixed(2)} s, hand-written ${median(hand.map((r) => r.cpuSec!)).toFixed(2)} s, ratio ${cpuRatio.toFixed(3)}`)
  }
  console.log(`  video stream-copied:             ${lastApp!.videoCopied && srcMd5 === appMd5 ? 'yes (packets identical to the source)' : 'NO'}`)
  console.log(`  loudness: app ${appLoud.integratedLufs} LUFS / ${appLoud.truePeakDbtp} dBTP; hand-written ${handLoud.integratedLufs} LUFS / ${handLoud.truePeakDbtp} dBTP`)
  rmSync(dir, { recursive: true, force: true })
}

await main()
