// Settings and projects in real Chromium against the real main services: set an API key (never shown back),
// save a project (the unsaved-changes dot clears), edit (it returns), crash and recover, open recent, open a
// moved project folder, and open one whose clip is gone.
import { copyFileSync, existsSync, mkdirSync, readdirSync, writeFileSync, readFileSync, renameSync, rmSync } from 'node:fs'
import { copyFile, mkdtemp } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { exportProject, probeAsset, takeWav } from '../fixtures/exportProject'
import { testClip } from '../fixtures/media'
import { dropFiles, ensureRendererBuilt, launchBrowser, screenshot } from './harness/browser'
import { startHarness, type Harness } from './harness/server'

let harness: Harness
let browser: Browser
let page: Page
let filmDir: string
let dataDir: string

const KEY = 'fal-e2e-SECRET-key-9876wxyz'

beforeAll(async () => {
  ensureRendererBuilt()
  const root = await mkdtemp(join(tmpdir(), 'e2e-projects-'))
  filmDir = join(root, 'Film')
  mkdirSync(filmDir)
  await copyFile(await testClip('beach.mp4', { durationSec: 6, width: 1280, height: 720 }), join(filmDir, 'beach.mp4'))
  dataDir = await mkdtemp(join(tmpdir(), 'e2e-data-'))
  harness = await startHarness({ fixtureDir: filmDir, cacheDir: await mkdtemp(join(tmpdir(), 'e2e-cache-')), dataDir })
  browser = await launchBrowser()
  page = await browser.newPage({ viewport: { width: 1440, height: 860 } })
  await page.goto(harness.url)
})

afterAll(async () => {
  await browser?.close()
  await harness?.close()
})

const title = () => page.getByTestId('project-title').textContent()
const clipCount = () => page.getByTestId('timeline-clip').count()

describe('settings', () => {
  it('sets an API key: the field empties, only "set · ••••wxyz" is shown, and the page never holds the key', async () => {
    await page.getByRole('button', { name: 'Settings', exact: true }).click()
    const dialog = page.getByRole('dialog', { name: 'Settings' })
    await dialog.waitFor()
    expect(await page.getByTestId('key-status-fal').textContent()).toBe('not set')
    expect(await page.getByTestId('plaintext-warning').count()).toBe(0)
    const field = page.locator('#key-fal')
    await field.fill(KEY)
    await page.getByTestId('key-row-fal').getByRole('button', { name: 'Save key' }).click()
    await expect.poll(() => page.getByTestId('key-status-fal').textContent()).toBe('set · ••••wxyz')
    expect(await field.inputValue()).toBe('')
    expect(await page.content()).not.toContain(KEY)
    expect(await page.content()).not.toContain('SECRET')
    expect((await harness.services.secrets.getKey('fal')) === KEY).toBe(true)
    await screenshot(page, '20-settings-key-set')
    await page.keyboard.press('Escape')
    await expect.poll(() => dialog.count()).toBe(0)
  })

  it('Ctrl+, opens Settings again and the key is still only "set · ••••wxyz"', async () => {
    await page.keyboard.press('Control+,')
    await page.getByRole('dialog', { name: 'Settings' }).waitFor()
    await expect.poll(() => page.getByTestId('key-status-fal').textContent()).toBe('set · ••••wxyz')
    expect(await page.content()).not.toContain(KEY)
    // Fallback order and the advanced settings reach main.
    await page.getByLabel('Add a fallback provider').selectOption('wavespeed')
    await page.getByLabel('Add a fallback provider').selectOption('replicate')
    await page.getByRole('button', { name: 'Move Replicate up' }).click()
    await expect.poll(() => harness.services.settings.get().fallbackOrder).toEqual(['replicate', 'wavespeed'])
    await page.getByText('Advanced: base URLs').click()
    await page.getByLabel('WaveSpeed parallel requests').fill('6')
    await expect.poll(() => harness.services.settings.get().providers.wavespeed?.concurrency).toBe(6)
    await screenshot(page, '20b-settings-advanced')
    await page.getByRole('button', { name: 'Done' }).click()
  })
})

