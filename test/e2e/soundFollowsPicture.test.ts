// Sound stays with its picture, through the editor as a person uses it: two shots with white flashes, a take
// generated on each (the emulated MMAudio answers with a click on every flash it sees), then the edits an editor
// makes next: move a shot, split it and move a half, undo, trim a head, ripple delete. After each, both the
// preview (the schedule the page's Web Audio plays) and an exported MP4 put every click on a flash that is on
// the timeline (±5 ms), with none missing and none extra.
import { readFileSync } from 'node:fs'
import { mkdtemp } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { timelineEndSec } from '../../shared/domain/placement'
import { parseStoredProject } from '../../shared/domain/projectVersions'
import type { Project } from '../../shared/domain/project'
import { playbackSchedule } from '../../renderer/src/features/playback/schedule'
import { clicksInMix, decodeAudio, findClicks, flashClip } from '../fixtures/media'
import { dropFiles, screenshot } from './harness/browser'
import {
  blur,
  center,
  drag,
  exportMp4,
  markSegment,
  movePlayheadTo,
  openEditorWithFal,
  PX_PER_SEC,
  type EditorSession,
} from './harness/editorPage'
import type { Harness } from './harness/server'

const SHOT_SEC = 4
/** Flashes in each shot's own time (25 fps grid). */
const FLASHES = { 'shot-a.mp4': [1.0, 2.6], 'shot-b.mp4': [0.8, 2.2, 3.4] } as const
const TOLERANCE_SEC = 0.005

let session: EditorSession
let harness: Harness
let page: Page
let outDir: string
let projectPath: string

interface SourceStart {
  when: number
  offset: number
  duration: number
  calledAt: number
}

beforeAll(async () => {
  outDir = await mkdtemp(join(tmpdir(), 'e2e-follow-'))
  projectPath = join(outDir, 'two shots.mmaudio')
  const clips = Object.fromEntries(
    await Promise.all(
      Object.entries(FLASHES).map(
        async ([name, flashesSec]) =>
          [name, await flashClip(`follow ${name}`, { flashesSec, durationSec: SHOT_SEC })] as const,
      ),
    ),
  )
  session = await openEditorWithFal(clips, {
    // Test instrumentation: every take the page's Web Audio starts (when, from where, for how long).
    beforeLoad: (p) =>
      p.addInitScript(() => {
        const log: SourceStart[] = []
        ;(window as unknown as { __starts: SourceStart[] }).__starts = log
        const start = AudioBufferSourceNode.prototype.start
        AudioBufferSourceNode.prototype.start = function (when = 0, offset = 0, duration = 0) {
          log.push({ when, offset, duration, calledAt: this.context.currentTime })
          return start.call(this, when, offset, duration)
        }
      }),
  })
  ;({ page, harness } = session)
})

afterAll(() => session?.close())

/** Where every flash is on the timeline now, read from the clips the page shows (start, in, out, file). */
async function flashesOnTimeline(): Promise<number[]> {
  const clips = await page.$$eval('[data-testid=timeline-clip]', (els) =>
    els.map((e) => {
      const d = (e as HTMLElement).dataset
      return {
        name: (e.getAttribute('aria-label') ?? '').replace('Clip ', ''),
        start: Number(d.startSec),
        inSec: Number(d.inSec),
        outSec: Number(d.outSec),
      }
    }),
  )
  return clips
    .flatMap((c) =>
      FLASHES[c.name as keyof typeof FLASHES]
        .filter((f) => f >= c.inSec && f < c.outSec)
        .map((f) => c.start + f - c.inSec),
    )
    .sort((a, b) => a - b)
}

/** The project as the page holds it now (saved through the app's own Save). */
async function savedProject(): Promise<Project> {
  harness.desktop.nextSave = projectPath
  await page.keyboard.press('Control+s')
  await expect.poll(() => page.getByTestId('project-title').textContent()).not.toContain('•')
  const parsed = parseStoredProject(JSON.parse(readFileSync(projectPath, 'utf8')))
  if (!parsed.success) throw new Error('the saved project does not parse')
  return parsed.data
}

