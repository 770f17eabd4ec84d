// The CLI killed for real (SIGKILL, no chance to clean up) in the middle of an export: its ffmpeg processes die
// with it, and the next run sweeps the hidden temp MP4 and the work folder it left. Linux and macOS (ps, kill).
import { execFileSync } from 'node:child_process'
import { existsSync, readdirSync } from 'node:fs'
import { mkdir, mkdtemp } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { singleClipProject } from '../../../electron/cli/project'
import { createFfmpegRunner } from '../../../electron/media/ffmpeg/run'
import { importAsset } from '../../../electron/media/importAsset'
import { saveProjectFile } from '../../../electron/project/projectFile'
import { DEFAULT_GENERATION } from '../../../shared/domain/project'
import { testBinaries, testClip } from '../../fixtures/media'
import { runCli, startCli } from './cliHarness'

/** Running ffmpeg/ffprobe processes whose command line mentions `marker` (a test's own folder). */
function toolsMentioning(marker: string): string[] {
  const lines = execFileSync('ps', ['-eo', 'pid=,args='], { encoding: 'utf8' }).split('\n')
  return lines.filter((l) => /ff(mpeg|probe)/.test(l) && l.includes(marker) && !l.includes('ps -eo'))
}

async function until(what: string, check: () => boolean, timeoutMs = 60_000): Promise<void> {
  const end = Date.now() + timeoutMs
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`)
    await new Promise((r) => setTimeout(r, 50))
  }
}

describe.skipIf(process.platform === 'win32')('the CLI killed mid-export', () => {
  it('leaves no ffmpeg running, and its next run removes the temp MP4 and work folder it left', async () => {
    const home = await mkdtemp(join(tmpdir(), 'cli-killed-'))
    const clip = await testClip('kill me.mp4', { width: 1280, height: 720, fps: 30, durationSec: 20 })
    const asset = await importAsset(createFfmpegRunner(testBinaries()), clip)
    // Placed at 0.5 s, so the picture is re-encoded: a long pass to be killed in.
    const project = singleClipProject({
      asset,
      fromSec: 0,
      toSec: 1,
      params: DEFAULT_GENERATION,
      takes: [],
      original: 'keep',
      now: new Date().toISOString(),
    })
    project.clips[0]!.startSec = 0.5
    const projectPath = join(home, 'long.mmaudio')
    await saveProjectFile(projectPath, project)
    const outDir = join(home, 'out')
    await mkdir(outDir)
    const env = { MMAUDIO_STUDIO_HOME: home }

    const temps = () => readdirSync(outDir).filter((n) => n.includes('.tmp'))
    const work = () => readdirSync(join(home, 'work'))
    for (let round = 0; round < 2; round++) {
      const earlier = new Set(temps())
      const run = startCli(['export', projectPath, '-o', join(outDir, 'final.mp4'), '--json'], env)
      // Each run starts by sweeping what the last one left; then it is killed while the picture pass writes its
      // own temp MP4 beside the destination.
      await until('the picture pass', () => temps().some((n) => !earlier.has(n)) && toolsMentioning(home).length > 0)
      expect(toolsMentioning(home).length).toBeGreaterThan(0)
      run.child.kill('SIGKILL')
      await run.done
      await until('every ffmpeg of the killed CLI to end', () => toolsMentioning(home).length === 0, 5000).catch(
        () => undefined,
      )
      expect(toolsMentioning(home)).toEqual([])
    }
    // What the last kill left: a hidden temp MP4 beside the destination and a work folder in the CLI's home.
    expect(temps().length).toBeGreaterThan(0)
    expect(work().length).toBeGreaterThan(0)

    const next = await runCli(['providers'], env)
    expect(next.code).toBe(0)
    expect(temps()).toEqual([])
    expect(work()).toEqual([])
    expect(existsSync(join(outDir, 'final.mp4'))).toBe(false)
  }, 240_000)
})
