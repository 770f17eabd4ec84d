// bench/pipeline: the generation pipeline's own cost, against the fal emulator with a fixed provider time.
// Run: npx tsx bench/pipeline.ts   (`--only 1|2|3` runs one part)
//   1. Overhead of an 8 s segment of a 1080p clip marked ≥ 3 s before Generate (its cut prepared ahead): time
//      from Generate until the provider has the job (goal ≤ 0.3 s), and the whole overhead, the wall time minus
//      the provider's own (goal ≤ 0.6 s, of which ≤ 0.2 s after the provider completed). With fal's status
//      stream (as the app runs), and with it refused (adaptive polls), for comparison.
//   2. Bytes uploaded versus the raw cut of the source (the same 8 s stream-copied), for phone-like 1080p
//      sources at 7 and 12 Mbit/s. Goals ≤ 3 % and ≤ 2 %.
//   3. 12 segments × 3 takes of a 1080p clip on a provider allowing 10 at once, versus ideal batching
//      (ceil(36 / 10) rounds × provider time): prepared ahead (marked before "Generate all"), goal ≤ 1.1×; and
//      cold, goal ≤ 1.1× the larger of the ideal and the cuts' own floor here (the 12 cuts alone, as the
//      scheduler makes them on this machine's cores, measured just before and just after the cold run, then
//      one provider round for the last of them). Also printed: the cold run against the best any scheduling
//      could do with those cuts (bench/batchBound.ts): the takes queue for the provider's slots as the cuts land,
//      so even with no cost of ours a batch ends later than the cuts plus one round.
// Each figure is printed with the load average: other work on the machine inflates wall times.
// The emulator runs in its own process (bench/falEmulatorProcess.ts) and synthesises its output while the job
// "runs", as a real provider's GPU would, so its own work is not counted as ours.
import { fork } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { availableParallelism, loadavg, tmpdir } from 'node:os'
import { join } from 'node:path'
import { createTakeCache } from '../electron/jobs/cache'
import { cutSpecsFor } from '../electron/jobs/chunkCuts'
import { createGenerateService } from '../electron/jobs/generate'
import { createUploadCuts } from '../electron/jobs/uploadCuts'
import { createFfmpegRunner } from '../electron/media/ffmpeg/run'
import { prepareUpload } from '../electron/media/prepareUpload'
import { defaultProviderRegistry } from '../electron/providers/registry'
import { planChunks } from '../shared/domain/chunks'
import type { GenerationRequest } from '../shared/domain/generation'
import { DEFAULT_GENERATION } from '../shared/domain/project'
import { DEFAULT_CHUNK_CACHE_MB } from '../shared/domain/settings'
import { cameraClip, rawCut, testBinaries } from '../test/fixtures/media'
import { bestBatchSec } from './batchBound'

const PROVIDER_MS = 2000
/** How many requests the batch's provider runs at once. */
const BATCH_SLOTS = 10

interface EmulatorHandle {
  baseUrl: string
  apiKey: string
  /** CPU seconds the emulator's process has used (Linux /proc; null elsewhere). */
  cpuSec(): number | null
  setTiming(t: { queueMs: number; runMs: number }): void
  setStreams(on: boolean): void
  jobs(): Promise<Array<{ id: string; createdAtMs: number; videoBytes: number }>>
  close(): Promise<void>
}

/** The fal emulator in a child process (bench/falEmulatorProcess.ts). */
async function startEmulatorProcess(): Promise<EmulatorHandle> {
  const child = fork(join(import.meta.dirname, 'falEmulatorProcess.ts'), [], {
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  })
  const next = (): Promise<Record<string, unknown>> =>
    new Promise((resolve) => child.once('message', (m) => resolve(m as Record<string, unknown>)))
  const hello = await next()
  return {
    baseUrl: String(hello.baseUrl),
    apiKey: String(hello.apiKey),
    cpuSec: () => {
      try {
        const f = readFileSync(`/proc/${child.pid}/stat`, 'utf8').split(') ')[1]!.split(' ')
        return (Number(f[11]) + Number(f[12])) / 100
      } catch {
        return null
      }
    },
    setTiming: (timing) => void child.send({ timing }),
    setStreams: (streams) => void child.send({ streams }),
    jobs: async () => {
      const reply = next()
      child.send({ jobs: true })
      return (await reply).jobs as Array<{ id: string; createdAtMs: number; videoBytes: number }>
    },
    close: () =>
      new Promise((resolve) => {
        child.once('exit', () => resolve())
        child.send({ close: true })
      }),
  }
}