const clicksOfTake = new Map<string, number[]>()
async function takeClicks(path: string): Promise<number[]> {
  if (!clicksOfTake.has(path)) clicksOfTake.set(path, findClicks(await decodeAudio(path), 48000, 0.3))
  return clicksOfTake.get(path)!
}

/** Where the preview's schedule puts each click: a click at take time τ of a voice sounds at its start + (τ − offset). */
async function previewClicks(project: Project) {
  const { voices } = playbackSchedule(
    project,
    { fromSec: 0, untilSec: timelineEndSec(project.clips), rate: 1 },
    () => 1,
  )
  const clicks: number[] = []
  for (const v of voices) {
    for (const t of await takeClicks(v.path))
      if (t >= v.offsetSec && t < v.offsetSec + v.durationSec) clicks.push(v.whenSec + t - v.offsetSec)
  }
  return { voices, clicks: clicks.sort((a, b) => a - b) }
}

/** Plays from the start and returns what the page's Web Audio started. */
async function playedStarts(): Promise<SourceStart[]> {
  await page.evaluate(() => ((window as unknown as { __starts: unknown[] }).__starts.length = 0))
  await page.keyboard.press('Home')
  await page.keyboard.press('Space')
  await expect
    .poll(() => page.evaluate(() => (window as unknown as { __starts: unknown[] }).__starts.length))
    .toBeGreaterThan(0)
  await page.waitForTimeout(200)
  await page.keyboard.press('Space')
  return page.evaluate(() => (window as unknown as { __starts: SourceStart[] }).__starts.slice())
}

async function exportedClicks(name: string): Promise<number[]> {
  const destination = join(outDir, `${name}.mp4`)
  await exportMp4(session, destination)
  return clicksInMix(destination)
}

function expectOnFlashes(what: string, clicks: readonly number[], flashes: readonly number[]) {
  expect(clicks.length, `${what}: clicks ${clicks.map((c) => c.toFixed(3))} for flashes ${flashes}`).toBe(
    flashes.length,
  )
  clicks.forEach((c, i) =>
    expect(
      Math.abs(c - flashes[i]!),
      `${what}: click at ${c.toFixed(4)} vs flash at ${flashes[i]}`,
    ).toBeLessThanOrEqual(TOLERANCE_SEC),
  )
}

/** The check after every edit: preview schedule, what the page's Web Audio starts, and the exported MP4. */
async function expectSoundOnPicture(step: string) {
  const flashes = await flashesOnTimeline()
  const { voices, clicks } = await previewClicks(await savedProject())
  expectOnFlashes(`${step} (preview)`, clicks, flashes)
  // The page starts exactly those voices: same offsets and lengths, the same distances apart.
  const starts = await playedStarts()
  expect(starts.length, `${step}: voices started`).toBe(voices.length)
  starts.forEach((s, i) => {
    expect(s.offset).toBeCloseTo(voices[i]!.offsetSec, 6)
    expect(s.duration).toBeCloseTo(voices[i]!.durationSec, 6)
    expect(Math.abs(s.when - starts[0]!.when - (voices[i]!.whenSec - voices[0]!.whenSec))).toBeLessThan(0.001)
  })
  expectOnFlashes(`${step} (MP4)`, await exportedClicks(step), flashes)
  await screenshot(page, `follow-${step}`)
}

const clip = (name: string) => `[data-testid=timeline-clip][aria-label="Clip ${name}"]`

async function generateOver(fromSec: number, toSec: number, prompt: string) {
  await markSegment(page, fromSec, toSec)
  await page.getByRole('textbox', { name: 'Prompt' }).fill(prompt)
  await blur(page)
  await page.getByRole('group', { name: 'Number of takes' }).getByRole('button', { name: '1', exact: true }).click()
  const takesBefore = await page.getByTestId('take').count()
  await page.getByRole('button', { name: 'Generate 1 take' }).click()
  await expect.poll(() => page.getByTestId('take').count(), { timeout: 60_000 }).toBe(takesBefore + 1)
}

