import { describe, expect, it } from 'vitest'
import { AudioLayer } from '../../../../../renderer/src/features/playback/audioLayer'

function fakeContext(decodes: boolean): AudioContext {
  const gain = () => ({ connect: () => undefined, gain: { value: 1 } })
  return {
    destination: {},
    createGain: gain,
    decodeAudioData: async () => {
      if (!decodes) throw new DOMException('Unable to decode audio data', 'EncodingError')
      return { numberOfChannels: 1, duration: 2 } as AudioBuffer
    },
  } as unknown as AudioContext
}

describe('a take that cannot be played', () => {
  it('is silent and reported once, whether main has no URL for it or it does not decode', async () => {
    const reported: string[] = []
    const layer = new AudioLayer({
      createContext: () => fakeContext(false),
      urlFor: async (p) => (p.endsWith('gone.wav') ? null : `media://local${p}`),
      fetchBytes: async () => new ArrayBuffer(8),
      onUnplayable: (p) => reported.push(p),
    })
    expect(await layer.load('/takes/gone.wav')).toBeNull()
    expect(await layer.load('/takes/damaged.wav')).toBeNull()
    expect(await layer.load('/takes/damaged.wav')).toBeNull() // tried again on the next play, not told again
    expect(reported).toEqual(['/takes/gone.wav', '/takes/damaged.wav'])
  })

  it('a good take is decoded once and nothing is reported', async () => {
    const reported: string[] = []
    let fetched = 0
    const layer = new AudioLayer({
      createContext: () => fakeContext(true),
      urlFor: async (p) => `media://local${p}`,
      fetchBytes: async () => (fetched++, new ArrayBuffer(8)),
      onUnplayable: (p) => reported.push(p),
    })
    expect(await layer.load('/takes/a.wav')).not.toBeNull()
    await layer.load('/takes/a.wav')
    expect(fetched).toBe(1)
    expect(reported).toEqual([])
  })
})
