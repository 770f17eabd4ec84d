import { describe, expect, it } from 'vitest'
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
