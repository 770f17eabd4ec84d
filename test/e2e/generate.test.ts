// Generating sound in real Chromium against the real main services and the fal emulator: mark a segment with
// I/O, see the cost, generate three takes while the progress bar moves, choose another take and undo/redo
// that choice, cancel a slow generation (no takes, "Cancelled"), and a rejected key (the sentence, Settings).
import { join } from 'node:path'
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { FalEmulator } from '../emulators/fal'
import { flashClip } from '../fixtures/media'
import { dropFiles, screenshot, SCREENSHOT_DIR } from './harness/browser'
import { blur, movePlayheadTo, openEditorWithFal, type EditorSession } from './harness/editorPage'

let session: EditorSession
let fal: FalEmulator
let page: Page

beforeAll(async () => {
  // Flashes at 1.4, 2.0 and 2.6 s: the emulator answers with a click at each, so the take's waveform shows them.
  session = await openEditorWithFal({ 'beach.mp4': await flashClip('beach.mp4', { flashesSec: [1.4, 2.0, 2.6], durationSec: 6 }) })
  ;({ page, fal } = session)
})

afterAll(() => session?.close())

const takes = () => page.getByTestId('take')
const seeds = () => takes().evaluateAll((els) => els.map((e) => Number((e as HTMLElement).dataset.seed)))
const activeIndex = () => takes().evaluateAll((els) => els.findIndex((e) => (e as HTMLElement).dataset.active === 'true'))
/** What the page itself would ask of main (as Settings does), through the harness's bridge. */
const invokeInPage = (channel: string, input: unknown) =>
  page.evaluate(
    ([c, i]) => (window as unknown as { ipc: { invoke(c: string, i: unknown): Promise<unknown> } }).ipc.invoke(c as string, i),
    [channel, input] as const,
  )
/** Escape closes Settings once its field has the focus (before that, Escape would deselect the segment). */
async function closeSettings() {
  await expect.poll(() => page.evaluate(() => !!document.activeElement?.closest('[role=dialog]'))).toBe(true)
  await page.keyboard.press('Escape')
  await expect.poll(() => page.getByRole('dialog').count()).toBe(0)
}

async function setPrompt(text: string) {
  await page.getByRole('textbox', { name: 'Prompt' }).fill(text)
  await blur(page) // leaving the field commits it
}

/** Samples the job's progress bar in the page every 25 ms until the job leaves the panel. */
function watchProgress(): Promise<{ values: number[]; stages: string[] }> {
  return page.evaluate(
    () =>
      new Promise<{ values: number[]; stages: string[] }>((resolve) => {
        const values: number[] = []
        const stages: string[] = []
        let seen = false
        const timer = setInterval(() => {
          const bar = document.querySelector('[data-testid=job] [role=progressbar]')
          const stage = document.querySelector('[data-testid=job-stage]')?.textContent ?? ''
          if (bar) {
            seen = true
            const v = bar.getAttribute('aria-valuenow')
            if (v !== null) values.push(Number(v))
            if (stages[stages.length - 1] !== stage) stages.push(stage)
          } else if (seen) {
            clearInterval(timer)
            resolve({ values, stages })
          }
        }, 25)
      }),
  )
}

