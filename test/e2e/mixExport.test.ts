// Mix, playback and export in real Chromium against the real main services and the fal emulator: generate a
// take over a clip with a flash, set its gain (one undo step per drag) and nudge it +40 ms, export for the Web and
// find the take's click in the MP4 at the flash + 40 ms; a refused destination says why; the transport plays
// the picture across a cut; an audition plays another take without changing the project.
import { mkdtemp } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { findClickSec } from '../fixtures/exportProject'
import { decodeAudio, flashClip, probeJson, testClip } from '../fixtures/media'
import { dropFiles, screenshot } from './harness/browser'
import { blur, movePlayheadTo, openEditorWithFal, PX_PER_SEC, type EditorSession } from './harness/editorPage'
import type { Harness } from './harness/server'

let session: EditorSession
let harness: Harness
let page: Page
let fixtureDir: string
let outDir: string

const FLASH_SEC = 2

beforeAll(async () => {
  outDir = await mkdtemp(join(tmpdir(), 'e2e-mix-out-'))
  const clips = {
    'flash.mp4': await flashClip('mix flash.mp4', { flashesSec: [FLASH_SEC], durationSec: 6 }),
    'street.mp4': await testClip('street.mp4', { durationSec: 3 }),
  }
  session = await openEditorWithFal(clips, {
    viewport: { width: 1440, height: 900 },
    // Test instrumentation: note every take the page's Web Audio starts (when, from where, how long, channels).
    beforeLoad: (p) =>
      p.addInitScript(() => {
        const log: Array<{
          when: number
          offset: number
          duration: number
          channels: number
          calledAt: number
          pictureSec: number
        }> = []
        ;(window as unknown as { __sourceStarts: typeof log }).__sourceStarts = log
        const start = AudioBufferSourceNode.prototype.start
        AudioBufferSourceNode.prototype.start = function (when = 0, offset = 0, duration = 0) {
          const picture = document.querySelector<HTMLVideoElement>('[data-testid=monitor-video]')
          log.push({
            when,
            offset,
            duration,
            channels: this.buffer?.numberOfChannels ?? 0,
            calledAt: this.context.currentTime,
            pictureSec: picture?.currentTime ?? -1,
          })
          return start.call(this, when, offset, duration)
        }
      }),
  })
  ;({ page, harness, fixtureDir } = session)
})

afterAll(() => session?.close())

const playheadX = async () => (await page.getByTestId('playhead').boundingBox())!.x
const gainText = () =>
  page
    .locator('.mix-control', { has: page.getByTestId('take-gain') })
    .locator('.value')
    .textContent()
const video = () => page.getByTestId('monitor-video')
const videoState = () =>
  video().evaluate((el: HTMLVideoElement) => ({ paused: el.paused, time: el.currentTime, src: el.currentSrc }))

