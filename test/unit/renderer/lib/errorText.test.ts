import { describe, expect, it } from 'vitest'
import { errorText } from '../../../../renderer/src/lib/errorText'

describe('error sentences', () => {
  it('keeps main’s sentence and adds a next step where the code has one', () => {
    const t = errorText({ code: 'PROVIDER_AUTH', message: 'fal.ai rejected the API key.' })
    expect(t.message).toBe('fal.ai rejected the API key.')
    expect(t.next).toMatch(/Settings/)
  })

  it('does not repeat advice main already gave', () => {
    expect(errorText({ code: 'NOT_A_VIDEO', message: '"a.txt" is not a video. Choose an MP4…' }).next).toBeNull()
  })
})
