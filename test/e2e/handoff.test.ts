// Export → For your editor in real Chromium against the real main services and the fal emulator: generate a take
// over a clip with a flash, set the timeline to start at 01:00:00:00, choose the hand-off in the export dialog, pick
// a folder (the folder dialog's seam), and find the pack there: the take's click, placed by its BWF timecode, is on
// the flash; the FCPXML is valid against Apple's DTD. The dialog is photographed at each step.
import { mkdtemp, readdir } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { clicksByTimecode, validateFcpxml } from '../fixtures/handoffReaders'
import { flashClip } from '../fixtures/media'
import { screenshot, dropFiles } from './harness/browser'
import { blur, markSegment, openEditorWithFal, type EditorSession } from './harness/editorPage'
import type { Harness } from './harness/server'

const FLASH_SEC = 2

let session: EditorSession
let harness: Harness
let page: Page
let outDir: string

beforeAll(async () => {
  outDir = await mkdtemp(join(tmpdir(), 'e2e-handoff-'))
  session = await openEditorWithFal(
    { 'flash.mp4': await flashClip('handoff e2e flash.mp4', { flashesSec: [FLASH_SEC], durationSec: 5 }) },
    { viewport: { width: 1440, height: 900 } },
  )
  ;({ page, harness } = session)
})
afterAll(() => session?.close())

describe('Export → For your editor', () => {
  it('generates a take over the flash', async () => {
    await dropFiles(page, '[data-testid=app]', ['flash.mp4'])
    await page.getByTestId('timeline-clip').waitFor()
    await markSegment(page, 1, 4)
    await page.getByRole('textbox', { name: 'Prompt' }).fill('a door slams')
    await blur(page)
    await page.getByRole('button', { name: /^Generate \d takes?$/ }).click()
    await expect.poll(() => page.getByTestId('take').count(), { timeout: 30_000 }).toBeGreaterThanOrEqual(1)
  })

  it('the timeline starts at 01:00:00:00: the ruler and the playhead say so', async () => {
    await page.getByTestId('timeline-settings-button').click()
    const dialog = page.getByRole('dialog', { name: 'Timeline settings' })
    await dialog.getByRole('button', { name: '01:00:00:00 (broadcast)' }).click()
    await screenshot(page, '30-timeline-settings')
    await dialog.getByRole('button', { name: 'Done' }).click()
    await expect.poll(() => page.getByTestId('timeline-settings-button').textContent()).toBe('25 fps · 01:00:00:00')
    expect(await page.locator('.tick').first().textContent()).toBe('01:00:00:00')
    await screenshot(page, '31-ruler-timecode')
  })

  it('the dialog offers the hand-off beside the presets; it writes the pack into the chosen folder', async () => {
    harness.desktop.nextFolder = outDir
    await page.keyboard.press('Control+e')
    const dialog = page.getByRole('dialog', { name: 'Export' })
    await dialog.getByRole('radio', { name: /For your editor/ }).check()
    expect(await dialog.getByTestId('handoff-folder-note').textContent()).toContain('“Untitled hand-off”')
    await screenshot(page, '32-export-handoff-choice')
    await dialog.getByRole('button', { name: 'Export…' }).click()
    await dialog.getByRole('button', { name: 'Show in folder' }).waitFor({ timeout: 60_000 })
    const pack = join(outDir, 'Untitled hand-off')
    expect(await dialog.locator('.export-paths li').allTextContents()).toEqual([pack])
    expect(await dialog.locator('.export-facts').textContent()).toMatch(/sound files? as Broadcast WAV/)
    await screenshot(page, '33-handoff-done')
    await dialog.getByRole('button', { name: 'Show in folder' }).click()
    await expect.poll(() => harness.desktop.shown).toEqual([pack])

    expect((await readdir(pack)).sort()).toEqual([
      '.mmaudio-handoff.json',
      'README.txt',
      'Sound',
      'Stems',
      'Untitled (Premiere).xml',
      'Untitled.fcpxml',
      'Untitled.mlt',
      'Untitled.otio',
    ])
    const [sound] = await readdir(join(pack, 'Sound'))
    const clicks = await clicksByTimecode(join(pack, 'Sound', sound!), 3600 * 48000)
    expect(clicks).toHaveLength(1)
    expect(Math.abs(clicks[0]! - FLASH_SEC)).toBeLessThanOrEqual(0.005)
    await validateFcpxml(join(pack, 'Untitled.fcpxml'))
  })
})
