import { describe, expect, it } from 'vitest'
import { planThumbnails } from '../../../electron/media/thumbnails'

describe('planThumbnails', () => {
  it('a 5 s 16:9 clip: one 160×90 frame per second, full decode', () => {
    expect(planThumbnails(5, 1920, 1080)).toEqual({ frameCount: 5, frameWidth: 160, frameHeight: 90, intervalSec: 1, keyframesOnly: false })
  })
  it('a portrait phone clip keeps its aspect with an even width', () => {
    expect(planThumbnails(5, 1080, 1920)).toMatchObject({ frameWidth: 50, frameHeight: 90 })
    expect(planThumbnails(5, 373, 211).frameWidth % 2).toBe(0)
  })
  it('a long file: capped frame count, keyframes only', () => {
    expect(planThumbnails(3600, 1920, 1080)).toMatchObject({ frameCount: 120, intervalSec: 30, keyframesOnly: true })
  })
  it('a sub-second clip still gets one frame', () => {
    expect(planThumbnails(0.4, 640, 360)).toMatchObject({ frameCount: 1, intervalSec: 0.4 })
  })
})
