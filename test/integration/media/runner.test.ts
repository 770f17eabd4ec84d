import { describe, expect, it } from 'vitest'
import { createFfmpegRunner } from '../../../electron/media/ffmpeg/run'
import { testBinaries } from '../../fixtures/media'

const slowJob = ['-re', '-f', 'lavfi', '-i', 'sine=duration=30', '-f', 'null', '-']

describe('the ffmpeg runner', () => {
  it('reports progress and finishes', async () => {
    const runner = createFfmpegRunner(testBinaries())
    const seen: number[] = []
    await runner.ffmpeg(['-f', 'lavfi', '-i', 'sine=duration=3', '-f', 'null', '-'], { onProgress: (p) => seen.push(p.outTimeSec) })
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
    expect(settled.map((r) => r.status === 'rejected' && (r.reason as { code: string }).code)).toEqual(['CANCELLED', 'CANCELLED'])
    expect(Date.now() - started).toBeLessThan(3000)
    expect(runner.running()).toBe(0)
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
})
