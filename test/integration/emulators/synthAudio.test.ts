import { readFile, writeFile, mkdtemp } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { decodeAudio, findClicks, flashClip } from '../../fixtures/media'
import { bedGainFor, synthesize } from '../../emulators/synthAudio'

describe('emulated MMAudio output', () => {
  it('puts a click on every flash of the uploaded picture, in every container a provider returns', async () => {
    const video = await readFile(await flashClip('flashes.mp4', { flashesSec: [1, 2.48, 3.2], durationSec: 4 }))
    const dir = await mkdtemp(join(tmpdir(), 'synth-'))
    for (const format of ['wav', 'flac', 'mp4'] as const) {
      const out = join(dir, `out.${format}`)
      await writeFile(out, await synthesize({ video, prompt: 'x', seed: 1, durationSec: 8, format }))
      const clicks = findClicks(await decodeAudio(out), 48000)
      expect(clicks, format).toHaveLength(3)
      clicks.forEach((c, i) => {
        expect(Math.abs(c - [1, 2.48, 3.2][i]!), `${format} click ${i}`).toBeLessThan(0.005)
      })
    }
  })

  it('hears only the central square, as MMAudio’s timing model does: a flash at the frame’s edge makes no click', async () => {
    const video = await readFile(
      await flashClip('edge flashes.mp4', {
        flashesSec: [1, 2],
        durationSec: 3,
        region: { x: 0.8, y: 0, w: 0.2, h: 1 },
      }),
    )
    const out = join(await mkdtemp(join(tmpdir(), 'synth-')), 'edge.wav')
    await writeFile(out, await synthesize({ video, prompt: 'x', seed: 1, durationSec: 8, format: 'wav' }))
    expect(findClicks(await decodeAudio(out), 48000)).toEqual([])
  })

  it('takes differ in level from seed to seed, as real ones do (the bed within ±6 dB of −40 dBFS)', () => {
    const levels = Array.from({ length: 40 }, (_, seed) => Math.round(20 * Math.log10(bedGainFor('rain', seed))))
    expect(Math.min(...levels)).toBe(-6)
    expect(Math.max(...levels)).toBe(6)
    expect(new Set(levels).size).toBeGreaterThan(8)
  })
})
