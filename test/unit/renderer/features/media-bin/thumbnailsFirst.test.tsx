// A long clip's thumbnails and peaks: the part on screen is asked for first and shown; the whole follows once it
// has arrived (so the part never waits behind it); a short clip is asked for whole at once.
import { act, cleanup, render } from '@testing-library/react'
import { afterEach, describe, expect, it } from 'vitest'
import { spriteFrameStyle, useThumbnails } from '../../../../../renderer/src/features/media-bin/useThumbnails'
import { useWaveforms } from '../../../../../renderer/src/features/timeline/useWaveform'
import type { Asset } from '../../../../../shared/domain/asset'
import type { SourceRange, ThumbnailStrip, WaveformPeaks } from '../../../../../shared/ipc/contract'
import { installFakeBridge } from '../../fakeBridge'
import { asset } from '../../fixtures'

afterEach(cleanup)

interface Held {
  channel: string
  range: SourceRange | undefined
  answer: (data: unknown) => void
}

/** A bridge whose answers the test gives one by one. */
function heldBridge(): Held[] {
  const held: Held[] = []
  installFakeBridge()
  const ipc = (window as unknown as { ipc: { invoke: (channel: string, input: unknown) => Promise<unknown> } }).ipc
  ipc.invoke = (channel, input) =>
    new Promise((resolve) => {
      const range = (input as { range?: SourceRange }).range
      held.push({ channel, range, answer: (data) => resolve({ ok: true, data }) })
    })
  return held
}

const strip = (over: Partial<ThumbnailStrip>): ThumbnailStrip => ({
  url: 'media://x',
  part: false,
  firstFrame: 0,
  frameCount: 120,
  frameWidth: 160,
  frameHeight: 90,
  intervalSec: 5,
  ...over,
})
const settle = () => act(async () => void (await new Promise((r) => setTimeout(r, 5))))
const asked = (held: Held[]) => held.map((h) => [h.channel, h.range])

function Probe(props: {
  asset: Asset
  onStrip: (s: ThumbnailStrip | null) => void
  onPeaks: (p: WaveformPeaks | undefined) => void
}) {
  const range = { fromSec: 0, toSec: 30 }
  props.onStrip(useThumbnails(props.asset, range))
  props.onPeaks(useWaveforms([props.asset], new Map([[props.asset.id, range]])).get(props.asset.id))
  return null
}

describe('a long clip: the part on screen first', () => {
  it('asks for the parts, shows them, then asks for the wholes and shows those', async () => {
    const held = heldBridge()
    const long = { ...asset('long', 600, 30, true), id: 'long-1', path: '/media/long-1.mp4' }
    const strips: Array<ThumbnailStrip | null> = []
    const peaks: Array<WaveformPeaks | undefined> = []
    render(<Probe asset={long} onStrip={(s) => strips.push(s)} onPeaks={(p) => peaks.push(p)} />)
    await settle()
    expect(asked(held)).toEqual([
      ['media:thumbnails', { fromSec: 0, toSec: 30 }],
      ['media:waveform', { fromSec: 0, toSec: 30 }],
    ])
    const part = strip({ part: true, frameCount: 6 })
    held[0]!.answer(part)
    held[1]!.answer({ peaks: [0.5], peaksPerSec: 100, startSec: 0 })
    await settle()
    expect(strips.at(-1)).toEqual(part)
    expect(peaks.at(-1)).toEqual({ peaks: [0.5], peaksPerSec: 100, startSec: 0 })
    // Only now the wholes.
    expect(asked(held).slice(2)).toEqual([
      ['media:waveform', undefined],
      ['media:thumbnails', undefined],
    ])
    const whole = strip({})
    for (const h of held.slice(2))
      h.answer(h.channel === 'media:thumbnails' ? whole : { peaks: [0.5, 0.25], peaksPerSec: 100, startSec: 0 })
    await settle()
    expect(strips.at(-1)).toEqual(whole)
    expect(peaks.at(-1)?.peaks).toEqual([0.5, 0.25])
  })

  it('a part shows only its own frames; a whole strip shows every one', () => {
    const part = strip({ part: true, firstFrame: 10, frameCount: 6 })
    expect(spriteFrameStyle(part, 9, 90)).toBeNull()
    expect(spriteFrameStyle(part, 12, 90)?.backgroundPosition).toBe('-320px 0')
    expect(spriteFrameStyle(part, 16, 90)).toBeNull()
    expect(spriteFrameStyle(strip({}), 130, 90)?.backgroundPosition).toBe(`${-119 * 160}px 0`)
  })
})

describe('a short clip', () => {
  it('is asked for whole at once', async () => {
    const held = heldBridge()
    const short = { ...asset('short', 20, 30, true), id: 'short-1', path: '/media/short-1.mp4' }
    render(<Probe asset={short} onStrip={() => undefined} onPeaks={() => undefined} />)
    await settle()
    expect(asked(held).sort()).toEqual([
      ['media:thumbnails', undefined],
      ['media:waveform', undefined],
    ])
  })
})
