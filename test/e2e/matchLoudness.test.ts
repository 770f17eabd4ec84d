// Fair A/B, as a person uses it: three takes of one segment arrive at different loudness (each measured as it
// arrives and shown beside it). With Match loudness (on by default) every audition is heard at the same level,
// measured here from what the page's Web Audio is told to play (the take's samples times the gains on its way
// out); with it off, at their own levels. Choosing a take starts it at the level of the one it replaces, in one
// undo step, and the mixer shows the numbers.
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { formatDb } from '../../renderer/src/features/mixer/mixerModel'
import { flashClip } from '../fixtures/media'
import { dropFiles, screenshot } from './harness/browser'
import { blur, markSegment, openEditorWithFal, type EditorSession } from './harness/editorPage'

let session: EditorSession
let page: Page

interface Heard {
  /** RMS of the samples played times the gains after the source, in dB. */
  db: number
}

beforeAll(async () => {
  const clip = await flashClip('calm shot.mp4', { flashesSec: [], durationSec: 4 })
  session = await openEditorWithFal(
    { 'calm.mp4': clip },
    {
      // Test instrumentation: for every take the page's Web Audio starts, the level it is played at: the RMS of
      // the samples it plays times each gain node on its way out (at the most its automation reaches).
      beforeLoad: (p) =>
        p.addInitScript(() => {
          const heard: Array<{ db: number }> = []
          ;(window as unknown as { __heard: typeof heard }).__heard = heard
          const most = new WeakMap<AudioParam, number>()
          const note = (name: 'setValueAtTime' | 'linearRampToValueAtTime') => {
            const original = AudioParam.prototype[name]
            AudioParam.prototype[name] = function (this: AudioParam, value: number, time: number) {
              most.set(this, Math.max(most.get(this) ?? 0, value))
              return original.call(this, value, time)
            }
          }
          note('setValueAtTime')
          note('linearRampToValueAtTime')
          const cancel = AudioParam.prototype.cancelScheduledValues
          AudioParam.prototype.cancelScheduledValues = function (this: AudioParam, time: number) {
            most.delete(this)
            return cancel.call(this, time)
          }
          const outs = new WeakMap<AudioNode, AudioNode[]>()
          const connect = AudioNode.prototype.connect as (this: AudioNode, ...a: unknown[]) => unknown
          ;(AudioNode.prototype as unknown as { connect: unknown }).connect = function (
            this: AudioNode,
            destination: AudioNode,
            ...rest: unknown[]
          ) {
            outs.set(this, [...(outs.get(this) ?? []), destination])
            return connect.call(this, destination, ...rest)
          }
          const start = AudioBufferSourceNode.prototype.start
          AudioBufferSourceNode.prototype.start = function (when = 0, offset = 0, duration?: number) {
            let gain = 1
            let node: AudioNode | undefined = outs.get(this)?.[0]
            while (node) {
              if (node instanceof GainNode) gain *= most.get(node.gain) ?? node.gain.value
              node = outs.get(node)?.[0]
            }
            const buffer = this.buffer!
            const samples = buffer.getChannelData(0)
            const from = Math.floor(offset * buffer.sampleRate)
            const to = Math.min(samples.length, from + Math.floor((duration ?? buffer.duration) * buffer.sampleRate))
            let sum = 0
            for (let i = from; i < to; i++) sum += samples[i]! * samples[i]!
            heard.push({ db: 20 * Math.log10(Math.sqrt(sum / Math.max(1, to - from)) * gain) })
            return start.call(this, when, offset, duration)
          }
        }),
    },
  )
  page = session.page
})
afterAll(() => session?.close())

const heardCount = () => page.evaluate(() => (window as unknown as { __heard: Heard[] }).__heard.length)

/** Listens to take `n` (1-based) and returns the level it was played at. */
async function audition(n: number): Promise<number> {
  const before = await heardCount()
  await page.getByRole('button', { name: `Listen to take ${n}` }).click()
  await expect.poll(heardCount, { timeout: 20_000 }).toBe(before + 1)
  await page.keyboard.press('k')
  return page.evaluate(() => (window as unknown as { __heard: Heard[] }).__heard.at(-1)!.db)
}

