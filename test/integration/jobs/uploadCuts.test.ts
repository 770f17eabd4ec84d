// Upload cuts with the real ffmpeg: made once and kept in the chunk cache, overlapping chunks decoded once,
// background cuts one at a time at the lowest priority, raised (or restarted) when Generate needs them, and
// cancelled when nobody waits for them any more.
import { existsSync, mkdtempSync, readdirSync } from 'node:fs'
import { getPriority } from 'node:os'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { createTakeCache } from '../../../electron/jobs/cache'
import { createPrepareAhead } from '../../../electron/jobs/prepareAhead'
import { type CutSpec, createUploadCuts } from '../../../electron/jobs/uploadCuts'
import { createFfmpegRunner, type FfmpegRunner, LOW_PRIORITY, raisePriority } from '../../../electron/media/ffmpeg/run'
import { isAppError } from '../../../shared/domain/errors'
import { lavfiFixture, testBinaries, testClip } from '../../fixtures/media'

/** The app's runner, recording each ffmpeg process: its priority at start, and when it started and ended. */
function recordingRunner() {
  const inner = createFfmpegRunner(testBinaries())
  const processes: Array<{
    pid: number
    niceAtStart: number
    startedMs: number
    endedMs: number | null
    outcome?: string
  }> = []
  const runner: FfmpegRunner = {
    ...inner,
    ffmpeg(args, options = {}) {
      let record: (typeof processes)[number] | undefined
      return inner
        .ffmpeg(args, {
          ...options,
          onSpawn: (pid) => {
            record = { pid, niceAtStart: getPriority(pid), startedMs: Date.now(), endedMs: null }
            processes.push(record)
            options.onSpawn?.(pid)
          },
        })
        .then(
          (r) => {
            if (record) Object.assign(record, { endedMs: Date.now(), outcome: 'ok' })
            return r
          },
          (e: unknown) => {
            if (record) Object.assign(record, { endedMs: Date.now(), outcome: isAppError(e) ? e.code : 'error' })
            throw e
          },
        )
    },
  }
  return { runner, processes }
}

function setup(raise?: (pid: number) => boolean) {
  const dir = mkdtempSync(join(tmpdir(), 'cuts-'))
  const cache = createTakeCache(join(dir, 'cache'))
  const { runner, processes } = recordingRunner()
  const cuts = createUploadCuts({ runner, cache, concurrency: () => 2, ...(raise ? { raise } : {}) })
  const cutFiles = () => readdirSync(join(dir, 'cache'), { recursive: true }).filter((f) => String(f).endsWith('.mp4'))
  return { cache, cuts, processes, cutFiles }
}

const until = async (check: () => boolean, ms = 20_000): Promise<void> => {
  const end = Date.now() + ms
  while (!check()) {
    if (Date.now() > end) throw new Error('timed out waiting')
    await new Promise((r) => setTimeout(r, 10))
  }
}

let clip: string
let heavy: string
beforeAll(async () => {
  ;[clip, heavy] = await Promise.all([
    testClip('cuts 12s.mp4', { width: 640, height: 360, fps: 30, durationSec: 12 }),
    // Slow enough to decode that a cut is still running when the test acts on it.
    lavfiFixture('cuts grainy 1080p.mp4', [
      '-f',
      'lavfi',
      '-i',
      'testsrc2=size=1920x1080:rate=30:duration=8,noise=alls=8:allf=t',
      '-c:v',
      'libx264',
      '-preset',
      'veryfast',
      '-b:v',
      '12M',
      '-g',
      '30',
      '-pix_fmt',
      'yuv420p',
    ]),
  ])
})