describe('generating takes for a segment', () => {
  it('marks a segment over the clip with I and O; the inspector shows fal’s settings and the cost', async () => {
    await dropFiles(page, '[data-testid=app]', ['beach.mp4'])
    await page.getByTestId('timeline-clip').waitFor()
    await movePlayheadTo(page, 1)
    await page.keyboard.press('i')
    await movePlayheadTo(page, 3)
    await page.keyboard.press('o')
    await page.getByTestId('segment').waitFor()
    await page.getByRole('textbox', { name: 'Prompt' }).waitFor()
    expect(await page.getByRole('group', { name: 'Seed' }).isVisible()).toBe(true)
    expect(await page.getByRole('button', { name: 'Timing only' }).isVisible()).toBe(true)
    await setPrompt('waves on sand, gulls')
    // 3 takes × one 2 s chunk at $0.001/s
    await expect.poll(() => page.getByTestId('cost').textContent()).toBe('$0.006 · 3 calls · 6 s billed')
  })

  it('generates three takes: the bar moves forward through the stages, then three takes with different seeds', async () => {
    fal.state.timing = { queueMs: 500, runMs: 1200 }
    const watching = watchProgress()
    await page.getByRole('button', { name: 'Generate 3 takes' }).click()
    await expect.poll(() => page.getByTestId('job-stage').textContent(), { timeout: 15_000 }).toMatch(/^(In queue|Generating)/)
    await screenshot(page, '09-generating')
    const { values, stages } = await watching
    expect(values.some((v) => v > 0 && v < 100)).toBe(true)
    expect(values).toEqual([...values].sort((a, b) => a - b)) // never steps back
    expect(stages.some((s) => /^In queue/.test(s))).toBe(true)
    expect(stages.some((s) => /^Generating/.test(s))).toBe(true)
    await expect.poll(() => takes().count()).toBe(3)
    expect(new Set(await seeds()).size).toBe(3)
    expect(await activeIndex()).toBe(0)
    await page.getByTestId('take-waveform').waitFor()
    expect(await page.getByTestId('segment').textContent()).toContain('3 takes')
    await page.waitForTimeout(300)
    await screenshot(page, '10-three-takes')
    await blur(page)
    for (let i = 0; i < 4; i++) await page.keyboard.press('+')
    await page.waitForTimeout(300)
    const box = (await page.getByTestId('segment').boundingBox())!
    const clip = { x: Math.max(0, box.x - 140), y: box.y - 110, width: Math.min(box.width + 200, 1000), height: box.height + 130 }
    await page.screenshot({ path: join(SCREENSHOT_DIR, '10b-take-waveform-in-lane.png'), clip })
    await page.keyboard.press('\\') // back to a view of everything
  })

  it('choosing another take is one undo step: Ctrl+Z goes back to take 1, Shift+Ctrl+Z to take 2 again', async () => {
    const drawnTake = () => page.getByTestId('take-waveform').getAttribute('data-take-id')
    const first = await drawnTake()
    await page.getByRole('radio', { name: 'Use take 2' }).check()
    expect(await activeIndex()).toBe(1)
    expect(await drawnTake()).not.toBe(first) // the lane draws the chosen take
    await page.keyboard.press('Control+z') // focus is on the radio: no text to undo, so the project undoes
    await expect.poll(activeIndex).toBe(0)
    await page.keyboard.press('Control+Shift+z')
    await expect.poll(activeIndex).toBe(1)
    expect(await takes().count()).toBe(3)
  })

  it('cancel during a slow generation: the panel says Cancelled and no takes are added', async () => {
    fal.state.timing = { queueMs: 200, runMs: 60_000 }
    await setPrompt('waves on sand, gulls, wind') // a new request: nothing in the cache
    await page.getByRole('button', { name: 'Generate 3 takes' }).click()
    await expect.poll(() => page.getByTestId('job-stage').textContent(), { timeout: 15_000 }).toMatch(/^Generating/)
    await page.getByRole('button', { name: 'Cancel' }).click()
    await expect.poll(() => page.getByTestId('job-stage').textContent()).toBe('Cancelled')
    expect(await page.getByTestId('job').getAttribute('data-status')).toBe('cancelled')
    await page.waitForTimeout(500)
    expect(await takes().count()).toBe(3)
    await screenshot(page, '11-cancelled')
    await page.getByTestId('job').getByRole('button', { name: 'Dismiss' }).click()
  })

  it('a rejected key: Settings opens at that key; main’s sentence stays on the panel and in a toast', async () => {
    fal.state.timing = { queueMs: 30, runMs: 60 }
    await invokeInPage('secrets:set', { provider: 'fal', key: 'wrong-key-00000000' })
    await setPrompt('waves on sand at dusk')
    await page.getByRole('button', { name: 'Generate 3 takes' }).click()
    const dialog = page.getByRole('dialog')
    await dialog.waitFor()
    expect(await dialog.textContent()).toContain('fal.ai')
    await page.waitForTimeout(300)
    await screenshot(page, '12-rejected-key-opens-settings')
    await closeSettings()
    const failure = page.getByTestId('job').getByRole('alert')
    expect(await failure.textContent()).toContain('fal.ai rejected the API key')
    expect(await page.locator('.toast').textContent()).toContain('rejected the API key')
    expect(await failure.getByRole('button', { name: 'Open the key in Settings' }).isVisible()).toBe(true)
    expect(await takes().count()).toBe(3)
    await screenshot(page, '13-rejected-key-on-panel')
  })

  it('with no key left, the panel links to Settings; setting the key there brings the form back', async () => {
    await invokeInPage('secrets:clear', { provider: 'fal' })
    await page.keyboard.press('Control+,') // Settings open and close: the panel asks for the providers again
    await page.getByRole('dialog').waitFor()
    await closeSettings()
    const link = page.getByRole('button', { name: 'Set a key in Settings' })
    await link.waitFor()
    expect(await page.getByRole('textbox', { name: 'Prompt' }).count()).toBe(0)
    await screenshot(page, '16-no-key')
    await link.click()
    const dialog = page.getByRole('dialog')
    await dialog.waitFor()
    await page.keyboard.type(fal.apiKey) // the fal key field has the focus
    await page.keyboard.press('Enter')
    await expect.poll(() => dialog.textContent()).toMatch(/set · •+\S{4}/)
    await closeSettings()
    await page.getByRole('textbox', { name: 'Prompt' }).waitFor()
  })
})
