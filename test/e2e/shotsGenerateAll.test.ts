// Shots found for you and "Generate all", in real Chromium against the real main services and the fal emulator:
// a clip with known cuts (hard cuts, a fade through black, a camera flash that is not a cut) is dropped; its cuts
// appear on the thumbnail strip and follow the threshold; "By shots" proposes one segment per shot in one undo
// step; "Generate all" shows the total cost before sending, Cancel all stops it, a round with one failing provider
// call lists the failure with its sentence, Retry failed finishes it, and no chunk is paid for twice. The MP4 is
// exported and probed: the click the emulated model makes on the flash sounds on the flash.
import { mkdtemp } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { FalEmulator } from '../emulators/fal'
import { clicksInMix, probeJson } from '../fixtures/media'
import { cutToleranceSec, FLASH_SEC, KNOWN_CUTS_CLIP_SEC, KNOWN_CUTS_SEC, knownCutsClip } from '../fixtures/shots'
import { dropFiles, screenshot } from './harness/browser'
import { type EditorSession, exportThroughDialog, openEditorWithFal } from './harness/editorPage'

let session: EditorSession
let page: Page
let fal: FalEmulator

beforeAll(async () => {
  session = await openEditorWithFal({ 'known cuts.mp4': await knownCutsClip() })
  ;({ page, fal } = session)
}, 120_000)

afterAll(() => session?.close())

const cutMarks = () =>
  page.$$eval('[data-testid=shot-cut]', (els) => els.map((e) => Number((e as HTMLElement).dataset.sec)))
const segments = () =>
  page.$$eval('[data-testid=segment]', (els) =>
    els.map((e) => {
      const d = (e as HTMLElement).dataset
      return [Number(d.startSec), Number(d.endSec), Number(d.lane), d.anchor]
    }),
  )
const takesOf = () =>
  page.$$eval('[data-testid=segment]', (els) => els.map((e) => /(\d+) takes?/.exec(e.textContent ?? '')?.[1] ?? '0'))
const summary = () => page.getByTestId('batch-summary').textContent()
/** What each segment's block on the lane shows of its generation: '' (nothing), generating or failed. */
const laneActivity = () =>
  page.$$eval('[data-testid=segment]', (els) => els.map((e) => (e as HTMLElement).dataset.activity ?? ''))
const inspector = () => page.getByRole('complementary', { name: 'Inspector' })
/** Emulated provider jobs that ran to the end: each is a call the provider bills. */
const billedRuns = () => [...fal.state.jobs.values()].filter((j) => fal.state.phase(j) === 'succeeded').length

describe('shots found for you', () => {
  it('on import the cuts are found in the background and drawn on the strip: hard cuts and the fade, not the flash', async () => {
    await dropFiles(page, '[data-testid=app]', ['known cuts.mp4'])
    await page.getByTestId('timeline-clip').waitFor()
    await expect.poll(cutMarks, { timeout: 30_000 }).toHaveLength(KNOWN_CUTS_SEC.length)
    const found = await cutMarks()
    for (const [i, k] of KNOWN_CUTS_SEC.entries())
      expect(Math.abs(found[i]! - k), `cut ${k}`).toBeLessThanOrEqual(cutToleranceSec(k))
    expect(found.some((t) => Math.abs(t - FLASH_SEC) < 0.3)).toBe(false)
    await screenshot(page, 'shots-1-cuts-on-strip')
  })

  it('the threshold moves the marks at once: a high one keeps only the fade through black', async () => {
    const threshold = page.getByRole('spinbutton', { name: 'Cut threshold' })
    await threshold.fill('45')
    await expect.poll(cutMarks).toHaveLength(1)
    expect(Math.abs((await cutMarks())[0]! - 9.2)).toBeLessThanOrEqual(0.3)
    await threshold.fill('10')
    await expect.poll(cutMarks).toHaveLength(KNOWN_CUTS_SEC.length)
  })

  it('"By shots" on the clip: one segment per shot, from its picture, on one lane; one undo takes them all away', async () => {
    await page.getByTestId('timeline-clip').click()
    await page.getByRole('button', { name: 'Segment the selected clip by shots' }).click()
    await expect.poll(async () => (await segments()).length).toBe(KNOWN_CUTS_SEC.length + 1)
    const shown = await segments()
    const edges = [0, ...(await cutMarks()), KNOWN_CUTS_CLIP_SEC]
    expect(shown).toEqual(edges.slice(1).map((end, i) => [edges[i], end, 0, 'source']))
    await screenshot(page, 'shots-2-segmented')
    await page.keyboard.press('Control+z')
    await expect.poll(async () => (await segments()).length).toBe(0)
    await page.keyboard.press('Control+Shift+z')
    await expect.poll(async () => (await segments()).length).toBe(KNOWN_CUTS_SEC.length + 1)
  })
})

