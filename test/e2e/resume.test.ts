// An app that crashes in the middle of a generation: the provider already accepted the requests when the
// harness process is killed (SIGKILL, no cleanup). A new one starts on the same data folder, reopens the
// project, offers the unfinished generation as Resume, and resuming lands its takes on the segment without
// submitting (paying for) anything again.
import { copyFile, mkdtemp } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startFalEmulator, type FalEmulator } from '../emulators/fal'
import { flashClip } from '../fixtures/media'
import { dropFiles, ensureRendererBuilt, launchBrowser, screenshot } from './harness/browser'
import { movePlayheadTo } from './harness/editorPage'
import type { HarnessOptions } from './harness/server'
import { spawnHarness, type HarnessProcess } from './harness/process'

let fal: FalEmulator
let browser: Browser
let options: HarnessOptions
let projectPath: string
const harnesses: HarnessProcess[] = []

beforeAll(async () => {
  ensureRendererBuilt()
  const fixtureDir = await mkdtemp(join(tmpdir(), 'e2e-resume-'))
  await copyFile(await flashClip('beach.mp4', { flashesSec: [1.5], durationSec: 4 }), join(fixtureDir, 'beach.mp4'))
  projectPath = join(fixtureDir, 'Beach.mmaudio')
  fal = await startFalEmulator()
  options = {
    fixtureDir,
    dataDir: await mkdtemp(join(tmpdir(), 'e2e-resume-data-')),
    cacheDir: await mkdtemp(join(tmpdir(), 'e2e-resume-cache-')),
    env: { MMAUDIO_FAL_BASE_URL: fal.baseUrl },
    keys: { fal: fal.apiKey },
  }
  browser = await launchBrowser()
})

afterAll(async () => {
  await browser?.close()
  for (const h of harnesses) await h.stop()
  await fal?.close()
})

/** The app, in its own process, on the shared data folder. */
async function open(dialogs: HarnessOptions['dialogs']): Promise<{ harness: HarnessProcess; page: Page }> {
  const harness = await spawnHarness({ ...options, dialogs })
  harnesses.push(harness)
  const page = await browser.newPage({ viewport: { width: 1440, height: 860 } })
  await page.goto(harness.url)
  return { harness, page }
}

describe('a generation interrupted by a crash', () => {
  it('resumes after the restart: takes land on the reopened segment and nothing is submitted twice', async () => {
    const first = await open({ save: projectPath })
    let page = first.page
    await dropFiles(page, '[data-testid=app]', ['beach.mp4'])
    await page.getByTestId('timeline-clip').waitFor()
    await movePlayheadTo(page, 1)
    await page.keyboard.press('i')
    await movePlayheadTo(page, 2.5)
    await page.keyboard.press('o')
    await page.getByRole('textbox', { name: 'Prompt' }).fill('a door slams')
    await page.getByRole('group', { name: 'Number of takes' }).getByRole('button', { name: '2' }).click()
    await page.keyboard.press('Control+s')
    await expect.poll(() => page.locator('.topbar').textContent()).toContain('Beach')

    fal.state.timing = { queueMs: 100, runMs: 6000 }
    await page.getByRole('button', { name: 'Generate 2 takes' }).click()
    await expect.poll(() => page.getByTestId('job-stage').textContent(), { timeout: 15_000 }).toMatch(/^Generating/)
    expect(fal.submits).toHaveLength(2) // both takes accepted by the provider: they are being paid for

    // The app dies mid-job, no cleanup; a new one starts on the same data folder and opens the project again.
    await first.harness.crash()
    await page.close()
    const second = await open({ open: [projectPath] })
    page = second.page
    await page.getByRole('button', { name: 'Open…' }).click()
    await page.getByTestId('segment').click()
    const offer = page.getByTestId('interrupted')
    await offer.waitFor()
    expect(await offer.textContent()).toContain('a door slams · 0:01.5 · 2 takes')
    await screenshot(page, '14-resume-offered')
    await offer.getByRole('button', { name: 'Resume' }).click()
    await expect.poll(() => page.getByTestId('take').count(), { timeout: 30_000 }).toBe(2)
    expect(fal.submits).toHaveLength(2) // resumed by request id: nothing paid twice
    await screenshot(page, '15-resumed-takes')
  })
})
