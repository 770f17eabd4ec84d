// Regenerating one chunk of a long take in Chromium against the fal emulator: a 12 s segment is two 8 s
// windows; "↻ 2" asks the provider for the second window only and adds a new take that keeps the first.
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { FalEmulator } from '../emulators/fal'
import { flashClip } from '../fixtures/media'
import { dropFiles, screenshot } from './harness/browser'
import { openEditorWithFal, type EditorSession } from './harness/editorPage'

let session: EditorSession
let page: Page
let fal: FalEmulator

beforeAll(async () => {
  session = await openEditorWithFal({
    'harbour.mp4': await flashClip('harbour.mp4', { flashesSec: [2, 10], durationSec: 12 }),
  })
  ;({ page, fal } = session)
})

afterAll(() => session?.close())

describe('regenerating one chunk', () => {
  it('a long segment offers a chunk picker; ↻ 2 submits one call and adds a take', async () => {
    await dropFiles(page, '[data-testid=app]', ['harbour.mp4'])
    await page.getByTestId('timeline-clip').waitFor()
    await page.keyboard.press('Home')
    await page.keyboard.press('i')
    await page.keyboard.press('End')
    await page.keyboard.press('o')
    expect(await page.getByTestId('segment').getAttribute('data-chunks')).toBe('2')
    await page.getByRole('textbox', { name: 'Prompt' }).fill('harbour, ropes creaking')
    await page.getByRole('group', { name: 'Number of takes' }).getByRole('button', { name: '1' }).click()
    await expect.poll(() => page.getByTestId('cost').textContent()).toBe('$0.016 · 2 calls · 16 s billed')
    await page.getByRole('button', { name: 'Generate 1 take' }).click()
    await expect.poll(() => page.getByTestId('take').count(), { timeout: 30_000 }).toBe(1)
    expect(fal.submits).toHaveLength(2)

    await page.getByRole('combobox', { name: 'Chunk to regenerate' }).selectOption('1')
    await page.getByTestId('take').getByRole('button', { name: '↻ 2' }).click()
    await expect.poll(() => page.getByTestId('take').count(), { timeout: 30_000 }).toBe(2)
    expect(fal.submits).toHaveLength(3) // only the second window was asked for again
    expect(fal.submits[2]!.input.seed).not.toBe(fal.submits[1]!.input.seed)
    const takes = await page.getByTestId('take').evaluateAll((els) => els.map((e) => (e as HTMLElement).dataset.seed))
    expect(takes[1]).toBe(takes[0]) // the new take is the same take with one chunk made again: its seed is kept
    expect(await page.getByTestId('take').nth(1).textContent()).toContain('from take 1, chunk 2 new')
    await screenshot(page, '17-chunk-regenerated')
  })
})
