// Loopable beds: one window repeated over a segment, each repeat crossfading into the next with equal power.
import { describe, expect, it } from 'vitest'
import { LOOP_CROSSFADE_SEC, loopPlan } from '../../../shared/domain/loop'
import { fadeGainAt, soundingTakes } from '../../../shared/domain/mix'
import { DEFAULT_TAKE_MIX, type Segment } from '../../../shared/domain/project'
import { segment, twoClipProject } from '../renderer/fixtures'

describe('loopPlan', () => {
  it('repeats an 8 s window every 7 s over 20 s: three repeats, the last cut at the end, two seams', () => {
    const plan = loopPlan(20, 8)
    expect(plan.crossfadeSec).toBe(LOOP_CROSSFADE_SEC)
    expect(plan.repeats).toEqual([
      { startSec: 0, durationSec: 8, fadeIn: false, fadeOut: true },
      { startSec: 7, durationSec: 8, fadeIn: true, fadeOut: true },
      { startSec: 14, durationSec: 6, fadeIn: true, fadeOut: false },
    ])
    expect(plan.seamsSec).toEqual([7.5, 14.5])
  })

  it('a segment the window covers is one repeat with no seam; a short window crossfades over a quarter of itself', () => {
    expect(loopPlan(6, 8).repeats).toEqual([{ startSec: 0, durationSec: 6, fadeIn: false, fadeOut: false }])
    const short = loopPlan(5, 2)
    expect(short.crossfadeSec).toBe(0.5)
    expect(short.repeats.map((r) => r.startSec)).toEqual([0, 1.5, 3, 4.5])
  })
})

describe('a loop in the mix', () => {
  const bed = (lengthSec: number, mix = {}): Segment => ({
    ...segment('bed', 0, lengthSec),
    params: { ...segment('bed', 0, lengthSec).params, textOnly: true, loop: true },
    takes: [{ id: 't', provider: 'fal', seed: 1, path: '/t.wav', durationSec: 3, requestIds: [], createdAt: '', mix: { ...DEFAULT_TAKE_MIX, ...mix } }],
    activeTakeId: 't',
  })

  it('places each repeat with equal-power seams and the take’s own fades only at the very start and end', () => {
    const pieces = soundingTakes(twoClipProject({ segments: [bed(8, { fadeInMs: 100, fadeOutMs: 200 })] }))
    // a 3 s window: crossfade 0.75 s, repeats every 2.25 s: at 0, 2.25, 4.5, 6.75 (the last 1.25 s long)
    expect(pieces.map((p) => [p.startSec, p.offsetSec, p.durationSec])).toEqual([[0, 0, 3], [2.25, 0, 3], [4.5, 0, 3], [6.75, 0, 1.25]])
    const fades = pieces.map((p) => p.fades.map((f) => `${f.direction} ${f.startSec}+${f.durationSec} ${f.curve}`))
    expect(fades).toEqual([
      ['in 0+0.1 linear', 'out 2.25+0.75 equalPower'],
      ['in 0+0.75 equalPower', 'out 2.25+0.75 equalPower'],
      ['in 0+0.75 equalPower', 'out 2.25+0.75 equalPower'],
      ['out 1.05+0.2 linear', 'in 0+0.75 equalPower'],
    ])
  })

  it('the two sides of a seam keep the power constant: out² + in² = 1 all through the crossfade', () => {
    const [first, second] = soundingTakes(twoClipProject({ segments: [bed(8)] }))
    const out = first!.fades.find((f) => f.direction === 'out')!
    const inn = second!.fades.find((f) => f.direction === 'in')!
    for (let t = 2.25; t <= 3; t += 0.05) {
      const a = fadeGainAt(out, t)
      const b = fadeGainAt(inn, t - 2.25)
      expect(a * a + b * b).toBeCloseTo(1, 9)
    }
  })
})
