// The `mmaudio-studio` CLI as a user runs it: a child process against provider emulators.
import { existsSync } from 'node:fs'
import { mkdir, mkdtemp, readFile, writeFile, copyFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { singleClipProject } from '../../../electron/cli/project'
import { createFfmpegRunner } from '../../../electron/media/ffmpeg/run'
import { importAsset } from '../../../electron/media/importAsset'
import { saveProjectFile } from '../../../electron/project/projectFile'
import { DEFAULT_GENERATION, DEFAULT_TAKE_MIX } from '../../../shared/domain/project'
import { decodeAudio, findClicks, flashClip, probeJson, testBinaries } from '../../fixtures/media'
import { startFalEmulator, type FalEmulator } from '../../emulators/fal'
import { jsonLines, runCli, startCli } from './cliHarness'

const FLASHES_SEC = [0.8, 2.36, 4.2, 5.24]
let fal: FalEmulator
let clip: string

beforeAll(async () => {
  ;[fal, clip] = await Promise.all([
    startFalEmulator(),
    flashClip('cli flashes.mp4', { flashesSec: FLASHES_SEC, durationSec: 6 }),
  ])
})
afterAll(async () => fal?.close())

async function freshEnv(over: Record<string, string> = {}) {
  const home = await mkdtemp(join(tmpdir(), 'cli-'))
  return {
    home,
    env: {
      MMAUDIO_STUDIO_HOME: home,
      FAL_KEY: fal.apiKey,
      MMAUDIO_FAL_BASE_URL: fal.baseUrl,
      MMAUDIO_POLL_INTERVAL_MS: '50',
      ...over,
    },
  }
}

async function waitFor<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 30_000): Promise<T> {
  const until = Date.now() + timeoutMs
  for (;;) {
    const v = await probe()
    if (v !== undefined) return v
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`)
    await new Promise((r) => setTimeout(r, 50))
  }
}

async function expectClicksOnFlashes(mp4: string): Promise<void> {
  const samples = await decodeAudio(mp4)
  const peak = samples.reduce((m, x) => Math.max(m, Math.abs(x)), 0)
  const clicks = findClicks(samples, 48000, peak * 0.5)
  expect(clicks).toHaveLength(FLASHES_SEC.length)
  clicks.forEach((c, i) => {
    expect(Math.abs(c - FLASHES_SEC[i]!)).toBeLessThan(0.005)
  })
}

describe('mmaudio-studio CLI', () => {
  it('RESUME: killed (SIGKILL) while it polls, then run again: one submit in all, and a complete, correct MP4', async () => {
    fal.state.timing = { queueMs: 100, runMs: 4000 }
    try {
      const { home, env } = await freshEnv()
      const out = join(home, 'out', 'resumed.mp4')
      const args = ['generate', clip, '--prompt', 'clicks', '--original', 'mute', '-o', out, '--json']
      const submitsBefore = fal.state.counts.submit
      const first = startCli(args, env)
      const journalPath = join(home, 'journal.json')
      const requestId = await waitFor('the journal to hold the request id', async () => {
        if (!existsSync(journalPath)) return undefined
        const j = JSON.parse(await readFile(journalPath, 'utf8')) as {
          entries: Array<{ status: string; requestId: string }>
        }
        return j.entries.find((e) => e.status === 'pending')?.requestId
      })
      // It is polling now: the provider has the job and it is not finished.
      expect(fal.state.jobs.has(requestId)).toBe(true)
      expect(fal.state.phase(fal.state.jobs.get(requestId)!)).not.toBe('succeeded')
      first.child.kill('SIGKILL')
      expect((await first.done).signal).toBe('SIGKILL')
      expect(existsSync(out)).toBe(false)
      expect(fal.state.counts.submit - submitsBefore).toBe(1)

      const second = await runCli(args, env)
      expect(second.stderr).toBe('')
      expect(second.code).toBe(0)
      expect(fal.state.counts.submit - submitsBefore).toBe(1)
      const events = jsonLines(second.stdout)
      expect(events.some((e) => e.type === 'message' && String(e.text).includes(requestId))).toBe(true)
      const take = events.find((e) => e.type === 'take') as { requestIds: string[] } | undefined
      expect(take?.requestIds).toEqual([requestId])
      const probed = await probeJson(out)
      expect(probed.streams.map((s) => s.codec_type).sort()).toEqual(['audio', 'video'])
      expect(Number(probed.format.duration)).toBeCloseTo(6, 1)
      await expectClicksOnFlashes(out)
      const journal = JSON.parse(await readFile(join(home, 'journal.json'), 'utf8')) as {
        entries: Array<{ status: string; requestId: string }>
      }
      expect(journal.entries.find((e) => e.requestId === requestId)?.status).toBe('done')
    } finally {
      fal.state.timing = { queueMs: 30, runMs: 60 }
    }
  })

  it('RESUME with random seeds: a take that finished before the kill is reused from the cache, the other resumed; still no new submit', async () => {
    const { home, env } = await freshEnv()
    const out = join(home, 'two.mp4')
    const args = ['generate', clip, '--prompt', 'clicks', '--takes', '2', '--original', 'mute', '-o', out, '--json']
    const submitsBefore = fal.state.counts.submit
    fal.state.outcomes.push({ kind: 'ok' }, { kind: 'hang' })
    const first = startCli(args, env)
    const journalPath = join(home, 'journal.json')
    type Entry = { status: string; requestId: string; seed: number }
    const entries = await waitFor('one take done and one pending', async () => {
      if (!existsSync(journalPath)) return undefined
      const j = JSON.parse(await readFile(journalPath, 'utf8')) as { entries: Entry[] }
      const states = j.entries.map((e) => e.status).sort()
      return states.join() === 'done,pending' ? j.entries : undefined
    })
    first.child.kill('SIGKILL')
    await first.done
    fal.state.outcomes.length = 0
    const hung = entries.find((e) => e.status === 'pending')!
    fal.state.jobs.get(hung.requestId)!.outcome = { kind: 'ok' }

    const second = await runCli(args, env)
    expect(second.code).toBe(0)
    expect(fal.state.counts.submit - submitsBefore).toBe(2)
    const takes = jsonLines(second.stdout).filter((e) => e.type === 'take') as unknown as Array<{
      seed: number
      requestIds: string[]
    }>
    expect(takes.map((t) => t.seed).sort()).toEqual(entries.map((e) => e.seed).sort())
    expect(takes.flatMap((t) => t.requestIds).sort()).toEqual(entries.map((e) => e.requestId).sort())
    await expectClicksOnFlashes(out)
  })

  it('--json: one JSON object per line, from start through estimate and progress to the takes and the result; extra takes beside the MP4', async () => {
    const { home, env } = await freshEnv()
    const out = join(home, 'two takes.mp4')
    const r = await runCli(
      [
        'generate',
        clip,
        '--prompt',
        'clicks',
        '--from',
        '1',
        '--to',
        '5',
        '--takes',
        '2',
        '--seed',
        '9',
        '-o',
        out,
        '--json',
      ],
      env,
    )
    expect(r.code).toBe(0)
    const events = jsonLines(r.stdout)
    const types = events.map((e) => e.type)
    expect(types[0]).toBe('start')
    expect(types[1]).toBe('estimate')
    expect(events[1]).toMatchObject({ calls: 2, billedSec: 8, usd: 0.008 })
    expect(types.filter((t) => t === 'progress').length).toBeGreaterThan(3)
    expect(new Set(events.filter((e) => e.type === 'progress').map((e) => e.phase))).toEqual(
      new Set(['generate', 'export']),
    )
    const takes = events.filter((e) => e.type === 'take') as unknown as Array<{
      seed: number
      path: string
      inOutput: boolean
    }>
    expect(takes.map((t) => [t.seed, t.inOutput])).toEqual([
      [9, true],
      [10, false],
    ])
    expect(takes[1]!.path).toBe(join(home, 'two takes.take2.wav'))
    expect(existsSync(takes[1]!.path)).toBe(true)
    expect(types.at(-1)).toBe('result')
    expect(existsSync(out)).toBe(true)

    // export <project-file>: a saved project with the second take, rendered by the same export service.
    const asset = await importAsset(createFfmpegRunner(testBinaries()), clip)
    const take = {
      id: 't2',
      provider: 'fal' as const,
      seed: 10,
      path: takes[1]!.path,
      durationSec: 4,
      requestIds: [],
      createdAt: new Date().toISOString(),
      mix: { ...DEFAULT_TAKE_MIX },
    }
    const projectPath = join(home, 'saved.mmaudio')
    await saveProjectFile(
      projectPath,
      singleClipProject({
        asset,
        fromSec: 1,
        toSec: 5,
        params: { ...DEFAULT_GENERATION, prompt: 'clicks' },
        takes: [take],
        original: 'mute',
        now: new Date().toISOString(),
      }),
    )
    const rendered = join(home, 'rendered.mp4')
    const r2 = await runCli(['export', projectPath, '-o', rendered, '--loudness', 'podcast'], env)
    expect(r2.stderr).not.toMatch(/Error/)
    expect(r2.stderr).toMatch(/^export \[#*-*\] .*encoding/m)
    expect(r2.code).toBe(0)
    expect(r2.stdout).toContain(rendered)
    const samples = await decodeAudio(rendered)
    const peak = samples.reduce((m, x) => Math.max(m, Math.abs(x)), 0)
    expect(findClicks(samples, 48000, peak * 0.5).map((c) => Math.round(c * 100) / 100)).toEqual([2.36, 4.2])
    // --loudness off: original levels (not normalised, no limiter)
    const off = await runCli(['export', projectPath, '-o', rendered, '--loudness', 'off'], env)
    expect(off.code).toBe(0)
    expect(off.stdout).toContain(rendered)
  })

  it('what would make the export fail is found before anything is generated or paid for', async () => {
    const { home, env } = await freshEnv()
    const submitsBefore = fal.state.counts.submit
    // -o names a folder (one called "out.mp4"): the MP4 could not be written there after the generation.
    const folder = join(home, 'out.mp4')
    await mkdir(folder)
    const r = await runCli(['generate', clip, '--prompt', 'clicks', '-o', folder, '--json'], env)
    expect(r.code).toBe(2)
    expect(jsonLines(r.stdout).at(-1)).toMatchObject({
      type: 'error',
      error: { code: 'BAD_INPUT', message: expect.stringMatching(/is a folder: give a file name/) },
    })
    expect(jsonLines(r.stdout).some((e) => e.type === 'estimate' || e.type === 'progress')).toBe(false)
    expect(fal.state.counts.submit - submitsBefore).toBe(0)
  })

  it('a rejected key: exit code 1 and the error’s sentence (stderr; an error event with --json); nothing else runs', async () => {
    const { env } = await freshEnv({ FAL_KEY: 'not-the-right-key-123' })
    const plain = await runCli(
      ['generate', clip, '--prompt', 'clicks', '-o', join(env.MMAUDIO_STUDIO_HOME, 'x.mp4')],
      env,
    )
    expect(plain.code).toBe(1)
    expect(plain.stderr).toMatch(/^Error: .*rejected the API key.*FAL_KEY/m)
    expect(plain.stderr).not.toContain('not-the-right-key-123')
    const json = await runCli(
      ['generate', clip, '--prompt', 'clicks', '-o', join(env.MMAUDIO_STUDIO_HOME, 'x.mp4'), '--json'],
      env,
    )
    expect(json.code).toBe(1)
    expect(jsonLines(json.stdout).at(-1)).toMatchObject({ type: 'error', error: { code: 'PROVIDER_AUTH' } })
    const usage = await runCli(['generate', clip, '-o', 'x.mp4'], env)
    expect(usage.code).toBe(2)
    expect(usage.stderr).toMatch(/--prompt is required/)
  })

  it('batch: every video in the folder; a broken file does not stop the rest; a summary at the end', async () => {
    const { home, env } = await freshEnv()
    const folder = join(home, 'in')
    await mkdir(folder)
    await copyFile(clip, join(folder, 'a good one.mp4'))
    await writeFile(join(folder, 'broken.mp4'), 'not a video at all')
    await writeFile(join(folder, 'notes.txt'), 'ignored')
    const r = await runCli(['batch', folder, '--prompt', 'clicks', '-o', join(home, 'out'), '--json'], env)
    expect(r.code).toBe(1)
    const events = jsonLines(r.stdout)
    expect(events.find((e) => e.type === 'file-failed')).toMatchObject({
      file: 'broken.mp4',
      error: { code: 'NOT_A_VIDEO' },
    })
    expect(events.at(-1)).toMatchObject({ type: 'summary', succeeded: 1, failed: 1 })
    expect(existsSync(join(home, 'out', 'a good one.mp4'))).toBe(true)
  })

  it('batch into the folder it reads: a result never replaces a video; videos sharing a name keep both results', async () => {
    const { home, env } = await freshEnv()
    const folder = join(home, 'shoot')
    await mkdir(folder)
    await copyFile(clip, join(folder, 'clip.mov'))
    await copyFile(clip, join(folder, 'clip.mp4'))
    const original = await readFile(clip)
    const r = await runCli(['batch', folder, '--prompt', 'clicks', '-o', folder, '--json'], env)
    expect(r.code).toBe(0)
    for (const name of ['clip.mov', 'clip.mp4'])
      expect((await readFile(join(folder, name))).equals(original)).toBe(true)
    await expectClicksOnFlashes(join(folder, 'clip.mov.mp4'))
    await expectClicksOnFlashes(join(folder, 'clip.mp4.mp4'))

    // Where a result would land on a video, nothing is generated (nor paid for): the sentence says what to do.
    const lone = join(home, 'lone')
    await mkdir(lone)
    await copyFile(clip, join(lone, 'take.mp4'))
    const submitsBefore = fal.state.counts.submit
    const refused = await runCli(['batch', lone, '--prompt', 'clicks', '-o', lone], env)
    expect(refused.code).toBe(2)
    expect(refused.stderr).toMatch(/would replace "take\.mp4" with its result\. Choose another folder with -o/)
    expect(fal.state.counts.submit).toBe(submitsBefore)
    expect((await readFile(join(lone, 'take.mp4'))).equals(original)).toBe(true)
  })

  it('what is sent other than asked is said: a --to past the clip’s end, a --steps the provider does not take', async () => {
    const { home, env } = await freshEnv()
    const out = join(home, 'said.mp4')
    const r = await runCli(
      ['generate', clip, '--prompt', 'clicks', '--to', '100', '--steps', '2', '-o', out, '--json'],
      env,
    )
    expect(r.code).toBe(0)
    const said = jsonLines(r.stdout)
      .filter((e) => e.type === 'message')
      .map((e) => e.text)
    expect(said).toContainEqual(expect.stringMatching(/--to 100 is past the end of "cli flashes\.mp4" \(6\.00 s\)/))
    expect(said).toContainEqual(
      expect.stringMatching(/^fal\.ai takes --steps from \d+ to \d+: --steps 2 is sent as \d+\.$/),
    )
    expect(jsonLines(r.stdout).at(-1)).toMatchObject({ type: 'result', toSec: 6 })
  })

  it('a place the result cannot be written is refused before anything is paid for, in words', async () => {
    const { home, env } = await freshEnv()
    const aFile = join(home, 'a file')
    await writeFile(aFile, 'not a folder')
    const submitsBefore = fal.state.counts.submit
    const cases = [
      { args: ['text', 'rain', '--duration', '2', '-o', join(aFile, 'rain.wav')], says: /is a file, not a folder/ },
      { args: ['text', 'rain', '--duration', '2', '-o', join(home, 'folder.wav')], says: /is a folder/, dir: true },
      {
        args: ['generate', clip, '--prompt', 'clicks', '-o', join(aFile, 'deeper', 'x.mp4')],
        says: /is a file, so the folder .* cannot be made inside it/,
      },
      {
        args: ['generate', clip, '--prompt', 'clicks', '-o', join(home, 'ok.mp4'), '--handoff', aFile],
        says: /is a file, not a folder: choose another place/,
      },
    ]
    for (const c of cases) {
      if (c.dir) await mkdir(join(home, 'folder.wav'), { recursive: true })
      const r = await runCli(c.args, env)
      expect(r.code, c.args.join(' ')).toBe(2)
      expect(r.stderr, c.args.join(' ')).toMatch(c.says)
      expect(r.stderr).not.toMatch(/EEXIST|EISDIR|ENOTDIR/)
    }
    expect(fal.state.counts.submit).toBe(submitsBefore)
    expect(existsSync(join(home, 'ok.mp4'))).toBe(false)
  })

  it('text and providers: a WAV of the asked length; every provider listed with whether its key is set, never the key', async () => {
    const { home, env } = await freshEnv()
    const wav = join(home, 'rain.wav')
    const t = await runCli(['text', 'rain', 'on', 'a', 'roof', '--duration', '3.5', '-o', wav], env)
    expect(t.code).toBe(0)
    expect(t.stdout).toContain(wav)
    expect((await decodeAudio(wav)).length).toBe(3.5 * 48000)

    const p = await runCli(['providers', '--json'], env)
    expect(p.code).toBe(0)
    const rows = jsonLines(p.stdout)
    expect(rows.map((r) => r.id)).toEqual(['fal', 'wavespeed', 'eachlabs', 'inferencesh', 'pixazo', 'replicate'])
    expect(rows.find((r) => r.id === 'fal')).toMatchObject({ keySet: true, keyEnv: 'FAL_KEY', baseUrl: fal.baseUrl })
    expect(rows.find((r) => r.id === 'pixazo')).toMatchObject({ keySet: false, videoToAudio: false, textToAudio: true })
    expect(p.stdout).not.toContain(fal.apiKey)
    const help = await runCli(['--help'], env)
    expect(help.code).toBe(0)
    expect(help.stdout).toMatch(/generate <video> --prompt TEXT/)
    const version = await runCli(['--version'], env)
    expect(version.code).toBe(0)
    expect(version.stdout).toBe(`mmaudio-studio ${JSON.parse(await readFile('package.json', 'utf8')).version}\n`)
    const noSuchHelp = await runCli(['help', 'nosuch'], env)
    expect(noSuchHelp.code).toBe(2)
    expect(noSuchHelp.stderr).toMatch(/No help for "nosuch": it is not a command/)
  })

  it('text --loop: one call for one 8 s window, laid over the whole 20 s as a seamless loop', async () => {
    const { home, env } = await freshEnv()
    const wav = join(home, 'harbour bed.wav')
    const before = fal.submits.length
    const t = await runCli(
      ['text', 'harbour', 'ambience', '--duration', '20', '--loop', '--takes', '1', '-o', wav],
      env,
    )
    expect(t.code, t.stderr).toBe(0)
    const submits = fal.submits.slice(before)
    expect(submits).toHaveLength(1)
    expect(submits[0]!.input.duration).toBe(8)
    const samples = await decodeAudio(wav)
    expect(samples.length).toBe(20 * 48000)
    // The second repeat starts at 7 s (a 1 s crossfade); past the crossfade it is the window again, sample for sample.
    const at = (sec: number) => samples.subarray(Math.round(sec * 48000), Math.round((sec + 0.5) * 48000))
    const [first, again] = [at(1), at(8)]
    let worst = 0
    for (let i = 0; i < first.length; i++) worst = Math.max(worst, Math.abs(first[i]! - again[i]!))
    expect(worst).toBeLessThan(1e-4)
    expect(first.some((x) => Math.abs(x) > 1e-3)).toBe(true)
  })

  it('--guard: the presets reach the provider as its own fields (negative prompt words, mask_away_clip)', async () => {
    const { home, env } = await freshEnv()
    const before = fal.submits.length
    const args = ['--prompt', 'steps', '--guard', 'voices', '--guard', 'timing', '--takes', '1', '--seed', '5']
    const r = await runCli(['generate', clip, ...args, '--to', '2', '-o', join(home, 'guarded.mp4')], env)
    expect(r.code, r.stderr).toBe(0)
    const [submit] = fal.submits.slice(before)
    expect(submit?.input).toMatchObject({ negative_prompt: 'music, speech, talking, voice', mask_away_clip: true })
  })
})
