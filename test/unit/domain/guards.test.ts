// The guard presets: what "No voices", "No music" and "Timing only" do to a segment's settings.
import { describe, expect, it } from 'vitest'
import { hasGuard, toggleGuard, withGuards } from '../../../shared/domain/guards'
import { DEFAULT_GENERATION } from '../../../shared/domain/project'

describe('guard presets', () => {
  it('add their words to what the model avoids once, and a second press takes them out again', () => {
    expect(toggleGuard('music', 'voices')).toBe('music, speech, talking, voice')
    expect(toggleGuard('', 'voices')).toBe('speech, talking, voice')
    expect(toggleGuard('Speech, wind', 'voices')).toBe('Speech, wind, talking, voice')
    expect(toggleGuard('music, speech, talking, voice', 'voices')).toBe('music')
    expect(toggleGuard('speech, talking, voice', 'music')).toBe('speech, talking, voice, music')
    expect(toggleGuard(toggleGuard('wind', 'music'), 'music')).toBe('wind')
    expect(hasGuard('music', 'voices')).toBe(false)
    expect(hasGuard('MUSIC ,  wind', 'music')).toBe(true)
  })

  it('from the command line only ever add: a guard already there stays, and timing turns mask_away_clip on', () => {
    const base = { ...DEFAULT_GENERATION, negativePrompt: 'music, wind' }
    const guarded = withGuards(base, ['voices', 'music', 'timing', 'voices'])
    expect(guarded.negativePrompt).toBe('music, wind, speech, talking, voice')
    expect(guarded.maskAwayClip).toBe(true)
    expect(withGuards(base, [])).toEqual(base)
  })
})