describe('mixing a take and exporting what the preview plays', () => {
  it('generates a take over the flash; the mixer shows its controls', async () => {
    await dropFiles(page, '[data-testid=app]', ['flash.mp4'])
    await page.getByTestId('timeline-clip').waitFor()
    expect(await page.getByText('Select a segment with a take').isVisible()).toBe(true)
    await movePlayheadTo(page, 1)
    await page.keyboard.press('i')
    await movePlayheadTo(page, 4)
    await page.keyboard.press('o')
    await page.getByTestId('segment').waitFor()
    await page.getByRole('textbox', { name: 'Prompt' }).fill('a door slams')
    await blur(page)
    await page.getByRole('button', { name: /^Generate \d takes?$/ }).click()
    await expect.poll(() => page.getByTestId('take').count(), { timeout: 30_000 }).toBeGreaterThanOrEqual(2)
    await page.getByTestId('take-gain').waitFor()
    expect(await gainText()).toBe('0.0 dB')
  })

  it('a gain drag is one undo step; the nudge moves in 10 ms steps by button and Alt+arrow', async () => {
    const slider = (await page.getByTestId('take-gain').boundingBox())!
    const y = slider.y + slider.height / 2
    // −30…+12 dB across the slider: 0 dB sits at 30/42 of its width; drag to about −6 dB in several moves.
    await page.mouse.move(slider.x + (slider.width * 30) / 42, y)
    await page.mouse.down()
    await page.mouse.move(slider.x + (slider.width * 27) / 42, y, { steps: 6 })
    await page.mouse.move(slider.x + (slider.width * 24) / 42, y, { steps: 6 })
    await page.mouse.up()
    const dragged = await gainText()
    expect(dragged).toMatch(/^−(5|6|7)\.\d dB$/)
    await blur(page)
    await page.keyboard.press('Control+z')
    await expect.poll(gainText).toBe('0.0 dB') // the whole drag, in one step
    await page.keyboard.press('Control+Shift+z')
    await expect.poll(gainText).toBe(dragged)

    for (let i = 0; i < 5; i++) await page.getByRole('button', { name: 'Nudge later' }).click()
    await blur(page)
    await page.keyboard.press('Alt+ArrowLeft')
    await expect.poll(() => page.getByTestId('nudge-value').textContent()).toBe('+40 ms')
    await page.keyboard.press('Alt+ArrowRight')
    await page.keyboard.press('Alt+ArrowLeft')
    await expect.poll(() => page.getByTestId('nudge-value').textContent()).toBe('+40 ms')
    await screenshot(page, '11-mixer')
  })

  it('exports for the Web: progress, then the MP4 has the take’s click at the flash + 40 ms', async () => {
    const destination = join(outDir, 'flash export.mp4')
    harness.desktop.nextSave = destination
    await page.keyboard.press('Control+e')
    const dialog = page.getByRole('dialog', { name: 'Export' })
    await dialog.waitFor()
    expect(await dialog.getByRole('radio', { name: /Web/ }).isChecked()).toBe(true)
    await screenshot(page, '12-export-dialog')
    await dialog.getByRole('button', { name: 'Export…' }).click()
    await dialog
      .getByRole('progressbar')
      .waitFor({ timeout: 10_000 })
      .catch(() => {}) // may be too quick to see
    await dialog.getByRole('button', { name: 'Show in folder' }).waitFor({ timeout: 90_000 })
    const facts = await dialog.locator('.export-facts').textContent()
    expect(facts).toMatch(/Loudness -1[345]\.\d LUFS integrated \(target -14\)/)
    expect(facts).toContain('Picture stream-copied')
    await screenshot(page, '13-export-done')
    await dialog.getByRole('button', { name: 'Show in folder' }).click()
    await expect.poll(() => harness.desktop.shown).toEqual([destination])

    const probe = await probeJson(destination)
    expect(probe.streams.map((s) => s.codec_name).sort()).toEqual(['aac', 'h264'])
    const samples = await decodeAudio(destination)
    const clickSec = findClickSec(samples, 48000, FLASH_SEC - 0.5, FLASH_SEC + 0.5)
    expect(Math.abs(clickSec - (FLASH_SEC + 0.04))).toBeLessThanOrEqual(0.005)
    await dialog.getByRole('button', { name: 'Done' }).click()
    await dialog.waitFor({ state: 'detached' })
  })

  it('a destination that is the source is refused with main’s sentence and what to do', async () => {
    harness.desktop.nextSave = join(fixtureDir, 'flash.mp4')
    await page.getByRole('button', { name: 'Export…' }).first().click()
    const dialog = page.getByRole('dialog', { name: 'Export' })
    await dialog.getByRole('button', { name: 'Export…' }).click()
    const alert = dialog.getByRole('alert')
    await alert.waitFor({ timeout: 20_000 })
    expect(await alert.textContent()).toMatch(/different file name/i)
    expect(await dialog.getByRole('button', { name: 'Choose another file…' }).isVisible()).toBe(true)
    await screenshot(page, '14-export-refused')
    await page.keyboard.press('Escape')
    await dialog.waitFor({ state: 'detached' })
  })
})

describe('stems', () => {
  it('Stems writes mix, generated and original WAVs beside the chosen name; the take’s click is in the generated stem', async () => {
    harness.desktop.nextSave = join(outDir, 'flash stems.wav')
    await page.keyboard.press('Control+e')
    const dialog = page.getByRole('dialog', { name: 'Export' })
    await dialog.getByRole('radio', { name: /Stems/ }).check()
    await dialog.getByRole('button', { name: 'Export…' }).click()
    await dialog.getByRole('button', { name: 'Show in folder' }).waitFor({ timeout: 60_000 })
    const paths = await dialog.locator('.export-paths li').allTextContents()
    expect(paths).toEqual(['_mix', '_generated', '_original'].map((s) => join(outDir, `flash stems${s}.wav`)))
    const generated = await decodeAudio(paths[1]!)
    expect(
      Math.abs(findClickSec(generated, 48000, FLASH_SEC - 0.5, FLASH_SEC + 0.5) - (FLASH_SEC + 0.04)),
    ).toBeLessThanOrEqual(0.005)
    await page.keyboard.press('Escape')
    await dialog.waitFor({ state: 'detached' })
  })
})