describe('upload cuts', () => {
  it('a segment’s overlapping chunks are one ffmpeg process; asked again they come from the cache; two askers share one cut', async () => {
    const { cuts, processes, cutFiles } = setup()
    const chunks: CutSpec[] = [
      { sourcePath: clip, inSec: 0, outSec: 4 },
      { sourcePath: clip, inSec: 3, outSec: 7 },
      { sourcePath: clip, inSec: 6, outSec: 10 },
    ]
    const made = await Promise.all(cuts.request(chunks))
    expect(processes).toHaveLength(1)
    expect(new Set(made.map((c) => c.sha256)).size).toBe(3)
    expect(cutFiles()).toHaveLength(3)

    const again = await Promise.all(cuts.request(chunks))
    expect(again).toEqual(made)
    expect(processes).toHaveLength(1)

    const one: CutSpec = { sourcePath: clip, inSec: 10, outSec: 11.5 }
    const [a, b] = await Promise.all([cuts.request([one])[0]!, cuts.request([one])[0]!])
    expect(a).toEqual(b)
    expect(processes).toHaveLength(2)
  })

  it('ahead of need: one background cut at a time, at the lowest priority; a Generate needing the running one raises it', async () => {
    const raised: Array<{ pid: number; ok: boolean; nice: number }> = []
    const { cuts, processes } = setup((pid) => {
      const ok = raisePriority(pid)
      raised.push({ pid, ok, nice: getPriority(pid) })
      return ok
    })
    const ahead: CutSpec[] = [0, 3, 6].map((s) => ({ sourcePath: heavy, inSec: s, outSec: s + 1.5 }))
    const prepared = cuts.request(ahead, { urgency: 'ahead' })
    await until(() => processes.length === 1)
    expect(processes[0]!.niceAtStart).toBe(LOW_PRIORITY)
    expect(cuts.stats()).toMatchObject({ running: 1, waitingAhead: 2 })
    // Generate asks for the one being made: the same process carries on, now at normal priority.
    const now = await cuts.request([ahead[0]!])[0]!
    expect(processes[0]!.outcome).toBe('ok')
    expect(raised).toHaveLength(1)
    expect(raised[0]!.pid).toBe(processes[0]!.pid)
    if (raised[0]!.ok) expect(raised[0]!.nice).toBe(0) // where the OS allows it (else see the next test)
    expect(now.sha256).toBe((await prepared[0]!).sha256)
    await Promise.all(prepared)
    expect(processes).toHaveLength(3)
    // Never two background cuts at once.
    for (const [i, p] of processes.slice(1).entries())
      expect(p.startedMs).toBeGreaterThanOrEqual(processes[i]!.endedMs!)
  })

  it('where the OS refuses to raise a priority, the background cut is stopped and made again at normal priority', async () => {
    const refused: number[] = []
    const { cuts, processes } = setup((pid) => {
      refused.push(pid)
      return false
    })
    const spec: CutSpec = { sourcePath: heavy, inSec: 1, outSec: 4 }
    const prepared = cuts.request([spec], { urgency: 'ahead' })[0]!
    await until(() => processes.length === 1)
    const cut = await cuts.request([spec])[0]!
    expect(refused).toEqual([processes[0]!.pid])
    expect(processes.map((p) => [p.niceAtStart, p.outcome])).toEqual([
      [LOW_PRIORITY, 'CANCELLED'],
      [0, 'ok'],
    ])
    expect(await prepared).toEqual(cut) // the background asker gets the same cut
  })

  it('a cut nobody waits for any more is stopped and leaves nothing; one a Generate still waits for is not', async () => {
    const { cuts, processes, cutFiles } = setup()
    const prepare = createPrepareAhead(cuts)
    const first: CutSpec = { sourcePath: heavy, inSec: 0, outSec: 3 }
    const second: CutSpec = { sourcePath: heavy, inSec: 2, outSec: 5 }
    prepare.prepare('seg', [first])
    await until(() => processes.length === 1)
    // The segment's range changed: its old cut is thrown away while being made, the new one prepared.
    prepare.prepare('seg', [second])
    await until(() => prepare.pending() === 0)
    expect(processes.map((p) => p.outcome)).toEqual(['CANCELLED', 'ok'])
    expect(cutFiles()).toHaveLength(1)

    // The same, but Generate is waiting for the old range: that cut is finished for it.
    const third: CutSpec = { sourcePath: heavy, inSec: 4, outSec: 7 }
    prepare.prepare('other', [third])
    await until(() => processes.length === 3)
    const generating = cuts.request([third])[0]!
    prepare.prepare('other', [])
    const cut = await generating
    expect(existsSync(cut.path)).toBe(true)
    expect(processes.map((p) => p.outcome)).toEqual(['CANCELLED', 'ok', 'ok'])
    await until(() => cuts.stats().running === 0)
    expect(cuts.stats()).toEqual({ running: 0, runningNow: 0, waitingNow: 0, waitingAhead: 0 })
  })

  it('whenIdle: at once with no cut anyone waits for (background ones do not count); else once their ffmpeg is done', async () => {
    const { cuts, processes } = setup()
    await cuts.whenIdle()
    const ahead = cuts.request([{ sourcePath: heavy, inSec: 0, outSec: 2 }], { urgency: 'ahead' })[0]!
    await until(() => processes.length === 1)
    await cuts.whenIdle() // a background cut is nobody's wait
    expect(processes[0]!.endedMs).toBeNull()
    const now = cuts.request([{ sourcePath: heavy, inSec: 3, outSec: 5 }])[0]!
    await until(() => processes.length === 2)
    await cuts.whenIdle()
    expect(processes[1]!.outcome).toBe('ok')
    await Promise.all([ahead, now])
  })

  it('whenIdle: a background cut that a Generate joined (and raised) is one someone waits for', async () => {
    const raised: number[] = []
    const { cuts, processes } = setup((pid) => raised.push(pid) > 0)
    const spec: CutSpec = { sourcePath: heavy, inSec: 0, outSec: 3 }
    const ahead = cuts.request([spec], { urgency: 'ahead' })[0]!
    await until(() => processes.length === 1)
    const joined = cuts.request([spec])[0]!
    await until(() => raised.length === 1)
    await cuts.whenIdle()
    expect(processes).toHaveLength(1) // the same process carried on
    expect(processes[0]!.endedMs).not.toBeNull()
    expect(await joined).toEqual(await ahead)
  })

  it('a range past the end of the clip is a sentence, and Generate cancelling its wait stops its cut', async () => {
    const { cuts, processes, cutFiles } = setup()
    const past = await cuts.request([{ sourcePath: clip, inSec: 20, outSec: 22 }])[0]!.catch((e: unknown) => e)
    expect(isAppError(past) && past.code).toBe('BAD_INPUT')
    const controller = new AbortController()
    const waiting = cuts.request([{ sourcePath: heavy, inSec: 0, outSec: 6 }], { signal: controller.signal })[0]!
    await until(() => processes.length === 2)
    controller.abort()
    await expect(waiting).rejects.toMatchObject({ code: 'CANCELLED' })
    await until(() => processes[1]!.endedMs !== null)
    expect(processes[1]!.outcome).toBe('CANCELLED')
    expect(cutFiles()).toEqual([])
  })
})
