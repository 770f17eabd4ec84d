// `generate … --focus X,Y,W,H` as a user runs it: flashes only at the frame's left edge (outside the square
// MMAudio's timing model sees) give an MP4 with a click on each flash when the focus is put there; a box that
// leaves the frame is refused with a sentence before anything is sent.
import { mkdtemp } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startFalEmulator, type FalEmulator } from '../../emulators/fal'
import { clicksInMix, decodeAudio, flashClip } from '../../fixtures/media'
import { jsonLines, runCli } from './cliHarness'

const FLASHES_SEC = [0.8, 2.36]
let fal: FalEmulator
let clip: string

beforeAll(async () => {
  ;[fal, clip] = await Promise.all([
    startFalEmulator(),
    flashClip('cli edge flashes.mp4', {
      flashesSec: FLASHES_SEC,
      durationSec: 3,
      region: { x: 0, y: 0, w: 0.2, h: 1 },
    }),
  ])
  fal.state.timing = { queueMs: 10, runMs: 20 }
})
afterAll(() => fal?.close())

async function env() {
  const home = await mkdtemp(join(tmpdir(), 'cli-focus-'))
  return {
    home,
    env: {
      MMAUDIO_STUDIO_HOME: home,
      FAL_KEY: fal.apiKey,
      MMAUDIO_FAL_BASE_URL: fal.baseUrl,
      MMAUDIO_POLL_INTERVAL_MS: '20',
    },
  }
}

describe('mmaudio-studio generate --focus', () => {
  it('shows the model the box: the edge flashes sound in the MP4; without it they do not', async () => {
    const { home, env: e } = await env()
    const run = (out: string, focus: string[]) =>
      runCli(['generate', clip, '--prompt', 'flash', '--seed', '3', ...focus, '-o', join(home, out), '--json'], e)
    const boxed = await run('boxed.mp4', ['--focus', '0,0,0.2,1'])
    expect(boxed.code, boxed.stderr).toBe(0)
    const clicks = await clicksInMix(join(home, 'boxed.mp4'))
    expect(clicks).toHaveLength(FLASHES_SEC.length)
    for (const [i, c] of clicks.entries()) expect(Math.abs(c - FLASHES_SEC[i]!)).toBeLessThan(0.005)
    const whole = await run('whole.mp4', [])
    expect(whole.code, whole.stderr).toBe(0)
    // no click above the bed: the loudest sound over 1 kHz is far below the clicks of the boxed one
    const highs = async (name: string) =>
      (await decodeAudio(join(home, name), 48000, 'highpass=f=1000,highpass=f=1000')).reduce(
        (m, x) => Math.max(m, Math.abs(x)),
        0,
      )
    expect(await highs('whole.mp4')).toBeLessThan((await highs('boxed.mp4')) / 10)
  })

  it('a box outside the frame: exit code 2 and the sentence, nothing sent', async () => {
    const { home, env: e } = await env()
    const before = fal.state.counts.submit
    const r = await runCli(
      ['generate', clip, '--prompt', 'x', '--focus', '0.9,0,0.2,1', '-o', join(home, 'o.mp4'), '--json'],
      e,
    )
    expect(r.code).toBe(2)
    expect(jsonLines(r.stdout).at(-1)).toMatchObject({
      type: 'error',
      error: { code: 'BAD_INPUT', message: expect.stringMatching(/--focus must be X,Y,W,H/) },
    })
    expect(fal.state.counts.submit).toBe(before)
  })
})
