// The CLI's shots, as a child process: `shots` prints the known-cuts clip's cuts (one per line, or JSON, for any
// threshold from one cached scan); `generate --by-shots` generates one segment per shot against the fal
// emulator and exports them together; a shot whose call fails is named and left silent (exit 1), and the
// others are used.
import { mkdtemp } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startFalEmulator, type FalEmulator } from '../../emulators/fal'
import { clicksInMix, probeJson, testClip } from '../../fixtures/media'
import { FLASH_SEC, KNOWN_CUTS_CLIP_SEC, KNOWN_CUTS_SEC, knownCutsClip } from '../../fixtures/shots'
import { jsonLines, runCli } from './cliHarness'

let fal: FalEmulator
let clip: string
beforeAll(async () => {
  ;[fal, clip] = await Promise.all([startFalEmulator(), knownCutsClip()])
}, 120_000)
afterAll(async () => fal?.close())

async function freshEnv() {
  const home = await mkdtemp(join(tmpdir(), 'cli-shots-'))
  const env = {
    MMAUDIO_STUDIO_HOME: home,
    FAL_KEY: fal.apiKey,
    MMAUDIO_FAL_BASE_URL: fal.baseUrl,
    MMAUDIO_POLL_INTERVAL_MS: '50',
  }
  return { home, env }
}

describe('mmaudio-studio shots', () => {
  it('prints the cuts, one per line in seconds; --json one object; another threshold reuses the cached scan', async () => {
    const { env } = await freshEnv()
    const plain = await runCli(['shots', clip], env)
    expect(plain.code).toBe(0)
    const cuts = plain.stdout.trim().split('\n').map(Number)
    expect(cuts).toHaveLength(KNOWN_CUTS_SEC.length)
    for (const [i, k] of KNOWN_CUTS_SEC.entries()) expect(Math.abs(cuts[i]! - k)).toBeLessThanOrEqual(0.3)

    const json = await runCli(['shots', clip, '--threshold', '45', '--json'], env)
    expect(json.code).toBe(0)
    const events = jsonLines(json.stdout)
    expect(events.filter((e) => e.type === 'progress')).toEqual([]) // cached: nothing decoded again
    expect(events.find((e) => e.type === 'shots')).toMatchObject({ threshold: 45, durationSec: 16, cutsSec: [9.24] })

    // One continuous shot: stdout stays empty for scripts, and the person is told why.
    const oneShot = await testClip('one shot.mp4', { durationSec: 3 })
    const none = await runCli(['shots', oneShot], env)
    expect(none.code).toBe(0)
    expect(none.stdout).toBe('')
    expect(none.stderr).toMatch(/No cuts in "one shot\.mp4" at threshold 10: it is one shot/)
  })

  it('a bad threshold, or one without --by-shots, is a usage error with a sentence', async () => {
    const { env } = await freshEnv()
    const bad = await runCli(['shots', clip, '--threshold', 'lots'], env)
    expect(bad.code).toBe(2)
    expect(bad.stderr).toContain('--threshold must be a number from 3 to 60')
    const stray = await runCli(['generate', clip, '--prompt', 'x', '-o', 'x.mp4', '--threshold', '5'], env)
    expect(stray.code).toBe(2)
    expect(stray.stderr).toContain('--threshold goes with --by-shots')
  })
})

describe('mmaudio-studio generate --by-shots', () => {
  it('one segment per shot, generated and exported together: the flash’s click lands on the flash', async () => {
    const { home, env } = await freshEnv()
    const out = join(home, 'by shots.mp4')
    const submitsBefore = fal.submits.length
    const r = await runCli(['generate', clip, '--prompt', 'impacts', '--by-shots', '-o', out, '--json'], env)
    expect(r.code, r.stderr).toBe(0)
    const events = jsonLines(r.stdout)
    const shots = KNOWN_CUTS_SEC.length + 1
    expect(events.find((e) => e.type === 'estimate')).toMatchObject({ calls: shots, billedSec: KNOWN_CUTS_CLIP_SEC })
    expect(fal.submits.length - submitsBefore).toBe(shots)
    const result = events.find((e) => e.type === 'result') as unknown as {
      shots: Array<{ startSec: number; endSec: number }>
    }
    expect(result.shots).toHaveLength(shots)
    expect(result.shots[0]!.startSec).toBe(0)
    expect(result.shots.at(-1)!.endSec).toBe(KNOWN_CUTS_CLIP_SEC)
    const probe = await probeJson(out)
    expect(probe.streams.map((s) => s.codec_type).sort()).toEqual(['audio', 'video'])
    const clicks = await clicksInMix(out)
    expect(clicks, `${out} ${clicks.map((c) => c.toFixed(3)).join(' ')}`).toHaveLength(1)
    expect(Math.abs(clicks[0]! - FLASH_SEC)).toBeLessThanOrEqual(0.005)
  })

  it('a shot whose call fails is named and left silent; the rest are exported; exit code 1', async () => {
    const { home, env } = await freshEnv()
    const out = join(home, 'one failed.mp4')
    fal.state.outcomes = [{ kind: 'fail', message: 'GPU worker crashed' }]
    const r = await runCli(['generate', clip, '--prompt', 'impacts', '--by-shots', '-o', out, '--json'], env)
    expect(r.code).toBe(1)
    const events = jsonLines(r.stdout)
    const failed = events.filter((e) => e.type === 'file-failed')
    expect(failed).toHaveLength(1)
    expect(JSON.stringify(failed[0])).toContain('GPU worker crashed')
    expect(events.find((e) => e.type === 'summary')).toMatchObject({ succeeded: KNOWN_CUTS_SEC.length, failed: 1 })
    expect((await probeJson(out)).streams.some((s) => s.codec_type === 'audio')).toBe(true)
  })
})
