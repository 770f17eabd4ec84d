// The Match loudness switch is an app setting in main: read once, and written back with the rest of the settings
// as main holds them (so nothing else goes back stale); a write main refuses puts the switch back.
import { act, cleanup, renderHook } from '@testing-library/react'
import { afterEach, describe, expect, it } from 'vitest'
import { useMatchLoudness } from '../../../../../renderer/src/features/takes/useMatchLoudness'
import type { Settings } from '../../../../../shared/domain/settings'
import { defaultSettings } from '../../../../../electron/store/settings'
import { answering, installFakeBridge } from '../../fakeBridge'

afterEach(cleanup)
const settle = () => act(async () => void (await new Promise((r) => setTimeout(r, 10))))

describe('the Match loudness setting', () => {
  it('is on until main says otherwise, and a toggle writes it with the other settings untouched', async () => {
    let stored: Settings = { ...defaultSettings(), chunkCacheLimitMb: 777, matchLoudness: false }
    const bridge = installFakeBridge(
      answering({
        'settings:get': () => stored,
        'settings:set': (next: Settings) => (stored = next),
      }),
    )
    const { result } = renderHook(() => useMatchLoudness())
    expect(result.current.on).toBe(true)
    await settle()
    expect(result.current.on).toBe(false)
    act(() => result.current.set(true))
    await settle()
    expect(result.current.on).toBe(true)
    expect(stored).toEqual({ ...defaultSettings(), chunkCacheLimitMb: 777, matchLoudness: true })
    expect(bridge.calls.filter((c) => c.channel === 'settings:set')).toHaveLength(1)
  })

  it('a write main refuses puts the switch back', async () => {
    installFakeBridge((channel) =>
      channel === 'settings:get'
        ? { ok: true, data: defaultSettings() }
        : { ok: false, error: { code: 'BAD_INPUT', message: 'no' } },
    )
    const { result } = renderHook(() => useMatchLoudness())
    await settle()
    act(() => result.current.set(false))
    await settle()
    expect(result.current.on).toBe(true)
  })
})
