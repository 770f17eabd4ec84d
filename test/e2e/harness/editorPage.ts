// What E2E tests do to the editor page again and again, in one place.
import { copyFile, mkdtemp, readFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Browser, Page } from 'playwright-core'
import { expect } from 'vitest'
import type { Project } from '../../../shared/domain/project'
import { parseStoredProject } from '../../../shared/domain/projectVersions'
import { startFalEmulator, type FalEmulator } from '../../emulators/fal'
import { ensureRendererBuilt, launchBrowser } from './browser'
import { startHarness, type Harness } from './server'

/** The editor's default zoom (px per second of timeline). */
export const PX_PER_SEC = 40

/** Clicks the ruler at `sec` with Alt held, so snapping does not move it: the playhead lands at that time. */
export async function movePlayheadTo(page: Page, sec: number): Promise<void> {
  const box = (await page.getByTestId('ruler').boundingBox())!
  await page.keyboard.down('Alt')
  await page.mouse.click(box.x + sec * PX_PER_SEC, box.y + box.height / 2)
  await page.keyboard.up('Alt')
}

/** The middle of the `nth` element matching `selector`. */
export async function center(page: Page, selector: string, nth = 0): Promise<{ x: number; y: number }> {
  const box = (await page.locator(selector).nth(nth).boundingBox())!
  return { x: box.x + box.width / 2, y: box.y + box.height / 2 }
}

/** A mouse drag in small steps; `during` runs with the button still down (to look at the preview). */
export async function drag(
  page: Page,
  from: { x: number; y: number },
  dx: number,
  dy = 0,
  during?: () => Promise<void>,
): Promise<void> {
  await page.mouse.move(from.x, from.y)
  await page.mouse.down()
  await page.mouse.move(from.x + dx, from.y + dy, { steps: 12 })
  await during?.()
  await page.mouse.up()
}

/** Marks a segment from `inSec` to `outSec` with I and O, as a person does, and waits for it on the lane. */
export async function markSegment(page: Page, inSec: number, outSec: number): Promise<void> {
  await movePlayheadTo(page, inSec)
  await page.keyboard.press('i')
  await movePlayheadTo(page, outSec)
  await page.keyboard.press('o')
  await page.getByTestId('segment').first().waitFor()
}

/** Leaves the focused field, which commits what was typed into it (one history entry). */
export function blur(page: Page): Promise<void> {
  return page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur())
}

/** The project as the page holds it now, saved to `path` through the app's own Save (Ctrl+S) and read back. */
export async function savedProject(page: Page, harness: Harness, path: string): Promise<Project> {
  harness.desktop.nextSave = path
  await page.keyboard.press('Control+s')
  await expect.poll(() => page.getByTestId('project-title').textContent()).not.toContain('•')
  const parsed = parseStoredProject(JSON.parse(await readFile(path, 'utf8')))
  if (!parsed.success) throw new Error('the saved project does not parse')
  return parsed.data
}

/** Exports the timeline to `destination` through the Export dialog (Ctrl+E, its default preset), as a person does, and closes it. */
export async function exportThroughDialog(page: Page, harness: Harness, destination: string): Promise<void> {
  harness.desktop.nextSave = destination
  await page.keyboard.press('Control+e')
  const dialog = page.getByRole('dialog', { name: 'Export' })
  await dialog.getByRole('button', { name: 'Export…' }).click()
  await dialog.getByRole('button', { name: 'Show in folder' }).waitFor({ timeout: 120_000 })
  await page.keyboard.press('Escape')
  await dialog.waitFor({ state: 'detached' })
}

export interface EditorSession {
  page: Page
  harness: Harness
  fal: FalEmulator
  /** Where dropped files are found (by name). */
  fixtureDir: string
  close(): Promise<void>
}

/**
 * The built editor in Chromium against the real main services, fal pointed at its emulator with the key set.
 * `clips` (name → a generated file) are copied into the fixture folder under the names the page drops.
 */
export async function openEditorWithFal(
  clips: Readonly<Record<string, string>>,
  opts: { viewport?: { width: number; height: number }; beforeLoad?: (page: Page) => Promise<unknown> } = {},
): Promise<EditorSession> {
  ensureRendererBuilt()
  const fixtureDir = await mkdtemp(join(tmpdir(), 'e2e-fixtures-'))
  for (const [name, path] of Object.entries(clips)) await copyFile(path, join(fixtureDir, name))
  const fal = await startFalEmulator()
  const harness = await startHarness({
    fixtureDir,
    cacheDir: await mkdtemp(join(tmpdir(), 'e2e-cache-')),
    env: { MMAUDIO_FAL_BASE_URL: fal.baseUrl },
    keys: { fal: fal.apiKey },
  })
  const browser: Browser = await launchBrowser()
  const page = await browser.newPage({ viewport: opts.viewport ?? { width: 1440, height: 860 } })
  await opts.beforeLoad?.(page)
  await page.goto(harness.url)
  return {
    page,
    harness,
    fal,
    fixtureDir,
    close: async () => {
      await browser.close()
      await harness.close()
      await fal.close()
    },
  }
}