describe('generated sound stays with its shot through every edit', () => {
  it('generates a take on each of two shots; both sound on their flashes', async () => {
    await dropFiles(page, '[data-testid=app]', ['shot-a.mp4', 'shot-b.mp4'])
    await expect.poll(() => page.getByTestId('timeline-clip').count()).toBe(2)
    await generateOver(0.4, 3.6, 'a door slams')
    await page.keyboard.press('Escape')
    await generateOver(4.4, 7.8, 'footsteps on gravel')
    expect(await page.locator('[data-testid=segment][data-anchor=source]').count()).toBe(2)
    await expectSoundOnPicture('1-generated')
  })

  it('moving a shot 2 s later takes its sound along', async () => {
    await page.keyboard.down('Alt')
    await drag(page, await center(page, clip('shot-b.mp4')), 2 * PX_PER_SEC)
    await page.keyboard.up('Alt')
    expect(await page.locator(clip('shot-b.mp4')).getAttribute('data-start-sec')).toBe('6')
    await expectSoundOnPicture('2-moved')
  })

  it('splitting a shot and moving a half: each part keeps its part of the sound', async () => {
    await movePlayheadTo(page, 7.6)
    await page.locator(clip('shot-b.mp4')).click()
    await page.keyboard.press('s')
    await expect.poll(() => page.getByTestId('timeline-clip').count()).toBe(3)
    await page.keyboard.down('Alt')
    await drag(page, await center(page, clip('shot-b.mp4'), 1), 1 * PX_PER_SEC)
    await page.keyboard.up('Alt')
    expect(await page.locator('[data-testid=segment][data-anchor=source]').count()).toBe(3) // the split sound shows in two pieces
    await expectSoundOnPicture('3-split-and-moved')
  })

  it('undo brings the half back, and the two parts sound as one again', async () => {
    await page.keyboard.press('Control+z')
    await expect.poll(() => page.locator(clip('shot-b.mp4')).nth(1).getAttribute('data-start-sec')).toBe('7.6')
    expect(await page.locator('[data-testid=segment][data-anchor=source]').count()).toBe(2)
    await expectSoundOnPicture('4-undone')
  })

  it("trimming a shot's head silences the sound of the frames trimmed away and moves nothing else", async () => {
    await page.keyboard.down('Alt')
    await drag(page, await center(page, `${clip('shot-a.mp4')} >> [data-testid=trim-start]`), 1.5 * PX_PER_SEC)
    await page.keyboard.up('Alt')
    expect(await page.locator(clip('shot-a.mp4')).getAttribute('data-start-sec')).toBe('1.5')
    await expectSoundOnPicture('5-head-trimmed')
  })

  it('a ripple delete takes the shot and its sound away and slides the rest, sound and all', async () => {
    await page.locator(clip('shot-a.mp4')).click()
    await page.keyboard.press('Shift+Delete')
    await expect.poll(() => page.getByTestId('timeline-clip').count()).toBe(2)
    await expectSoundOnPicture('6-ripple-deleted')
  })
  it('selecting a shot lights up its sounds; a bed across the cuts is drawn apart, on the timeline', async () => {
    const lane1 = await page.getByTestId('sound-lane-1').boundingBox()
    await page.keyboard.down('Alt')
    await drag(page, { x: lane1!.x + 0.2 * PX_PER_SEC, y: lane1!.y + lane1!.height / 2 }, 6.5 * PX_PER_SEC)
    await page.keyboard.up('Alt')
    const bed = page.locator('[data-testid=segment][data-lane="1"]')
    expect(await bed.getAttribute('data-anchor')).toBe('timeline')
    await page.locator(clip('shot-b.mp4')).nth(1).click()
    const linked = await page.$$eval('[data-testid=segment]', (els) =>
      els.map((e) => [e.getAttribute('data-start-sec'), e.classList.contains('linked')]),
    )
    expect(linked).toEqual([
      ['3.9', true],
      ['0.2', false],
    ]) // B's two touching halves carry one piece of sound
    for (let i = 0; i < 3; i++) await page.keyboard.press('+')
    await screenshot(page, 'follow-7-clip-selected')
  })
})