const lufsShown = () =>
  page.$$eval('[data-testid=take-lufs]', (els) => els.map((e) => Number((e as HTMLElement).dataset.lufs)))

/** The take gain as the mixer writes it beside its slider ("+10.9 dB"). */
const gainShown = () => page.getByTestId('mixer-take').locator('.field-label .value').first().textContent()

const spread = (xs: number[]) => Math.max(...xs) - Math.min(...xs)

describe('fair A/B between takes', () => {
  let lufs: number[]

  it('three takes arrive, each with its loudness shown; Match loudness is on', async () => {
    await dropFiles(page, '[data-testid=app]', ['calm.mp4'])
    await expect.poll(() => page.getByTestId('timeline-clip').count()).toBe(1)
    await markSegment(page, 0.4, 3.6)
    await page.getByRole('textbox', { name: 'Prompt' }).fill('rain on a tin roof')
    await blur(page)
    // a locked seed: takes 40, 41, 42, whose beds the emulator makes at different levels
    const seed = page.getByRole('group', { name: 'Seed' })
    await seed.getByRole('checkbox').check()
    await seed.getByRole('spinbutton', { name: 'Seed value' }).fill('40')
    await blur(page)
    await page.getByRole('group', { name: 'Number of takes' }).getByRole('button', { name: '3', exact: true }).click()
    await page.getByRole('button', { name: 'Generate 3 takes' }).click()
    await expect.poll(() => page.getByTestId('take').count(), { timeout: 60_000 }).toBe(3)
    lufs = await lufsShown()
    expect(lufs.every(Number.isFinite)).toBe(true)
    expect(spread(lufs)).toBeGreaterThan(6)
    expect(await page.getByRole('checkbox', { name: 'Match loudness' }).isChecked()).toBe(true)
    await screenshot(page, 'match-1-takes')
  })

  it('with Match loudness every take is heard at the active take’s level; without it, at its own', async () => {
    const matched = [await audition(1), await audition(2), await audition(3)]
    console.info(`loudness ${lufs.map((l) => l.toFixed(1))} LUFS; heard matched ${matched.map((d) => d.toFixed(2))} dB`)
    expect(spread(matched)).toBeLessThan(0.3)
    await page.getByRole('checkbox', { name: 'Match loudness' }).uncheck()
    const own = [await audition(1), await audition(2), await audition(3)]
    console.info(`heard unmatched ${own.map((d) => d.toFixed(2))} dB`)
    for (const i of [1, 2]) expect(Math.abs(own[i]! - own[0]! - (lufs[i]! - lufs[0]!))).toBeLessThan(0.3)
    await page.getByRole('checkbox', { name: 'Match loudness' }).check()
  })

  it('choosing a take starts it at the level of the one it replaces, as one undo step; the mixer shows it', async () => {
    await page.getByRole('radio', { name: 'Use take 3' }).click()
    const gain = Math.round((lufs[0]! - lufs[2]!) * 10) / 10
    await expect.poll(gainShown).toBe(formatDb(gain))
    const shown = await page.getByTestId('take-loudness').getAttribute('data-level')
    expect(Number(shown)).toBeCloseTo(lufs[0]!, 1)
    await screenshot(page, 'match-2-chosen')
    // heard in the mix (play) at the level take 1 had
    expect(Math.abs((await audition(3)) - (await audition(1)))).toBeLessThan(0.3)
    // undo gives take 1 back and take 3 its own gain; chosen again with Match loudness off, it keeps that gain
    await page.keyboard.press('Control+z')
    await expect.poll(() => page.getByRole('radio', { name: 'Use take 1' }).isChecked()).toBe(true)
    await page.getByRole('checkbox', { name: 'Match loudness' }).uncheck()
    await page.getByRole('radio', { name: 'Use take 3' }).click()
    await expect.poll(gainShown).toBe(formatDb(0))
  })
})
