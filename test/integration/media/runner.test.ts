import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs'
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