describe('Generate all', () => {
  const segmentsCount = KNOWN_CUTS_SEC.length + 1

  async function openProposal() {
    await page.keyboard.press('Escape') // nothing selected: every segment without a take
    await inspector().getByRole('button', { name: 'Generate all…' }).click()
    await page.getByTestId('batch-cost').waitFor()
  }

  it('shows the total cost and the number of calls before anything is sent', async () => {
    const submitsBefore = fal.submits.length
    await openProposal()
    // 5 segments × 3 takes, one chunk each (no shot is longer than the 8 s window), 16 s × 3 billed at $0.001/s.
    expect(await page.getByTestId('batch-cost').textContent()).toBe(
      `${segmentsCount} segments: $0.048 · ${segmentsCount * 3} calls · 48 s billed`,
    )
    expect(fal.submits.length).toBe(submitsBefore)
    await screenshot(page, 'generate-all-1-cost')
  })

  it('Cancel all stops every segment; nothing lands and nothing runs on at the provider', async () => {
    fal.state.timing = { queueMs: 3000, runMs: 3000 }
    await inspector()
      .getByRole('button', { name: `Generate ${segmentsCount} segments` })
      .click()
    await expect.poll(summary).toMatch(new RegExp(`^0 / ${segmentsCount} segments done`))
    // Cancelled once the provider holds some of the requests (the rest still wait in the app's own queue).
    await expect.poll(() => fal.state.jobs.size, { timeout: 20_000 }).toBeGreaterThan(0)
    await inspector().getByRole('button', { name: 'Cancel all' }).click()
    await expect
      .poll(summary, { timeout: 20_000 })
      .toBe(`0 / ${segmentsCount} segments done · ${segmentsCount} cancelled`)
    expect(await takesOf()).toEqual(Array(segmentsCount).fill('0'))
    await expect.poll(() => [...fal.state.jobs.values()].every((j) => fal.state.phase(j) === 'cancelled')).toBe(true)
    await inspector().getByRole('button', { name: 'Close Generate all' }).click()
  })

  it('one failing provider call: the others finish, the failure is listed with its sentence', async () => {
    fal.state.timing = { queueMs: 150, runMs: 400 }
    fal.state.outcomes = [{ kind: 'ok' }, { kind: 'ok' }, { kind: 'fail', message: 'GPU worker crashed' }]
    await openProposal()
    const progress: string[] = []
    const onLanes = new Set<string>()
    const watching = (async () => {
      const end = `${segmentsCount - 1} / ${segmentsCount} segments done · 1 failed`
      for (let i = 0; i < 600 && progress.at(-1) !== end; i++) {
        const s = await summary().catch(() => null)
        if (s && s !== progress.at(-1)) progress.push(s)
        for (const a of await laneActivity().catch(() => [])) onLanes.add(a)
        await page.waitForTimeout(50)
      }
    })()
    await inspector()
      .getByRole('button', { name: `Generate ${segmentsCount} segments` })
      .click()
    await expect.poll(summary, { timeout: 30_000 }).toMatch(/left$/)
    await screenshot(page, 'generate-all-2-running')
    await expect
      .poll(summary, { timeout: 60_000 })
      .toBe(`${segmentsCount - 1} / ${segmentsCount} segments done · 1 failed`)
    await watching
    // The overall line counted up while the segments ran, with a time left once there was a pace to go by.
    expect(progress.some((s) => /left$/.test(s))).toBe(true)
    const failure = page.getByTestId('batch-failure')
    expect(await failure.count()).toBe(1)
    expect(await failure.textContent()).toContain('GPU worker crashed')
    expect((await takesOf()).filter((n) => n === '3')).toHaveLength(segmentsCount - 1)
    // The lanes showed the segments generating, and now mark the one that failed, with its sentence on hover.
    expect(onLanes.has('generating')).toBe(true)
    const activity = await laneActivity()
    expect(activity.filter((a) => a === 'failed')).toHaveLength(1)
    expect(activity.filter((a) => a !== 'failed').every((a) => a === '')).toBe(true)
    const failedBlock = page.locator('[data-testid=segment][data-activity=failed]')
    expect(await failedBlock.getAttribute('title')).toContain('Generation failed: ')
    expect(await failedBlock.getAttribute('title')).toContain('GPU worker crashed')
    expect(await failedBlock.getAttribute('aria-label')).toMatch(/generation failed$/)
    expect((await takesOf())[activity.indexOf('failed')]).not.toBe('3')
    await screenshot(page, 'generate-all-3-one-failed')
  })

  it('Retry failed finishes the last segment, and no call is paid for twice', async () => {
    await inspector().getByRole('button', { name: 'Retry failed' }).click()
    await expect.poll(summary, { timeout: 60_000 }).toBe(`${segmentsCount} / ${segmentsCount} segments done`)
    expect(await takesOf()).toEqual(Array(segmentsCount).fill('3'))
    expect(await laneActivity()).toEqual(Array(segmentsCount).fill(''))
    // Every take of every segment ran to the end at the provider exactly once.
    expect(billedRuns()).toBe(segmentsCount * 3)
    await screenshot(page, 'generate-all-4-retried')
    await inspector().getByRole('button', { name: 'Close Generate all' }).click()
    await openProposal()
    expect(await inspector().textContent()).toContain('Nothing to generate.')
    await inspector().getByRole('button', { name: 'Close' }).click()
  })

  it('exports an MP4 whose sound has the flash’s click on the flash, and nothing on the cuts', async () => {
    const out = join(await mkdtemp(join(tmpdir(), 'e2e-shots-')), 'shots.mp4')
    await exportThroughDialog(session.page, session.harness, out)
    const probe = await probeJson(out)
    expect(probe.streams.map((s) => s.codec_type).sort()).toEqual(['audio', 'video'])
    expect(Number(probe.format.duration)).toBeCloseTo(KNOWN_CUTS_CLIP_SEC, 0)
    const clicks = await clicksInMix(out)
    expect(clicks).toHaveLength(1)
    expect(Math.abs(clicks[0]! - FLASH_SEC)).toBeLessThanOrEqual(0.005)
  })
})
