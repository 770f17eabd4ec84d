// A focus box for the model, as a person uses it: a 16:9 shot whose flashes light up only its left edge, outside
// the square MMAudio's timing model looks at. Generated over the whole frame the take is silent; with a box drawn
// on the monitor around the edge the take clicks on every flash, and the exported MP4 has those clicks where the
// flashes are. The box is one undo step, saved with the segment, and what was uploaded is the box.
import { writeFileSync } from 'node:fs'
import { mkdtemp } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { FocusBox } from '../../shared/domain/focus'
import { clicksInMix, decodeAudio, findClicks, flashClip, probeJson } from '../fixtures/media'
import { screenshot } from './harness/browser'
import {
  blur,
  exportThroughDialog,
  markSegment,
  movePlayheadTo,
  openEditorWithFal,
  savedProject as saveAndRead,
  type EditorSession,
} from './harness/editorPage'
import { dropFiles } from './harness/browser'
import type { Harness } from './harness/server'

const FLASHES_SEC = [1.0, 2.6]
const EDGE = { x: 0, y: 0, w: 0.2, h: 1 }
const TOLERANCE_SEC = 0.005

let session: EditorSession
let harness: Harness
let page: Page
let outDir: string

beforeAll(async () => {
  outDir = await mkdtemp(join(tmpdir(), 'e2e-focus-'))
  const clip = await flashClip('edge flash.mp4', { flashesSec: FLASHES_SEC, durationSec: 4, region: EDGE })
  session = await openEditorWithFal({ 'edge.mp4': clip })
  ;({ page, harness } = session)
})
afterAll(() => session?.close())

const savedProject = () => saveAndRead(page, harness, join(outDir, 'edge.mmaudio'))
const focusOf = async () => (await savedProject()).segments[0]!.params.focus
const clicksIn = async (path: string) => findClicks(await decodeAudio(path), 48000, 0.3)

/** Where the drawing surface is on the page: the picture as shown. */
const surface = async () => (await page.getByTestId('focus-overlay').boundingBox())!

/** Drags on the monitor's picture from one point to another, given as fractions of the picture. */
async function drawBox(from: { x: number; y: number }, to: { x: number; y: number }) {
  const r = await surface()
  await page.mouse.move(r.x + from.x * r.width, r.y + from.y * r.height)
  await page.mouse.down()
  await page.mouse.move(r.x + to.x * r.width, r.y + to.y * r.height, { steps: 10 })
  await page.mouse.up()
}

async function generateOneTake() {
  const before = await page.getByTestId('take').count()
  await page.getByRole('button', { name: 'Generate 1 take' }).click()
  await expect.poll(() => page.getByTestId('take').count(), { timeout: 60_000 }).toBe(before + 1)
}

/** The box as a rectangle of the overlay's own elements, as fractions of the picture. */
async function shownRect(testId: string): Promise<FocusBox> {
  const r = await surface()
  const b = (await page.getByTestId(testId).boundingBox())!
  return { x: (b.x - r.x) / r.width, y: (b.y - r.y) / r.height, w: b.width / r.width, h: b.height / r.height }
}