describe('projects', () => {
  const projectFile = () => join(filmDir, 'Beach.mmaudio')

  it('an import makes the project dirty; the first save asks where, then the dot clears', async () => {
    expect(await title()).toBe('Untitled')
    await dropFiles(page, '[data-testid=app]', ['beach.mp4'])
    await page.getByTestId('timeline-clip').first().waitFor()
    await expect.poll(title).toBe('• Untitled')
    expect(await page.title()).toMatch(/^• Untitled/)
    harness.desktop.nextSave = projectFile()
    await page.keyboard.press('Control+s')
    await expect.poll(title).toBe('Beach')
    expect(await page.title()).toBe('Beach — MMAudio Studio')
    expect(JSON.parse(readFileSync(projectFile(), 'utf8')).assets[0].relativePath).toBe('beach.mp4')
    await screenshot(page, '21-project-saved')
  })

  it('the dot follows the history: undo makes it dirty, redo back to the saved state is clean, an edit is dirty', async () => {
    await page.keyboard.press('Control+z')
    await expect.poll(title).toBe('• Beach')
    await page.keyboard.press('Control+Shift+z')
    await expect.poll(title).toBe('Beach')
    await page.keyboard.press('End')
    await page.keyboard.press('ArrowLeft')
    await page.keyboard.press('s')
    await expect.poll(clipCount).toBe(2)
    await expect.poll(title).toBe('• Beach')
  })

  it('unsaved work is autosaved when the window is hidden, and a reload after a "crash" offers it back', async () => {
    await page.evaluate(() => {
      Object.defineProperty(document, 'visibilityState', { value: 'hidden', configurable: true })
      document.dispatchEvent(new Event('visibilitychange'))
    })
    const autosaveDir = join(dataDir, 'autosave')
    await expect.poll(() => (existsSync(autosaveDir) ? readdirSync(autosaveDir).length : 0)).toBe(1)
    await page.goto(harness.url)
    const prompt = page.getByRole('alertdialog', { name: 'Recover unsaved changes' })
    await prompt.waitFor()
    expect(await prompt.textContent()).toMatch(/Recover unsaved changes to “Beach” from \d{1,2}:\d{2}/)
    await screenshot(page, '22-recovery-offered')
    await prompt.getByRole('button', { name: 'Restore' }).click()
    await expect.poll(clipCount).toBe(2)
    await expect.poll(title).toBe('• Beach')
    // Saving goes straight to the project's file (no dialog) and drops the autosave.
    harness.desktop.nextSave = null
    await page.keyboard.press('Control+s')
    await expect.poll(title).toBe('Beach')
    expect(JSON.parse(readFileSync(projectFile(), 'utf8')).clips).toHaveLength(2)
    expect(readdirSync(autosaveDir)).toEqual([])
  })

  it('New asks nothing when saved; Open recent brings the project back', async () => {
    await page.keyboard.press('Control+n')
    await expect.poll(title).toBe('Untitled')
    expect(await clipCount()).toBe(0)
    await page.getByRole('button', { name: 'Recent ▾' }).click()
    const item = page.getByRole('menuitem', { name: /Beach/ })
    await item.waitFor()
    await screenshot(page, '23-recent-projects')
    await item.click()
    await expect.poll(clipCount).toBe(2)
    expect(await title()).toBe('Beach')
    // Opening replaced the history: undo does not reach back into the previous project.
    await page.keyboard.press('Control+z')
    expect(await clipCount()).toBe(2)
    expect(await title()).toBe('Beach')
  })

  it('New with unsaved changes asks to save first; Cancel keeps the work', async () => {
    await page.keyboard.press('Home')
    await page.keyboard.press('Shift+ArrowRight')
    await page.keyboard.press('s')
    await expect.poll(title).toBe('• Beach')
    await page.keyboard.press('Control+n')
    const ask = page.getByRole('alertdialog', { name: /Save changes to “Beach”/ })
    await ask.waitFor()
    await screenshot(page, '24-save-changes')
    await ask.getByRole('button', { name: 'Cancel' }).click()
    expect(await clipCount()).toBe(3)
    expect(await title()).toBe('• Beach')
    await page.keyboard.press('Control+n')
    await page.getByRole('alertdialog', { name: /Save changes/ }).getByRole('button', { name: 'Don’t save' }).click()
    await expect.poll(title).toBe('Untitled')
  })

  it('a moved project folder opens through relative paths; a missing clip is named and the rest opens', async () => {
    const moved = `${filmDir} moved`
    renameSync(filmDir, moved)
    harness.desktop.nextOpen = [join(moved, 'Beach.mmaudio')]
    await page.keyboard.press('Control+o')
    await expect.poll(clipCount).toBe(2)
    expect(await page.getByRole('alert').count()).toBe(0)
    await page.getByRole('button', { name: 'Recent ▾' }).click()
    expect(await page.getByRole('menuitem').allTextContents()).toEqual([
      expect.stringContaining(join(moved, 'Beach.mmaudio')),
      expect.stringMatching(/Beach.*not found/),
    ])
    await page.keyboard.press('Escape')
    await expect.poll(() => page.getByRole('menu', { name: 'Recent projects' }).count()).toBe(0)

    rmSync(join(moved, 'beach.mp4'))
    harness.desktop.nextOpen = [join(moved, 'Beach.mmaudio')]
    await page.getByRole('button', { name: 'Open…' }).click()
    const alert = page.getByRole('alert').filter({ hasText: 'missing' })
    await alert.waitFor()
    expect(await alert.textContent()).toContain('"beach.mp4" was not found')
    expect(await clipCount()).toBe(2)
    await screenshot(page, '25-missing-clip')
  })

  it('Save As writes a copy under the new name, which becomes the open project and the newest recent one', async () => {
    const moved = `${filmDir} moved`
    harness.desktop.nextSave = join(moved, 'Beach copy.mmaudio')
    await page.keyboard.press('Control+Shift+s')
    await expect.poll(title).toBe('Beach copy')
    expect(JSON.parse(readFileSync(join(moved, 'Beach copy.mmaudio'), 'utf8'))).toMatchObject({ name: 'Beach copy', clips: [{}, {}] })
    expect(existsSync(join(moved, 'Beach.mmaudio'))).toBe(true)
    await page.getByRole('button', { name: 'Recent ▾' }).click()
    expect((await page.getByRole('menuitem').first().textContent()) ?? '').toContain('Beach copy')
  })
})

