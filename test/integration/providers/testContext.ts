// A ProviderContext for adapter tests against an emulator: records progress and submitted ids, writes to a
// fresh temp dir, polls fast, and lets a test abort or scale backoff waits down.
import { mkdtemp } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { defaultSleep } from '../../../electron/providers/http'
import type { ProviderContext, ProviderProgress } from '../../../electron/providers/types'

export interface TestContext {
  ctx: ProviderContext
  progress: ProviderProgress[]
  submitted: string[]
  controller: AbortController
  /** Stages in order, consecutive repeats collapsed. */
  stages(): string[]
}

export async function testContext(
  baseUrl: string,
  apiKey: string,
  opts: {
    backoffScale?: number
    pollIntervalMs?: number
    maxWaitMs?: number
    onSubmitted?: (id: string) => void | Promise<void>
  } = {},
): Promise<TestContext> {
  const progress: ProviderProgress[] = []
  const submitted: string[] = []
  const controller = new AbortController()
  const pollIntervalMs = opts.pollIntervalMs ?? 20
  const scale = opts.backoffScale ?? 0.1
  const ctx: ProviderContext = {
    signal: controller.signal,
    onProgress: (p) => progress.push(p),
    onSubmitted: async (id) => {
      submitted.push(id)
      await opts.onSubmitted?.(id)
    },
    fetch: globalThis.fetch,
    baseUrl,
    apiKey,
    tmpDir: await mkdtemp(join(tmpdir(), 'provider-test-')),
    // Poll pauses pass through; retry backoffs (always longer than a poll) are scaled down.
    sleep: (ms, signal) => defaultSleep(ms <= pollIntervalMs ? ms : Math.round(ms * scale), signal),
    pollIntervalMs,
    ...(opts.maxWaitMs ? { maxWaitMs: opts.maxWaitMs } : {}),
  }
  return {
    ctx,
    progress,
    submitted,
    controller,
    stages: () => progress.map((p) => p.stage).filter((s, i, all) => i === 0 || all[i - 1] !== s),
  }
}
