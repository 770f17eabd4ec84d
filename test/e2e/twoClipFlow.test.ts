// The whole flow over a two-clip timeline, as an editor works: drop two clips, mark a segment on the second,
// generate three takes, audition one and choose it, lower its gain, export for the Web (two clips: one
// re-encode), then probe the MP4: both clips' length, 48 kHz stereo AAC, and the take's click where the
// flash is on the timeline. Undo/redo walks back across the choice and the gain.
import { mkdtemp } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { findClickSec } from '../fixtures/exportProject'
import { decodeAudio, lavfiFixture, probeJson, testClip, H264_FIXTURE } from '../fixtures/media'
import { dropFiles, screenshot } from './harness/browser'
import { blur, movePlayheadTo, openEditorWithFal, type EditorSession } from './harness/editorPage'
import type { Harness } from './harness/server'

const FIRST_SEC = 4
/** In the second clip's own time; on the timeline it is FIRST_SEC later. 25 fps frame grid. */
const FLASH_IN_CLIP_SEC = 1.6

let session: EditorSession
let harness: Harness
let page: Page
let outDir: string

beforeAll(async () => {
  outDir = await mkdtemp(join(tmpdir(), 'e2e-flow-out-'))
  // A colourful clip with one white frame: the emulated MMAudio answers with a click on it.
  const flash = `between(t,${FLASH_IN_CLIP_SEC - 0.01},${FLASH_IN_CLIP_SEC + 0.03})`
  const door = await lavfiFixture('door.mp4', [
    '-f',
    'lavfi',
    '-i',
    'testsrc2=size=640x360:rate=25:duration=4',
    '-f',
    'lavfi',
    '-i',
    'sine=frequency=330:sample_rate=48000:duration=4',
    '-vf',
    `drawbox=x=0:y=0:w=iw:h=ih:color=white:t=fill:enable='${flash}'`,
    ...H264_FIXTURE,
    '-c:a',
    'aac',
    '-shortest',
  ])
  session = await openEditorWithFal({
    'harbour.mp4': await testClip('harbour.mp4', { durationSec: FIRST_SEC, fps: 25 }),
    'door.mp4': door,
  })
  ;({ page, harness } = session)
})

afterAll(() => session?.close())

const takes = () => page.getByTestId('take')
const activeIndex = () =>
  takes().evaluateAll((els) => els.findIndex((e) => (e as HTMLElement).dataset.active === 'true'))
const gainText = () =>
  page
    .locator('.mix-control', { has: page.getByTestId('take-gain') })
    .locator('.value')
    .textContent()

describe('two clips to a finished MP4', () => {
  it('drops two clips, marks a segment on the second and generates three takes', async () => {
    await dropFiles(page, '[data-testid=app]', ['harbour.mp4', 'door.mp4'])
    await expect.poll(() => page.getByTestId('timeline-clip').count()).toBe(2)
    await movePlayheadTo(page, FIRST_SEC + 0.8)
    await page.keyboard.press('i')
    await movePlayheadTo(page, FIRST_SEC + 3.2)
    await page.keyboard.press('o')
    await page.getByTestId('segment').waitFor()
    await page.getByRole('textbox', { name: 'Prompt' }).fill('a heavy wooden door slams')
    await blur(page)
    await page.getByRole('button', { name: 'Generate 3 takes' }).click()
    await expect.poll(() => takes().count(), { timeout: 60_000 }).toBe(3)
    expect(new Set(await takes().evaluateAll((els) => els.map((e) => (e as HTMLElement).dataset.seed))).size).toBe(3)
  })

  it('auditions take 2, chooses it and lowers its gain; undo walks back across both, redo restores them', async () => {
    await page.getByRole('button', { name: 'Listen to take 2' }).click()
    await page.getByRole('radio', { name: 'Use take 2' }).check()
    await expect.poll(activeIndex).toBe(1)
    const chosenAt = await gainText() // Match loudness (on) starts it at the level take 1 sits at
    await page.getByTestId('take-gain').fill('-6')
    await blur(page)
    await expect.poll(gainText).toBe('−6.0 dB')
    await screenshot(page, 'readme-flow')
    await page.keyboard.press('Control+z')
    await expect.poll(gainText).toBe(chosenAt)
    await page.keyboard.press('Control+z')
    await expect.poll(activeIndex).toBe(0)
    await page.keyboard.press('Control+Shift+z')
    await page.keyboard.press('Control+Shift+z')
    await expect.poll(activeIndex).toBe(1)
    await expect.poll(gainText).toBe('−6.0 dB')
  })

  it('exports both clips with the take where the flash is on the timeline', async () => {
    const destination = join(outDir, 'harbour and door.mp4')
    harness.desktop.nextSave = destination
    await page.keyboard.press('Control+e')
    const dialog = page.getByRole('dialog', { name: 'Export' })
    await dialog.getByRole('button', { name: 'Export…' }).click()
    await dialog.getByRole('button', { name: 'Show in folder' }).waitFor({ timeout: 120_000 })
    expect(await dialog.locator('.export-facts').textContent()).toContain('Picture re-encoded (H.264)') // two clips: one re-encode

    const probe = await probeJson(destination)
    const audio = probe.streams.find((s) => s.codec_type === 'audio')!
    expect(audio).toMatchObject({ codec_name: 'aac', sample_rate: '48000', channels: 2 })
    expect(Math.abs(Number(probe.format.duration) - 2 * FIRST_SEC)).toBeLessThanOrEqual(0.04 + 0.03)
    const clickSec = findClickSec(await decodeAudio(destination), 48000, FIRST_SEC + 0.9, FIRST_SEC + 3.1)
    expect(Math.abs(clickSec - (FIRST_SEC + FLASH_IN_CLIP_SEC))).toBeLessThanOrEqual(0.005)
    await page.keyboard.press('Escape')
  })
})