describe('a focus box drawn on the monitor', () => {
  it('over the whole frame, the monitor shades all but the central square, and a flash at the edge stays silent', async () => {
    await dropFiles(page, '[data-testid=app]', ['edge.mp4'])
    await expect.poll(() => page.getByTestId('timeline-clip').count()).toBe(1)
    await markSegment(page, 0.4, 3.6)
    await page.getByRole('textbox', { name: 'Prompt' }).fill('a camera flash pops')
    await blur(page)
    await page.getByRole('group', { name: 'Number of takes' }).getByRole('button', { name: '1', exact: true }).click()
    await page.getByTestId('focus-overlay').waitFor()
    // 640×360: the timing model's square is the middle 360 px, 56.25 % of the width
    const square = await shownRect('sync-square')
    expect(square.x).toBeCloseTo(0.21875, 2)
    expect(square.w).toBeCloseTo(0.5625, 2)
    expect(await page.getByTestId('focus-caption').textContent()).toContain('Model sees the whole frame')
    expect(await page.getByRole('button', { name: 'Clear focus box' }).count()).toBe(0)
    await movePlayheadTo(page, 1.0) // a flash: the left edge lights up, in the shade
    await screenshot(page, 'focus-1-whole-frame')
    await generateOneTake()
    const [take] = (await savedProject()).segments[0]!.takes
    expect(await clicksIn(take!.path)).toEqual([])
  })

  it('drawing a box around the edge is one undo step, shown with its own central square, saved with the segment', async () => {
    await drawBox({ x: 0.005, y: 0.01 }, { x: 0.215, y: 0.99 })
    const box = await focusOf()
    expect(box).not.toBeNull()
    expect(box!.x).toBeCloseTo(0.005, 2)
    expect(box!.w).toBeCloseTo(0.21, 2)
    expect(box!.y).toBeCloseTo(0.01, 2)
    expect(box!.h).toBeCloseTo(0.98, 2)
    const shown = await shownRect('focus-box')
    expect(shown.x).toBeCloseTo(box!.x, 2)
    expect(shown.w).toBeCloseTo(box!.w, 2)
    // a tall box: the model sees a square as wide as the box, in its middle
    const square = await shownRect('sync-square')
    expect(square.w).toBeCloseTo(box!.w, 2)
    expect(square.h * 360).toBeCloseTo(box!.w * 640, 0)
    expect(await page.getByTestId('focus-caption').textContent()).toContain('Model sees 21 % × 98 %')
    await screenshot(page, 'focus-2-box-drawn')
    await page.keyboard.press('Control+z')
    expect(await focusOf()).toBeNull()
    await page.keyboard.press('Control+Shift+z')
    expect(await focusOf()).toEqual(box)
  })

  it('generated with the box: the take clicks on every flash; the upload was the box', async () => {
    await generateOneTake()
    const project = await savedProject()
    const take = project.segments[0]!.takes[1]!
    const clicks = await clicksIn(take.path)
    // take time 0 is the segment's start, 0.4 s
    const expected = FLASHES_SEC.map((t) => t - 0.4)
    expect(clicks).toHaveLength(expected.length)
    for (const [i, c] of clicks.entries()) expect(Math.abs(c - expected[i]!)).toBeLessThan(TOLERANCE_SEC)
    // the last upload: 0.21 × 640 = 134 px by 0.98 × 360 = 352 px, its short side at 384
    const upload = join(outDir, 'upload.mp4')
    writeFileSync(upload, [...session.fal.state.jobs.values()].at(-1)!.video!)
    const v = (await probeJson(upload)).streams.find((s) => s.codec_type === 'video') as unknown as {
      width: number
      height: number
    }
    expect(v.width).toBe(384)
    expect(v.height / v.width).toBeCloseTo(352 / 134, 1)
  })

  it('exported with that take: the MP4 clicks where the flashes are', async () => {
    await page.getByRole('radio', { name: 'Use take 2' }).click()
    await screenshot(page, 'focus-3-take-chosen')
    const destination = join(outDir, 'edge.mp4')
    await exportThroughDialog(page, harness, destination)
    const probed = await probeJson(destination)
    expect(probed.streams.map((s) => s.codec_type).sort()).toEqual(['audio', 'video'])
    expect(Number(probed.format.duration)).toBeCloseTo(4, 1)
    const clicks = await clicksInMix(destination)
    expect(clicks).toHaveLength(FLASHES_SEC.length)
    for (const [i, c] of clicks.entries()) expect(Math.abs(c - FLASHES_SEC[i]!)).toBeLessThan(TOLERANCE_SEC)
  })

  it('clearing the box is one more undo step; with no segment selected there is no box on the monitor', async () => {
    await page.getByTestId('segment').first().click()
    await page.getByRole('button', { name: 'Clear focus box' }).click()
    expect(await focusOf()).toBeNull()
    await page.keyboard.press('Control+z')
    expect(await focusOf()).not.toBeNull()
    await page.keyboard.press('Escape') // nothing selected: no box on the monitor
    await expect.poll(() => page.getByTestId('focus-overlay').count()).toBe(0)
  })
})