/** The generate service as the app builds it (the chunk cache with its default size limit). */
function service(emu: EmulatorHandle, home: string, concurrency: number) {
  return createGenerateService({
    runner: createFfmpegRunner(testBinaries()),
    providers: defaultProviderRegistry(),
    apiKey: () => emu.apiKey,
    settings: () => ({ providers: { fal: { concurrency } } }),
    env: { MMAUDIO_FAL_BASE_URL: emu.baseUrl },
    dirs: {
      work: join(home, 'work'),
      cache: join(home, 'cache'),
      takes: join(home, 'takes'),
      journal: join(home, 'journal.json'),
    },
    cacheLimitBytes: () => DEFAULT_CHUNK_CACHE_MB * 1e6,
  })
}

const params = (seed: number, takes = 1) => ({
  ...DEFAULT_GENERATION,
  prompt: 'bench',
  seed,
  takes,
  provider: 'fal' as const,
})
/** CPU seconds of this process (node) and of its finished children (ffmpeg) (Linux /proc; null elsewhere). */
function cpuSec(): { node: number; ffmpeg: number } | null {
  try {
    const f = readFileSync('/proc/self/stat', 'utf8').split(') ')[1]!.split(' ')
    return { node: (Number(f[11]) + Number(f[12])) / 100, ffmpeg: (Number(f[13]) + Number(f[14])) / 100 }
  } catch {
    return null
  }
}
const fmt = (sec: number): string => `${sec.toFixed(3)} s`
const mean = (xs: number[]): number => xs.reduce((a, b) => a + b, 0) / xs.length
const load = (): string =>
  loadavg()
    .map((l) => l.toFixed(1))
    .join(' ')
const verdict = (ok: boolean): string => (ok ? 'meets' : 'misses')
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms))
const cores = availableParallelism()

const only = process.argv.includes('--only') ? Number(process.argv[process.argv.indexOf('--only') + 1]) : null
const part = (n: number): boolean => only === null || only === n
console.log(`Load average at start: ${load()} (${cores} cores; other work on the machine inflates wall times)`)
const [clip1080, clip7M, clipBatch] = await Promise.all([
  cameraClip('bench 1080p 12M 40s.mp4', { durationSec: 40, bitRate: '12M' }),
  cameraClip('bench 1080p 7M 12s.mp4', { durationSec: 12, bitRate: '7M' }),
  cameraClip('bench 1080p 12M 50s.mp4', { durationSec: 50, bitRate: '12M' }),
])
const emu = await startEmulatorProcess()
emu.setTiming({ queueMs: 0, runMs: PROVIDER_MS })
const home = mkdtempSync(join(tmpdir(), 'bench-pipeline-'))

async function newJob(known: Set<string>): Promise<{ id: string; createdAtMs: number; videoBytes: number }> {
  return (await emu.jobs()).find((j) => !known.has(j.id))!
}

async function overhead(): Promise<void> {
  console.log(`1. Overhead, 8 s segment of a 1080p clip marked ≥ 3 s before Generate, provider time ${PROVIDER_MS} ms:`)
  const runner = createFfmpegRunner(testBinaries())
  const t = Date.now()
  await prepareUpload(runner, { sourcePath: clip1080, inSec: 30, outSec: 38, outputPath: join(home, 'cut.mp4') })
  console.log(`   (the upload cut alone, 1080p decode → 384 px, on this machine now: ${fmt((Date.now() - t) / 1000)})`)
  let segment = 0
  for (const [label, streams, samples] of [
    ['fal status stream (as the app runs)', true, 5],
    ['stream refused, adaptive polls', false, 3],
  ] as const) {
    emu.setStreams(streams)
    const svc = service(emu, join(home, `p1-${streams}`), 4)
    const rows: Array<{ before: number; after: number; readyAfter: number }> = []
    for (let i = 0; i < samples; i++) {
      // A new range each time, so its cut is made ahead (not found in the cache from an earlier sample).
      const inSec = 1 + 3 * (segment++ % 10)
      const request: GenerationRequest = {
        segmentId: `seg-${segment}`,
        source: { path: clip1080, inSec, outSec: inSec + 8 },
        params: params(100 + segment),
      }
      const marked = Date.now()
      svc.prepare(request.segmentId!, request)
      while (svc.cutStats().preparing > 0) await sleep(20)
      const readyAfter = (Date.now() - marked) / 1000
      await sleep(Math.max(0, 3000 - (Date.now() - marked)))
      const providerMs = PROVIDER_MS + i * 100
      emu.setTiming({ queueMs: 0, runMs: providerMs })
      const known = new Set((await emu.jobs()).map((j) => j.id))
      const t0 = Date.now()
      await svc.run(request)
      const t1 = Date.now()
      const job = await newJob(known)
      rows.push({
        before: (job.createdAtMs - t0) / 1000,
        after: (t1 - job.createdAtMs - providerMs) / 1000,
        readyAfter,
      })
    }
    emu.setTiming({ queueMs: 0, runMs: PROVIDER_MS })
    const before = mean(rows.map((x) => x.before))
    const after = mean(rows.map((x) => x.after))
    const total = before + after
    const ready = Math.max(...rows.map((x) => x.readyAfter))
    console.log(
      `   ${label}: Generate → provider has the job ${fmt(before)} (goal ≤ 0.3 s); overhead ${fmt(total)} ` +
        `(goal ≤ 0.6 s), after it completed ${fmt(after)} (goal ≤ 0.2 s); mean of ${samples} → ` +
        `${verdict(before <= 0.3 && total <= 0.6 && after <= 0.2)} the goal [cuts were ready ${fmt(ready)} after marking at worst; load ${load()}]`,
    )
  }
  emu.setStreams(true)
}

