import { describe, expect, it } from 'vitest'
import { outOfRangeNotes } from '../../../electron/cli/paramNotes'
import { FAL_PROFILE } from '../../../electron/providers/fal/profile'
import { DEFAULT_GENERATION } from '../../../shared/domain/project'

const caps = FAL_PROFILE.capabilities
const { steps, cfg } = caps.params

describe('what the CLI says when a provider takes an option only within a narrower range', () => {
  it('nothing for values the provider takes', () => {
    expect(outOfRangeNotes(DEFAULT_GENERATION, caps, 'fal.ai')).toEqual([])
  })

  it('each option outside the range, with the range and the value sent instead', () => {
    const notes = outOfRangeNotes({ steps: 2, cfg: 99, seed: null }, caps, 'fal.ai')
    expect(notes).toEqual([
      `fal.ai takes --steps from ${steps!.min} to ${steps!.max}: --steps 2 is sent as ${steps!.min}.`,
      `fal.ai takes --cfg from ${cfg!.min} to ${cfg!.max}: --cfg 99 is sent as ${cfg!.max}.`,
    ])
  })
})
