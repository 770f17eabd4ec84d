import { readFile, writeFile, mkdtemp } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { decodeAudio, findClicks, flashClip } from '../../fixtures/media'
import { synthesize } from '../../emulators/synthAudio'

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
})
