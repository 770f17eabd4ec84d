import { copyFile, mkdtemp, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { testClip } from '../fixtures/media'
import { dropFiles, ensureRendererBuilt, launchBrowser, screenshot } from './harness/browser'
import { startHarness, type Harness } from './harness/server'

let harness: Harness
let browser: Browser
let page: Page
let fixtureDir: string

beforeAll(async () => {
  ensureRendererBuilt()
  fixtureDir = await mkdtemp(join(tmpdir(), 'e2e-fixtures-'))
  await copyFile(
    await testClip('beach.mp4', { durationSec: 6, width: 1280, height: 720 }),
    join(fixtureDir, 'beach walk.mp4'),
  )
  await copyFile(await testClip('street.mp4', { durationSec: 4 }), join(fixtureDir, 'street 街.mp4'))
  await writeFile(join(fixtureDir, 'notes.txt'), 'not a video')
  harness = await startHarness({
    fixtureDir,
    cacheDir: await mkdtemp(join(tmpdir(), 'e2e-cache-')),
    dataDir: await mkdtemp(join(tmpdir(), 'e2e-data-')),
  })
  browser = await launchBrowser()
  page = await browser.newPage({ viewport: { width: 1440, height: 860 } })
  await page.goto(harness.url)
})

afterAll(async () => {
  await browser?.close()
  await harness?.close()
})

describe('importing clips in the editor', () => {
  it('shows an empty state that teaches the first step', async () => {
    await expect(page.getByText('Drop video clips here').isVisible()).resolves.toBe(true)
    await screenshot(page, '01-empty')
  })

  it('drops two clips: both land in the bin with duration and size, and on the timeline in order', async () => {
    await dropFiles(page, '[data-testid=app]', ['beach walk.mp4', 'street 街.mp4'])
    await page.getByTestId('timeline-clip').nth(1).waitFor()
    const bin = await page.getByTestId('bin-item').allTextContents()
    expect(bin).toHaveLength(2)
    expect(bin[0]).toContain('beach walk.mp4')
    expect(bin[0]).toContain('0:06.0')
    expect(bin[0]).toContain('1280×720')
    expect(bin[1]).toContain('street 街.mp4')
    const clips = page.getByTestId('timeline-clip')
    const [a, b] = [await clips.nth(0).boundingBox(), await clips.nth(1).boundingBox()]
    expect(b!.x).toBeCloseTo(a!.x + a!.width, 0)
    expect(a!.width / b!.width).toBeCloseTo(6 / 4, 1)
  })

  it('plays a selected clip from main through a media URL that seeks (HTTP Range)', async () => {
    await page.getByTestId('timeline-clip').first().click()
    const video = page.getByTestId('monitor-video')
    await video.waitFor()
    const state = await video.evaluate(async (el: HTMLVideoElement) => {
      if (el.readyState < 1) await new Promise((r) => el.addEventListener('loadedmetadata', r, { once: true }))
      el.currentTime = 4.5
      await new Promise((r) => el.addEventListener('seeked', r, { once: true }))
      return { duration: el.duration, time: el.currentTime, error: el.error?.code ?? null }
    })
    expect(state.error).toBeNull()
    expect(state.duration).toBeCloseTo(6, 1)
    expect(state.time).toBeCloseTo(4.5, 1)
    await page.waitForTimeout(300)
    await screenshot(page, '02-imported')
  })

  it('a dropped non-video gets a clear message and changes nothing else', async () => {
    await dropFiles(page, '[data-testid=app]', ['notes.txt'])
    const alert = page.getByRole('alert')
    await alert.waitFor()
    const text = await alert.textContent()
    expect(text).toContain('notes.txt')
    expect(text).toMatch(/not a video|cannot read|can't read/i)
    expect(await page.getByTestId('bin-item').count()).toBe(2)
    expect(await page.getByTestId('timeline-clip').count()).toBe(2)
    await screenshot(page, '03-not-a-video')
  })

  it('undo removes the import as one step and redo brings it back', async () => {
    await page.keyboard.press('Control+z')
    await expect.poll(() => page.getByTestId('timeline-clip').count()).toBe(0)
    await page.keyboard.press('Control+Shift+z')
    await expect.poll(() => page.getByTestId('timeline-clip').count()).toBe(2)
  })
})
