import { chmodSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { getPriority, tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { createFfmpegRunner, LOW_PRIORITY, raisePriority } from '../../../electron/media/ffmpeg/run'
import { testBinaries } from '../../fixtures/media'
import { isAlive } from '../../fixtures/processes'

/** A stand-in for a binary: a shell script (POSIX only), for what real ffmpeg cannot be made to do on demand. */
function fakeTool(name: string, script: string): string {
  const path = join(mkdtempSync(join(tmpdir(), 'fake-tool-')), name)
  writeFileSync(path, `#!/bin/sh\n${script}\n`)
  chmodSync(path, 0o755)
  return path
}

/** The nice value of each thread of a process (Linux): field 19 of /proc/<pid>/task/<tid>/stat. */
function threadNices(pid: number): number[] {
  try {
    return readdirSync(`/proc/${pid}/task`).map((tid) => {
      const stat = readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8')
      return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[16])
    })
  } catch {
    return []
  }
}

const slowJob = ['-re', '-f', 'lavfi', '-i', 'sine=duration=30', '-f', 'null', '-']

describe('the ffmpeg runner', () => {
  it('reports progress and finishes', async () => {
    const runner = createFfmpegRunner(testBinaries())
    const seen: number[] = []
    await runner.ffmpeg(['-f', 'lavfi', '-i', 'sine=duration=3', '-f', 'null', '-'], {
      onProgress: (p) => seen.push(p.outTimeSec),
    })
    expect(seen.at(-1)).toBeCloseTo(3, 1)
    expect(runner.running()).toBe(0)
  })

  it('cancels through an AbortSignal, and stops every running process on quit', async () => {
    const runner = createFfmpegRunner(testBinaries())
    const controller = new AbortController()
    const one = runner.ffmpeg(slowJob, { signal: controller.signal })
    const others = Promise.allSettled([runner.ffmpeg(slowJob), runner.ffmpeg(slowJob)])
    await new Promise((r) => setTimeout(r, 300))
    expect(runner.running()).toBe(3)
    controller.abort()
    await expect(one).rejects.toMatchObject({ code: 'CANCELLED' })
    const started = Date.now()
    runner.abortAll()
    const settled = await others
    expect(settled.map((r) => r.status === 'rejected' && (r.reason as { code: string }).code)).toEqual([
      'CANCELLED',
      'CANCELLED',
    ])
    expect(Date.now() - started).toBeLessThan(3000)
    expect(runner.running()).toBe(0)
  })

  it('runs work done ahead of need at the lowest CPU priority, and raises it when someone waits for it', async () => {
    const runner = createFfmpegRunner(testBinaries())
    const controller = new AbortController()
    let pid = 0
    const job = runner.ffmpeg(slowJob, { lowPriority: true, signal: controller.signal, onSpawn: (p) => (pid = p) })
    expect(getPriority(pid)).toBe(LOW_PRIORITY)
    // Only a privileged process may raise a priority again on Linux and macOS: then it says so, and the caller
    // starts the work again instead.
    const raised = raisePriority(pid)
    expect(getPriority(pid)).toBe(raised ? 0 : LOW_PRIORITY)
    expect(
      raisePriority(pid, () => {
        throw Object.assign(new Error('EACCES'), { code: 'EACCES' })
      }),
    ).toBe(false)
    controller.abort()
    await expect(job).rejects.toMatchObject({ code: 'CANCELLED' })
  })

  // On Linux each thread has its own priority: the decoding threads, where the work is, must be raised too, or a
  // cut someone waits for stays starved by whatever else keeps the cores busy.
  it.skipIf(process.platform !== 'linux')(
    'raising a low-priority decode raises every one of its threads, the decoding ones too',
    async () => {
      const runner = createFfmpegRunner(testBinaries())
      const controller = new AbortController()
      let pid = 0
      const decode = ['-re', '-f', 'lavfi', '-i', 'testsrc2=size=1280x720:rate=25:duration=30']
      const job = runner.ffmpeg([...decode, '-c:v', 'libx264', '-preset', 'ultrafast', '-f', 'null', '-'], {
        lowPriority: true,
        signal: controller.signal,
        onSpawn: (p) => (pid = p),
      })
      await expect.poll(() => threadNices(pid).length, { timeout: 10_000 }).toBeGreaterThan(1)
      expect(new Set(threadNices(pid))).toEqual(new Set([LOW_PRIORITY]))
      const raised = raisePriority(pid)
      expect(new Set(threadNices(pid))).toEqual(new Set([raised ? 0 : LOW_PRIORITY]))
      controller.abort()
      await expect(job).rejects.toMatchObject({ code: 'CANCELLED' })
    },
  )

  it('a thread that ends while it is raised is passed over; a refusal is still a refusal', () => {
    const gone = Object.assign(new Error('no such process'), { info: { code: 'ESRCH' } })
    const denied = Object.assign(new Error('permission denied'), { info: { code: 'EACCES' } })
    const set = (fail: Record<number, Error>) => (id: number) => {
      if (fail[id]) throw fail[id]
    }
    const threads = () => [10, 11, 12]
    expect(raisePriority(10, set({ 11: gone }), threads)).toBe(true)
    expect(raisePriority(10, set({ 12: denied }), threads)).toBe(false)
    expect(raisePriority(10, set({ 10: gone }), threads)).toBe(false)
  })

  it("puts ffmpeg's own words in the error", async () => {
    const runner = createFfmpegRunner(testBinaries())
    await expect(runner.ffmpeg(['-i', '/no/such/input.mp4', '-f', 'null', '-'])).rejects.toMatchObject({
      code: 'FFMPEG',
      message: expect.stringContaining('No such file or directory'),
    })
  })

  it('a binary that is not there is FFMPEG_MISSING, not a crash', async () => {
    const runner = createFfmpegRunner({ ffmpeg: '/no/such/ffmpeg', ffprobe: '/no/such/ffprobe' })
    await expect(runner.ffmpeg(['-version'])).rejects.toMatchObject({ code: 'FFMPEG_MISSING' })
    await expect(runner.ffprobe(['-version'])).rejects.toMatchObject({ code: 'FFMPEG_MISSING' })
  })

  it('every process is handed to the child watcher while it runs and released when it ends', async () => {
    const events: string[] = []
    const guard = {
      watch: (pid: number) => events.push(`+${isAlive(pid) ? 'alive' : 'gone'}`),
      release: (pid: number) => events.push(`-${pid > 0 ? 'pid' : 'none'}`),
    }
    const runner = createFfmpegRunner(testBinaries(), { guard })
    await runner.ffmpeg(['-f', 'lavfi', '-i', 'sine=duration=0.5', '-f', 'null', '-'])
    await runner.ffprobe(['-version'])
    await runner.ffmpeg(['-i', '/no/such/input.mp4', '-f', 'null', '-']).catch(() => undefined)
    expect(events).toEqual(['+alive', '-pid', '+alive', '-pid', '+alive', '-pid'])
  })

  it('an input read from stdin ends at once: the tools get no stdin to wait on', async () => {
    const runner = createFfmpegRunner(testBinaries())
    const started = Date.now()
    await expect(runner.ffmpeg(['-i', '-', '-f', 'null', '-'])).rejects.toMatchObject({ code: 'FFMPEG' })
    expect(Date.now() - started).toBeLessThan(5000)
  })

  it("ffprobe's failures are in its own words too, and stdout is collected whole", async () => {
    const runner = createFfmpegRunner(testBinaries())
    await expect(runner.ffprobe(['-v', 'error', '/no/such/input.mp4'])).rejects.toMatchObject({
      code: 'FFMPEG',
      message: expect.stringMatching(/^ffprobe failed: .*No such file or directory/),
    })
    const { stdout } = await runner.ffprobe([
      '-v',
      'error',
      '-f',
      'lavfi',
      '-i',
      'sine=duration=1',
      '-show_entries',
      'stream=codec_type',
      '-of',
      'json',
    ])
    expect(JSON.parse(stdout.toString('utf8'))).toMatchObject({ streams: [{ codec_type: 'audio' }] })
  })

  it.skipIf(process.platform === 'win32')(
    'the tools run with GCONV_PATH emptied on Linux (the static builds crash on MPEG-TS otherwise)',
    async () => {
      const printsEnv = fakeTool('ffmpeg', 'echo "GCONV_PATH=[$GCONV_PATH]" >&2; exit 3')
      const linux = createFfmpegRunner(
        { ffmpeg: printsEnv, ffprobe: printsEnv },
        { platform: 'linux', env: { PATH: process.env.PATH } },
      )
      await expect(linux.ffmpeg([])).rejects.toMatchObject({
        code: 'FFMPEG',
        message: 'ffmpeg failed: GCONV_PATH=[/dev/null]',
      })
      const mac = createFfmpegRunner(
        { ffmpeg: printsEnv, ffprobe: printsEnv },
        { platform: 'darwin', env: { PATH: process.env.PATH } },
      )
      await expect(mac.ffmpeg([])).rejects.toMatchObject({ code: 'FFMPEG', message: 'ffmpeg failed: GCONV_PATH=[]' })
    },
  )

  it.skipIf(process.platform === 'win32')(
    'a silent failure names its exit code; a tool that ignores the stop is killed 2 s later',
    async () => {
      const silent = fakeTool('ffprobe', 'exit 5')
      await expect(createFfmpegRunner({ ffmpeg: silent, ffprobe: silent }).ffprobe([])).rejects.toMatchObject({
        code: 'FFMPEG',
        message: 'ffprobe failed: ffprobe exited with code 5',
      })
      const stubborn = fakeTool('ffmpeg', "trap '' TERM\nexec sleep 30")
      const runner = createFfmpegRunner({ ffmpeg: stubborn, ffprobe: stubborn })
      const controller = new AbortController()
      const run = runner.ffmpeg([], { signal: controller.signal })
      await new Promise((r) => setTimeout(r, 200))
      const started = Date.now()
      controller.abort()
      await expect(run).rejects.toMatchObject({ code: 'CANCELLED' })
      expect(Date.now() - started).toBeGreaterThanOrEqual(1900)
      expect(Date.now() - started).toBeLessThan(4000)
      expect(runner.running()).toBe(0)
    },
  )

  it('keeps the last 40 lines of stderr, so a long log still ends in the report the export reads', async () => {
    const runner = createFfmpegRunner(testBinaries())
    const { stderr } = await runner.ffmpeg([
      '-v',
      'debug',
      '-f',
      'lavfi',
      '-i',
      'sine=duration=1',
      '-af',
      'loudnorm=print_format=json',
      '-f',
      'null',
      '-',
    ])
    // At debug level ffmpeg writes some 80 lines; the last 39 whole ones and the (empty) unfinished one are kept.
    const lines = stderr.split('\n')
    expect(lines).toHaveLength(40)
    expect(stderr).toMatch(/"input_i" : "-?\d/)
    expect(lines.at(-2)?.trim()).toBe('}')
  })
})
