import { describe, expect, it } from 'vitest'
import { aggregate, MIXING_SHARE } from '../../../electron/jobs/generateProgress'

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
})
