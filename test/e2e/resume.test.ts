// An app that stops in the middle of a generation: the provider already accepted the requests. After a restart
// on the same data folder, the project reopens, the panel offers the unfinished generation as Resume, and
// resuming lands its takes on the segment without submitting (paying for) anything again.
import { copyFile, mkdtemp } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startFalEmulator, type FalEmulator } from '../emulators/fal'
import { flashClip } from '../fixtures/media'
import { dropFiles, ensureRendererBuilt, launchBrowser, screenshot } from './harness/browser'
import { movePlayheadTo } from './harness/editorPage'
import { startHarness, type Harness, type HarnessOptions } from './harness/server'

let fal: FalEmulator
let browser: Browser
let options: HarnessOptions
let projectPath: string
const harnesses: Harness[] = []

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
  for (const h of harnesses) await h.close()
  await fal?.close()
})

async function open(): Promise<{ harness: Harness; page: Page }> {
  const harness = await startHarness(options)
  harnesses.push(harness)
  const page = await browser.newPage({ viewport: { width: 1440, height: 860 } })
  await page.goto(harness.url)
  return { harness, page }
}


describe('a generation interrupted by a restart', () => {
  it('resumes after the restart: takes land on the reopened segment and nothing is submitted twice', async () => {
    const first = await open()
    let page = first.page
    await dropFiles(page, '[data-testid=app]', ['beach.mp4'])
    await page.getByTestId('timeline-clip').waitFor()
    await movePlayheadTo(page, 1)
    await page.keyboard.press('i')
    await movePlayheadTo(page, 2.5)
    await page.keyboard.press('o')
    await page.getByRole('textbox', { name: 'Prompt' }).fill('a door slams')
    await page.getByRole('group', { name: 'Number of takes' }).getByRole('button', { name: '2' }).click()
    first.harness.desktop.nextSave = projectPath
    await page.keyboard.press('Control+s')
    await expect.poll(() => page.locator('.topbar').textContent()).toContain('Beach')

    fal.state.timing = { queueMs: 100, runMs: 6000 }
    await page.getByRole('button', { name: 'Generate 2 takes' }).click()
    await expect.poll(() => page.getByTestId('job-stage').textContent(), { timeout: 15_000 }).toMatch(/^Generating/)
    expect(fal.submits).toHaveLength(2) // both takes accepted by the provider: they are being paid for

    // The window goes away mid-job; a new app starts on the same data folder and opens the project again.
    await page.close()
    const second = await open()
    page = second.page
    second.harness.desktop.nextOpen = [projectPath]
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
