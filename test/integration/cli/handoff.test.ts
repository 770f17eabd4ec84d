// `--handoff DIR` on the command line: generate writes the pack of the one-clip timeline it builds beside the MP4,
// export writes a saved project's pack (with or without an MP4); a pack that cannot be written is refused with a
// sentence and a non-zero exit, before anything is generated or paid for.
import { existsSync } from 'node:fs'
import { mkdir, mkdtemp, readdir, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { saveProjectFile } from '../../../electron/project/projectFile'
import { startFalEmulator, type FalEmulator } from '../../emulators/fal'
import { HANDOFF_CLICKS_SEC, handoffProject } from '../../fixtures/handoffProject'
import { clicksByTimecode, timeReference } from '../../fixtures/handoffReaders'
import { decodeAudio, findClicks, flashClip } from '../../fixtures/media'
import { jsonLines, runCli } from './cliHarness'

const FLASHES_SEC = [0.8, 2.36, 4.2]
let fal: FalEmulator
let clip: string

beforeAll(async () => {
  ;[fal, clip] = await Promise.all([
    startFalEmulator(),
    flashClip('cli handoff flashes.mp4', { flashesSec: FLASHES_SEC, durationSec: 5 }),
  ])
})
afterAll(async () => fal?.close())

async function freshEnv() {
  const home = await mkdtemp(join(tmpdir(), 'cli-handoff-'))
  return {
    home,
    env: {
      MMAUDIO_STUDIO_HOME: home,
      FAL_KEY: fal.apiKey,
      MMAUDIO_FAL_BASE_URL: fal.baseUrl,
      MMAUDIO_POLL_INTERVAL_MS: '50',
    },
  }
}

describe('mmaudio-studio --handoff', () => {
  it('generate … --handoff DIR: the MP4 and, beside it, the pack whose sound file clicks on the clip’s flashes at its timecode', async () => {
    const { home, env } = await freshEnv()
    const pack = join(home, 'for the editor')
    const r = await runCli(
      [
        'generate',
        clip,
        '--prompt',
        'clicks',
        '--from',
        '0.5',
        '--to',
        '4.5',
        '-o',
        join(home, 'out.mp4'),
        '--handoff',
        pack,
        '--json',
      ],
      env,
    )
    expect(r.stderr).not.toMatch(/Error/)
    expect(r.code).toBe(0)
    const events = jsonLines(r.stdout)
    expect(new Set(events.filter((e) => e.type === 'progress').map((e) => e.phase))).toEqual(
      new Set(['generate', 'export', 'handoff']),
    )
    expect(events.at(-1)).toMatchObject({ type: 'handoff', folder: pack, soundFiles: 1, stems: 3 }) // lane 1, all generated, original
    const names = await readdir(pack)
    expect(names).toEqual(
      expect.arrayContaining([
        'cli handoff flashes.mp4.fcpxml',
        'cli handoff flashes.mp4 (Premiere).xml',
        'cli handoff flashes.mp4.otio',
        'cli handoff flashes.mp4.mlt',
        'README.txt',
        'Sound',
        'Stems',
      ]),
    )
    const [sound] = await readdir(join(pack, 'Sound'))
    const clicks = await clicksByTimecode(join(pack, 'Sound', sound!))
    expect(clicks).toHaveLength(FLASHES_SEC.length)
    clicks.forEach((c, i) => expect(Math.abs(c - FLASHES_SEC[i]!)).toBeLessThanOrEqual(0.005))
  })

  it('export <project> --handoff DIR without -o writes only the pack', async () => {
    const { home, env } = await freshEnv()
    const projectPath = join(home, 'harbour.mmaudio')
    await saveProjectFile(projectPath, await handoffProject({ timeline: { startTimecode: '10:00:00:00' } }))
    const pack = join(home, 'pack')
    const r = await runCli(['export', projectPath, '--handoff', pack], env)
    expect(r.code).toBe(0)
    expect(r.stdout).toMatch(/Wrote the hand-off pack .*pack: FCPXML, Premiere XML, OTIO, MLT, 3 sound files, 4 stems/)
    expect((await readdir(home)).filter((n) => n.endsWith('.mp4'))).toEqual([])
    const generated = join(pack, 'Stems', 'Harbour cut - Generated.wav')
    expect(await timeReference(generated)).toBe(10 * 3600 * 48000)
    const clicks = findClicks(await decodeAudio(generated), 48000, 0.3)
    clicks.forEach((c, i) => expect(Math.abs(c - HANDOFF_CLICKS_SEC[i]!)).toBeLessThanOrEqual(0.005))
  })

  it('a pack that cannot be written: a non-zero exit and the sentence, and nothing generated or paid for', async () => {
    const { home, env } = await freshEnv()
    // a timeline at 12.5 fps: Premiere XML cannot count it
    const projectPath = join(home, 'odd.mmaudio')
    await saveProjectFile(projectPath, await handoffProject({ timeline: { frameRate: { num: 25, den: 2 } } }))
    const odd = await runCli(['export', projectPath, '--handoff', join(home, 'odd pack')], env)
    expect(odd.code).toBe(2)
    expect(odd.stderr).toMatch(/^Error: The Premiere XML file cannot be written: .*12\.5 fps/m)
    expect(existsSync(join(home, 'odd pack'))).toBe(false)

    // a folder holding the person's own README.txt: refused before the generation starts
    const theirs = join(home, 'their folder')
    await mkdir(theirs)
    await writeFile(join(theirs, 'README.txt'), 'mine')
    const submitsBefore = fal.state.counts.submit
    const r = await runCli(
      ['generate', clip, '--prompt', 'clicks', '-o', join(home, 'o.mp4'), '--handoff', theirs],
      env,
    )
    expect(r.code).toBe(2)
    expect(r.stderr).toMatch(/already holds "README.txt"/)
    expect(fal.state.counts.submit).toBe(submitsBefore)
    expect(existsSync(join(home, 'o.mp4'))).toBe(false)
  })
})
