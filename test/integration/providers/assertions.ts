// Assertions shared by the provider adapter tests: the AppError a promise rejects with, clicks that land on
// the flashes of the uploaded picture, and the waits an adapter asked for (to check Retry-After is honoured).
import { expect } from 'vitest'
import { AppError } from '../../../shared/domain/errors'
import type { ProviderContext } from '../../../electron/providers/types'
import { decodeAudio, findClicks } from '../../fixtures/media'

/** The AppError `p` rejects with (fails the test if it resolves or rejects with something else). */
export async function rejectionOf(p: Promise<unknown>): Promise<AppError> {
  const e = await p.then(
    () => new Error('expected a rejection'),
    (err: unknown) => err,
  )
  expect(e).toBeInstanceOf(AppError)
  return e as AppError
}

/** The file's audio has exactly one click per flash, each within 5 ms of it. */
export async function expectClicksOnFlashes(file: string, flashesSec: readonly number[]): Promise<void> {
  const clicks = findClicks(await decodeAudio(file, 48000), 48000)
  expect(clicks).toHaveLength(flashesSec.length)
  clicks.forEach((c, i) => {
    expect(Math.abs(c - flashesSec[i]!), `click ${i} at ${c}`).toBeLessThan(0.005)
  })
}

/** Records every wait the adapter asks ctx.sleep for (ms, as asked), still waiting as ctx.sleep would. */
export function recordSleeps(ctx: ProviderContext): number[] {
  const asked: number[] = []
  const inner = ctx.sleep
  if (!inner) throw new Error('recordSleeps needs a ctx with a sleep')
  ctx.sleep = (ms, signal) => {
    asked.push(ms)
    return inner(ms, signal)
  }
  return asked
}
