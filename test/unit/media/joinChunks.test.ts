import { describe, expect, it } from 'vitest'
import { joinParts } from '../../../electron/media/joinChunks'
import { planChunks } from '../../../shared/domain/chunks'

describe('joinParts', () => {
  it('turns the plan into kept sample spans of each chunk file', () => {
    expect(joinParts(['a', 'b', 'c'], planChunks(20))).toEqual([
      { path: 'a', keepStartSample: 0, keepEndSample: 360000 },
      { path: 'b', keepStartSample: 24000, keepEndSample: 360000 },
      { path: 'c', keepStartSample: 24000, keepEndSample: 384000 },
    ])
  })
})
