import { describe, expect, it } from 'vitest'
import { createProgressThrottle } from '../../../electron/jobs/progressThrottle'

describe('progress throttle', () => {
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