describe('a project folder that holds its generated sound', () => {
  it('Save As copies the takes from the app cache into "<name> media/"; the moved folder opens and its take plays', async () => {
    // A project as the app leaves it before its first save: the clip where it was imported, the take in the
    // app's cache (where generation writes it).
    const root = await mkdtemp(join(tmpdir(), 'e2e-selfcontained-'))
    const clip = join(root, 'clip.mp4')
    copyFileSync(await testClip('forest.mp4', { durationSec: 4 }), clip)
    const cachedTake = join(dataDir, 'takes', 'take0.wav')
    mkdirSync(join(dataDir, 'takes'), { recursive: true })
    copyFileSync(await takeWav('e2e-take.wav', { durationSec: 2, clickAtSec: 0.5 }), cachedTake)
    const project = exportProject([await probeAsset('a1', clip)], [{ assetId: 'a1', startSec: 0, inSec: 0, outSec: 4 }], [
      { path: cachedTake, durationSec: 2, segment: { startSec: 1, endSec: 3 } },
    ])
    writeFileSync(join(root, 'Draft.mmaudio'), JSON.stringify(project))
    harness.desktop.nextOpen = [join(root, 'Draft.mmaudio')]
    await page.getByRole('button', { name: 'Open…' }).click()
    await page.getByTestId('segment').waitFor()

    const shared = join(root, 'Shared')
    mkdirSync(shared)
    harness.desktop.nextSave = join(shared, 'Forest.mmaudio')
    await page.keyboard.press('Control+Shift+s')
    await expect.poll(title).toBe('Forest')
    expect(readdirSync(join(shared, 'Forest media'))).toEqual(['take0.wav'])
    const written = JSON.parse(readFileSync(join(shared, 'Forest.mmaudio'), 'utf8'))
    expect(written.segments[0].takes[0]).toMatchObject({ path: join(shared, 'Forest media', 'take0.wav'), relativePath: 'Forest media/take0.wav' })

    // Move the folder and drop the cache's copy: the take now comes from the folder (the clip stays put).
    const moved = join(root, 'Handed over')
    renameSync(shared, moved)
    rmSync(cachedTake)
    await page.keyboard.press('Control+n')
    await expect.poll(title).toBe('Untitled')
    harness.desktop.nextOpen = [join(moved, 'Forest.mmaudio')]
    await page.getByRole('button', { name: 'Open…' }).click()
    await expect.poll(title).toBe('Forest')
    await page.getByTestId('segment').waitFor()
    expect(await page.getByRole('alert').filter({ hasText: 'take0.wav' }).count()).toBe(0)
    const takeUrl = await page.evaluate(
      (path) =>
        (window as unknown as { ipc: { invoke(c: string, i: unknown): Promise<{ ok: boolean; data?: { url: string } }> } }).ipc.invoke(
          'media:url',
          { path },
        ),
      join(moved, 'Forest media', 'take0.wav'),
    )
    expect(takeUrl.ok).toBe(true)
    const status = await page.evaluate((url) => fetch(url, { headers: { range: 'bytes=0-3' } }).then((r) => r.status), takeUrl.data!.url)
    expect(status).toBe(206)
    await screenshot(page, '26-self-contained-folder')
  })
})