describe('playback', () => {
  it('Space plays: the playhead moves and the video plays; Space again stops both', async () => {
    await page.keyboard.press('Home')
    const x0 = await playheadX()
    await page.keyboard.press('Space')
    await page.waitForTimeout(1200)
    // The take was decoded and started where the export puts it, against the picture as it plays: the segment at
    // 1 s + 40 ms nudge. (The clocks are read a render quantum or a frame apart: ±25 ms, apart from no nudge.)
    const starts = await page.evaluate(
      () => (window as unknown as { __sourceStarts: Array<Record<string, number>> }).__sourceStarts,
    )
    expect(starts).toHaveLength(1)
    const start = starts[0]!
    expect(start.pictureSec).toBeGreaterThanOrEqual(0)
    expect(Math.abs(start.pictureSec! + (start.when! - start.calledAt!) - 1.04)).toBeLessThan(0.025)
    expect(start).toMatchObject({ offset: 0, duration: 3, channels: 1 })
    const during = await videoState()
    expect(during.paused).toBe(false)
    expect(during.time).toBeGreaterThan(0.5)
    expect(await playheadX()).toBeGreaterThan(x0 + 0.5 * PX_PER_SEC)
    await screenshot(page, '15-playing')
    await page.keyboard.press('Space')
    await expect.poll(async () => (await videoState()).paused).toBe(true)
    const stoppedAt = await playheadX()
    await page.waitForTimeout(300)
    expect(await playheadX()).toBe(stoppedAt)
  })

  it('the picture follows the transport across a cut into the next clip; L twice plays at 2×; J runs back', async () => {
    await dropFiles(page, '[data-testid=app]', ['street.mp4'])
    await expect.poll(() => page.getByTestId('timeline-clip').count()).toBe(2)
    await movePlayheadTo(page, 5.4)
    const before = (await videoState()).src
    await page.keyboard.press('l')
    await page.waitForTimeout(1400)
    const after = await videoState()
    expect(after.src).not.toBe(before)
    expect(after.src).toContain('street.mp4')
    expect(after.paused).toBe(false)
    expect(after.time).toBeGreaterThan(0.3)
    await screenshot(page, '16-playing-after-cut')
    await page.keyboard.press('l')
    await expect.poll(() => page.locator('.transport-rate').textContent()).toBe('2×')
    await page.keyboard.press('k')
    await expect.poll(async () => (await videoState()).paused).toBe(true)
    // J runs backwards (picture only): the playhead moves left until K.
    const atStop = await playheadX()
    await page.keyboard.press('j')
    await page.waitForTimeout(600)
    await page.keyboard.press('k')
    const back = await playheadX()
    expect(back).toBeLessThan(atStop - 0.3 * PX_PER_SEC)
    await page.waitForTimeout(200)
    expect(await playheadX()).toBe(back)
  })

  it('auditioning another take plays the segment with a pre-roll and leaves the active take as it was', async () => {
    await page.getByTestId('segment').click()
    const activeBefore = await page
      .getByTestId('take')
      .evaluateAll((els) => els.findIndex((e) => (e as HTMLElement).dataset.active === 'true'))
    await page.getByRole('button', { name: 'Listen to take 2' }).click()
    await expect.poll(() => page.locator('.transport-rate').textContent()).toBe('1×')
    // It runs from 0.5 s (1 s − pre-roll) to the end of the segment, then stops there.
    await expect.poll(() => page.locator('.transport-rate').textContent(), { timeout: 8000 }).toBe('')
    expect(await playheadX()).toBeCloseTo((await page.getByTestId('ruler').boundingBox())!.x + 4 * PX_PER_SEC, -1)
    const activeAfter = await page
      .getByTestId('take')
      .evaluateAll((els) => els.findIndex((e) => (e as HTMLElement).dataset.active === 'true'))
    expect(activeAfter).toBe(activeBefore)
  })
})
