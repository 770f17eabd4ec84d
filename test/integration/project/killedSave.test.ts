// Saves killed for real (SIGKILL mid-write) leave hidden temp project files beside the project; the next start
// of the app removes them (it reads what the killed process noted), and the project file stays whole.
import { spawn } from 'node:child_process'
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { PROJECT_VERSION } from '../../../shared/domain/project'
import { testAppServices } from '../../fixtures/appServices'
import { ROOT } from '../cli/cliHarness'

/** Runs the save loop and, after one whole save, SIGKILLs it the moment a temp project file is being written. */
function killMidSave(dataDir: string, file: string): Promise<void> {
  const dir = dirname(file)
  const temps = () => readdirSync(dir).filter((n) => n.endsWith('.tmp.mmaudio'))
  const before = temps().length
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', join(ROOT, 'test/integration/project/saveLoop.ts'), dataDir, file],
    { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] },
  )
  let watch: NodeJS.Timeout | undefined
  child.stdout!.once('data', () => {
    watch = setInterval(() => {
      if (temps().length > before) child.kill('SIGKILL')
    }, 2)
  })
  return new Promise((resolve) =>
    child.on('close', () => {
      clearInterval(watch)
      resolve()
    }),
  )
}

describe('saves killed mid-write', () => {
  it('leave temp files that the next start removes; the project file is whole', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'killed-save-'))
    const dataDir = join(dir, 'data')
    const file = join(dir, 'Big.mmaudio')
    for (let kill = 0; kill < 4; kill++) await killMidSave(dataDir, file)
    const temps = () => readdirSync(dir).filter((n) => n.endsWith('.tmp.mmaudio'))
    expect(temps().length).toBeGreaterThanOrEqual(3)

    const { services } = testAppServices(dir, { dataDir })
    await services.leftoversSwept
    expect(temps()).toEqual([])
    expect(JSON.parse(readFileSync(file, 'utf8'))).toMatchObject({ id: 'big', version: PROJECT_VERSION })
  }, 120_000)
})