async function uploadSize(): Promise<void> {
  console.log('2. Upload size, 8 s of a phone-like 1080p30 source:')
  for (const [source, rate, goal] of [
    [clip7M, '7 Mbit/s', 0.03],
    [clip1080, '12 Mbit/s', 0.02],
  ] as const) {
    const raw = join(home, `raw ${rate.replace(/\W+/g, '-')}.mp4`)
    const rawBytes = await rawCut(source, 2, 8, raw)
    const known = new Set((await emu.jobs()).map((j) => j.id))
    await service(emu, join(home, `p2-${rate.replace(/\W+/g, '-')}`), 4).run({
      source: { path: source, inSec: 2, outSec: 10 },
      params: params(200),
    })
    const uploaded = (await newJob(known)).videoBytes
    const ratio = uploaded / rawBytes
    console.log(
      `   ${rate}: uploaded ${(uploaded / 1024).toFixed(0)} KiB vs raw cut ${(rawBytes / 1024).toFixed(0)} KiB → ` +
        `${(100 * ratio).toFixed(2)} % (goal ≤ ${goal * 100} %) → ${verdict(ratio <= goal)} the goal`,
    )
  }
}

async function batching(): Promise<void> {
  console.log('3. 12 segments × 3 takes of a 1080p clip, 4 s each, on a provider allowing 10 at once:')
  const requests = Array.from(
    { length: 12 },
    (_, s): GenerationRequest => ({
      segmentId: `batch-${s}`,
      source: { path: clipBatch, inSec: s * 4, outSec: s * 4 + 4 },
      params: params(1000 + s * 10, 3),
    }),
  )
  const rounds = Math.ceil((12 * 3) / BATCH_SLOTS)
  const idealSec = rounds * (PROVIDER_MS / 1000)

  // The cuts' own floor: the 12 cuts alone, as the scheduler makes them, on this machine's cores (measured before
  // and after the cold run, their mean kept: the load of other work comes and goes).
  const plan = planChunks(4, { windowSec: 8, crossfadeSec: 1 })
  const cutsAlone = async (dir: string): Promise<{ wallSec: number; cpuSec: number | null; bestSec: number }> => {
    const cuts = createUploadCuts({
      runner: createFfmpegRunner(testBinaries()),
      cache: createTakeCache(join(home, dir), { limitBytes: () => DEFAULT_CHUNK_CACHE_MB * 1e6 }),
      concurrency: () => 2,
    })
    const cpu0 = cpuSec()
    const t0 = Date.now()
    const landed = (p: Promise<unknown>): Promise<number> => p.then(() => (Date.now() - t0) / 1000)
    // Each segment's takes are ready to send once all its cuts have landed.
    const readySec = await Promise.all(
      requests.map(async (r) => Math.max(...(await Promise.all(cuts.request(cutSpecsFor(r, plan)).map(landed))))),
    )
    const cpu1 = cpuSec()
    return {
      wallSec: (Date.now() - t0) / 1000,
      cpuSec: cpu0 && cpu1 ? cpu1.ffmpeg - cpu0.ffmpeg : null,
      bestSec: bestBatchSec(
        requests.flatMap((r, i) => Array(r.params.takes).fill(readySec[i]!)),
        BATCH_SLOTS,
        PROVIDER_MS / 1000,
      ),
    }
  }
  const floorBefore = await cutsAlone('p3-floor-1')

  const measure = async (
    svc: ReturnType<typeof service>,
  ): Promise<{ wallSec: number; requests: number; lastSubmitSec: number; cpu: string }> => {
    const known = new Set((await emu.jobs()).map((j) => j.id))
    const cpu0 = cpuSec()
    const emu0 = emu.cpuSec()
    const t0 = Date.now()
    await Promise.all(requests.map((r) => svc.run(r)))
    const wallSec = (Date.now() - t0) / 1000
    const cpu1 = cpuSec()
    const ours = (await emu.jobs()).filter((j) => !known.has(j.id))
    const emu1 = emu.cpuSec()
    const cpu =
      cpu0 && cpu1
        ? `app CPU: node ${fmt(cpu1.node - cpu0.node)} + its ffmpeg ${fmt(cpu1.ffmpeg - cpu0.ffmpeg)}` +
          (emu0 !== null && emu1 !== null ? `; the emulator's ${fmt(emu1 - emu0)}` : '')
        : ''
    const lastSubmitSec = (Math.max(...ours.map((j) => j.createdAtMs)) - t0) / 1000
    return { wallSec, requests: ours.length, lastSubmitSec, cpu }
  }

  const cold = await measure(service(emu, join(home, 'p3-cold'), BATCH_SLOTS))
  const floorAfter = await cutsAlone('p3-floor-2')
  const cutsSec = (floorBefore.wallSec + floorAfter.wallSec) / 2
  const floorSec = cutsSec + PROVIDER_MS / 1000
  const bound = Math.max(idealSec, floorSec)
  const bestSec = Math.max(bound, (floorBefore.bestSec + floorAfter.bestSec) / 2)
  const cutCpu = floorBefore.cpuSec === null ? '' : `, ${fmt(floorBefore.cpuSec)} of CPU`
  console.log(
    `   the cuts' floor: the 12 cuts alone take ${fmt(cutsSec)} here (${fmt(floorBefore.wallSec)} before the cold run, ` +
      `${fmt(floorAfter.wallSec)} after${cutCpu}), + one provider round for the last → ${fmt(floorSec)}; ` +
      `ideal batching ${fmt(idealSec)} [load ${load()}]`,
  )
  console.log(
    `   the best any scheduling could do with those cuts (each segment's takes sent the moment its cut landed, ` +
      `${BATCH_SLOTS} at once, ${fmt(PROVIDER_MS / 1000)} each): ${fmt(bestSec)}`,
  )
  console.log(
    `   cold: ${cold.requests} requests in ${fmt(cold.wallSec)} → ${(cold.wallSec / bound).toFixed(2)}× the larger of ` +
      `ideal and floor (${fmt(bound)}; goal ≤ 1.1×) → ${verdict(cold.wallSec <= 1.1 * bound)} the goal; ` +
      `${(cold.wallSec / bestSec).toFixed(2)}× the best possible [last request sent at ${fmt(cold.lastSubmitSec)}; ${cold.cpu}; load ${load()}]`,
  )

  const svc = service(emu, join(home, 'p3-ahead'), BATCH_SLOTS)
  for (const r of requests) svc.prepare(r.segmentId!, r)
  const p0 = Date.now()
  while (svc.cutStats().preparing > 0) await sleep(50)
  const preparedSec = (Date.now() - p0) / 1000
  const ahead = await measure(svc)
  console.log(
    `   prepared ahead (marked before Generate all; their cuts took ${fmt(preparedSec)} in the background): ` +
      `${ahead.requests} requests in ${fmt(ahead.wallSec)} → ${(ahead.wallSec / idealSec).toFixed(2)}× ideal ` +
      `(goal ≤ 1.1×) → ${verdict(ahead.wallSec <= 1.1 * idealSec)} the goal [last request sent at ${fmt(ahead.lastSubmitSec)}; ${ahead.cpu}; load ${load()}]`,
  )
}

try {
  // Warm up (module loading, first ffmpeg spawn, emulator) so the measured runs are steady.
  await service(emu, join(home, 'warm'), 4).run({ source: { path: clip1080, inSec: 0, outSec: 2 }, params: params(1) })
  if (part(1)) await overhead()
  if (part(2)) await uploadSize()
  if (part(3)) await batching()
  console.log(`Load average at end: ${load()}`)
} finally {
  await emu.close()
  rmSync(home, { recursive: true, force: true })
}
