// A loopable ambience bed, as a person makes one: mark a range over the whole shot, switch it to text only and
// Loop, generate one take. One provider call for one window; the lane draws the seam; the exported stem holds
// the window again, sample for sample, once the crossfade into the second repeat is over.
import { mkdtemp } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { decodeAudio, probeJson, testClip } from '../fixtures/media'
import { dropFiles, screenshot } from './harness/browser'
import { blur, markSegment, openEditorWithFal, type EditorSession } from './harness/editorPage'

let session: EditorSession
let page: Page
let outDir: string

beforeAll(async () => {
  outDir = await mkdtemp(join(tmpdir(), 'e2e-loop-'))
  session = await openEditorWithFal({ 'harbour.mp4': await testClip('loop harbour.mp4', { durationSec: 12, fps: 25 }) })
  page = session.page
})

afterAll(() => session?.close())

describe('a loop bed', () => {
  it('is generated as one 8 s window and drawn over the whole range with its seam', async () => {
    await dropFiles(page, '[data-testid=app]', ['harbour.mp4'])
    await page.getByTestId('timeline-clip').waitFor()
    await markSegment(page, 0.5, 11.5)
    await page.getByLabel('Text only (no picture)').check()
    await page.getByLabel('Loop (one window, repeated seamlessly)').check()
    await page.getByRole('textbox', { name: 'Prompt' }).fill('harbour ambience, gulls, distant engines')
    await blur(page)
    await page.getByRole('group', { name: 'Number of takes' }).getByRole('button', { name: '1', exact: true }).click()
    // one call, whatever the length
    await expect.poll(() => page.getByTestId('cost').textContent()).toMatch(/1 call · 8 s billed/)
    const before = session.fal.submits.length
    await page.getByRole('button', { name: 'Generate 1 take' }).click()
    await expect.poll(() => page.getByTestId('take').count(), { timeout: 60_000 }).toBe(1)
    const submits = session.fal.submits.slice(before)
    expect(submits).toHaveLength(1)
    expect(submits[0]!.input.duration).toBe(8)
    const bed = page.locator('[data-testid=segment]')
    expect(await bed.getAttribute('data-anchor')).toBe('timeline')
    expect(await bed.locator('[data-testid=loop-seam]').count()).toBe(1)
    expect(await bed.textContent()).toContain('loop ×2')
    await screenshot(page, 'loop-bed')
  })

  it('exports the bed over its whole range: past the crossfade the window sounds again, sample for sample', async () => {
    const destination = join(outDir, 'harbour bed.wav')
    session.harness.desktop.nextSave = destination
    await page.keyboard.press('Control+e')
    const dialog = page.getByRole('dialog', { name: 'Export' })
    await dialog.getByRole('radio', { name: /Stems/ }).check()
    await dialog.getByRole('button', { name: 'Export…' }).click()
    await dialog.getByRole('button', { name: 'Show in folder' }).waitFor({ timeout: 60_000 })
    const generated = join(outDir, 'harbour bed_generated.wav')
    expect(Number((await probeJson(generated)).format.duration)).toBeCloseTo(12, 2)
    const samples = await decodeAudio(generated)
    // The second repeat starts 7 s after the bed and crossfades over 1 s: take time 1.2 s sounds at the bed's
    // start + 1.2 s and again 7 s later. (The marks sit on the 25 fps grid, so the bed starts at 0.48 or 0.52 s.)
    const bedStartSec = Number(await page.locator('[data-testid=segment]').getAttribute('data-start-sec'))
    const at = (sec: number) => samples.subarray(Math.round(sec * 48000), Math.round((sec + 0.5) * 48000))
    const [first, again] = [at(bedStartSec + 1.2), at(bedStartSec + 8.2)]
    let worst = 0
    for (let i = 0; i < first.length; i++) worst = Math.max(worst, Math.abs(first[i]! - again[i]!))
    expect(worst).toBeLessThan(1e-4)
    expect(first.some((x) => Math.abs(x) > 1e-3)).toBe(true)
    // and nothing before the bed or after it
    const bedEndSec = Number(await page.locator('[data-testid=segment]').getAttribute('data-end-sec'))
    expect(samples.subarray(0, Math.floor((bedStartSec - 0.01) * 48000)).every((x) => Math.abs(x) < 1e-4)).toBe(true)
    expect(samples.subarray(Math.ceil((bedEndSec + 0.01) * 48000)).every((x) => Math.abs(x) < 1e-4)).toBe(true)
  })
})
