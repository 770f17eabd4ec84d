import { describe, expect, it } from 'vitest'
import { aggregate, MIXING_SHARE } from '../../../electron/jobs/generateProgress'
import { createProgressThrottle } from '../../../electron/jobs/progressThrottle'
import { takeSeeds } from '../../../electron/jobs/seeds'

describe('take seeds', () => {
  it('a locked seed gives seed, seed+1, … wrapping inside 0–65535', () => {
    expect(takeSeeds(42, 3)).toEqual([42, 43, 44])
    expect(takeSeeds(65534, 3)).toEqual([65534, 65535, 0])
  })

  it('no seed gives distinct random seeds, even from a random source that repeats', () => {
    expect(new Set(takeSeeds(null, 4, { random: () => 0.5 })).size).toBe(4)
    const seeds = takeSeeds(null, 8)
    expect(new Set(seeds).size).toBe(8)
    for (const s of seeds) expect(Number.isInteger(s) && s >= 0 && s <= 65535).toBe(true)
  })

  it('keeps the seed of a take the journal shows as already submitted', () => {
    expect(takeSeeds(null, 3, { random: () => 0.5, reuse: (i) => (i === 1 ? 32768 : undefined) })).toEqual([32769, 32768, 32770])
  })
})

describe('generation progress', () => {
  it('is the mean over units, names the furthest stage an unfinished unit reached and the best queue position', () => {
    expect(aggregate([
      { stage: 'preparing', fraction: null },
      { stage: 'uploading', fraction: 0.5 },
      { stage: 'done', fraction: null },
    ]).stage).toBe('uploading')
    const u = aggregate([
      { stage: 'generating', fraction: 0.5 },
      { stage: 'queued', fraction: null, queuePosition: 3 },
      { stage: 'queued', fraction: null, queuePosition: 1 },
      { stage: 'done', fraction: null },
    ])
    expect(u.stage).toBe('generating')
    expect(u.queuePosition).toBe(1)
    expect(u.progress).toBeCloseTo(((0.575 + 0.2 + 0.2 + 1) / 4) * (1 - MIXING_SHARE), 9)
    expect(aggregate([{ stage: 'done', fraction: null }])).toEqual({ stage: 'mixing', progress: 1 - MIXING_SHARE })
  })

  it('the throttle drops tiny steps, never goes backwards (progress or stage), and passes a stage change', () => {
    let t = 0
    const sent: Array<{ stage: string; progress: number }> = []
    const th = createProgressThrottle((u) => sent.push(u), () => t)
    th.push({ stage: 'uploading', progress: 0.1 })
    th.push({ stage: 'uploading', progress: 0.105 })
    th.push({ stage: 'uploading', progress: 0.2 })
    th.push({ stage: 'generating', progress: 0.15 })
    t = 1000
    th.push({ stage: 'generating', progress: 0.151 })
    th.push({ stage: 'queued', progress: 0.4, queuePosition: 2 })
    expect(sent).toEqual([
      { stage: 'uploading', progress: 0.1 },
      { stage: 'uploading', progress: 0.2 },
      { stage: 'generating', progress: 0.2 },
      { stage: 'generating', progress: 0.2 },
      { stage: 'generating', progress: 0.4, queuePosition: 2 },
    ])
  })
})
