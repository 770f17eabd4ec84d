// What every provider adapter does against its emulator, whatever its protocol: a run in each mode it takes
// (upload, submit, poll, download, progress in order, our request in its names), a wrong key, a refused
// parameter, 429 and 5xx on status and on submit, a dropped submit, a failed run, a run that never ends,
// corrupt and cut-short outputs, aborts, and resume after a crash. Each provider's own test file runs this
// contract and keeps only its quirks.
import { readFile } from 'node:fs/promises'
import { afterEach, describe, expect, it } from 'vitest'
import { toProviderParams } from '../../../electron/providers/paramRange'
import { PROVIDER_PROFILES } from '../../../electron/providers/profiles'
import type { AudioProvider, ProviderRequest, GenerateResult } from '../../../electron/providers/types'
import type { Fault, RunningEmulator } from '../../emulators/core'
import { recordSleeps, rejectionOf } from './assertions'
import { testContext, type TestContext } from './testContext'

type Mode = ProviderRequest['mode']

export interface ContractEmulator extends RunningEmulator {
  /** The key it accepts. */
  readonly apiKey: string
}

export interface ProviderContractSubject<E extends ContractEmulator> {
  provider: AudioProvider
  /** A fresh emulator of this provider, with its usual timing. */
  start(): Promise<E>
  /** The request of each mode the provider takes. Single-mode cases use video where it takes video. */
  requests: Partial<Record<Mode, () => ProviderRequest>>
  /** By mode, the first call that needs the key: where a wrong key is refused. */
  firstKeyedPath: Partial<Record<Mode, string>>
  /** Checks a finished run's file: its type and its sound (clicks on the flashes, or its length). */
  expectOutput(result: GenerateResult, mode: Mode): Promise<void>
  /** The provider's own checks of a finished run (what it sent, the traces its protocol leaves). */
  expectRun?(run: { emu: E; result: GenerateResult; mode: Mode; t: TestContext }): void | Promise<void>
  /** A submit answer refusing one parameter in the provider's own body, and our field and its words in our error. */
  refusal: { fault: Fault; field: string; words: string }
  /** Where the adapter can read Retry-After (an SDK that keeps no response headers cannot). */
  readsRetryAfter: { status: boolean; submit: boolean }
  /**
   * It watches a status stream first (fal's SSE, inference.sh's NDJSON): the status-poll cases refuse the stream
   * (404), so they reach the polls that take over.
   */
  statusStream?: boolean
}

const WRONG_KEY = 'wrong-key-do-not-leak-0123456789'

const escaped = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
const settle = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms))

export function describeProviderContract<E extends ContractEmulator>(subject: ProviderContractSubject<E>): void {
  const { provider } = subject
  const { label } = provider
  const profile = PROVIDER_PROFILES[provider.id]
  const modes = (['video', 'text'] as const).filter((mode) => subject.requests[mode])
  const mode: Mode = subject.requests.video ? 'video' : 'text'
  const request = (m: Mode = mode): ProviderRequest => subject.requests[m]!()
  const videoField = Object.keys(profile.fields).find((name) => profile.fields[name] === 'videoPath')
  const running: E[] = []

  async function start(): Promise<{ emu: E; t: TestContext }> {
    const emu = await subject.start()
    running.push(emu)
    return { emu, t: await testContext(emu.baseUrl, emu.apiKey) }
  }

  /** The status polls are what a status fault hits: a provider that streams status has its stream refused first. */
  const pollsOnly = (emu: E): void => {
    if (subject.statusStream) emu.state.faults.push({ op: 'stream', status: 404 })
  }

  /** The one job the emulator accepted. */
  const onlyJob = (emu: E) => {
    expect(emu.state.jobs.size).toBe(1)
    return [...emu.state.jobs.values()][0]!
  }

  afterEach(async () => {
    await Promise.all(running.splice(0).map((emu) => emu.close()))
  })

  describe(`${label} adapter against its emulator: the provider contract`, () => {
    for (const m of modes) {
      it(`${m}: ${m === 'video' ? 'uploads the cut, ' : ''}submits our request in its names, polls, downloads; progress in order`, async () => {
        const { emu, t } = await start()
        const req = request(m)
        const result = await provider.generate(req, t.ctx)

        expect(t.submitted).toEqual([result.requestId])
        expect(emu.state.authFailures).toEqual([])
        expect(emu.state.counts).toMatchObject({ submit: 1, upload: m === 'video' ? 1 : 0, cancel: 0 })
        const job = emu.state.jobs.get(result.requestId)!
        const videoUrl = m === 'video' && videoField ? String(job.input[videoField]) : undefined
        expect(job.input).toEqual(toProviderParams(req, profile, videoUrl))
        if (videoUrl) expect(emu.state.fileByUrl(videoUrl)).toEqual(await readFile(req.videoPath!))

        expect(t.stages()).toEqual([...(m === 'video' ? ['uploading'] : []), 'queued', 'generating', 'downloading'])
        if (m === 'video') {
          const fractions = t.progress.flatMap((p) => (p.stage === 'uploading' ? [p.fraction] : []))
          expect(fractions[0]).toBe(0)
          expect(fractions.at(-1)).toBe(1)
          expect(fractions).toEqual([...fractions].sort((a, b) => a - b))
        }
        expect(t.progress.at(-1)).toEqual({ stage: 'downloading', fraction: 1 })
        await subject.expectOutput(result, m)
        await subject.expectRun?.({ emu, result, mode: m, t })
      })

      it(`${m}: a wrong key → PROVIDER_AUTH at the first call that needs it; no key appears in the error`, async () => {
        const { emu, t } = await start()
        t.ctx.apiKey = WRONG_KEY
        const err = await rejectionOf(provider.generate(request(m), t.ctx))
        expect(err.code).toBe('PROVIDER_AUTH')
        expect(err.message).toBe(`${label} rejected the API key. Check or replace it in Settings.`)
        const everything = `${err.message} ${JSON.stringify(err.toData())} ${String(err.stack)}`
        expect(everything).not.toContain(WRONG_KEY)
        expect(everything).not.toContain(emu.apiKey)
        expect(emu.state.authFailures).toEqual([subject.firstKeyedPath[m]])
        expect(emu.state.jobs.size).toBe(0)
        if (m === 'video') expect(emu.state.counts.submit).toBe(0)
      })
    }

    it('a parameter it refuses → PROVIDER_INPUT naming our field, with its words; not retried', async () => {
      const { emu, t } = await start()
      emu.state.faults.push(subject.refusal.fault)
      const err = await rejectionOf(provider.generate(request(), t.ctx))
      expect(err.code).toBe('PROVIDER_INPUT')
      expect(err.field).toBe(subject.refusal.field)
      expect(err.message).toContain(subject.refusal.words)
      expect(emu.state.counts.submit).toBe(1)
      expect(emu.state.jobs.size).toBe(0)
    })

    it(`a burst of 429 on status is retried${subject.readsRetryAfter.status ? ', waiting as long as Retry-After says,' : ''} and completes`, async () => {
      const { emu, t } = await start()
      const sleeps = recordSleeps(t.ctx)
      pollsOnly(emu)
      emu.state.faults.push({ op: 'status', status: 429, headers: { 'Retry-After': '3' }, times: 3 })
      const result = await provider.generate(request(), t.ctx)
      await subject.expectOutput(result, mode)
      expect(emu.state.counts.status).toBeGreaterThanOrEqual(4)
      expect(emu.state.counts.submit).toBe(1)
      if (subject.readsRetryAfter.status) expect(sleeps.filter((ms) => ms >= 3000)).toHaveLength(3)
    })

    it('429 on submit is retried (it was not accepted) and succeeds with one job', async () => {
      const { emu, t } = await start()
      emu.state.faults.push({ op: 'submit', status: 429, headers: { 'Retry-After': '1' }, times: 2 })
      await provider.generate(request(), t.ctx)
      expect(emu.state.counts.submit).toBe(3)
      expect(emu.state.jobs.size).toBe(1)
    })

    it('429 on every submit → RATE_LIMITED once the submit retries are spent; nothing accepted', async () => {
      const { emu, t } = await start()
      const sleeps = recordSleeps(t.ctx)
      emu.state.faults.push({ op: 'submit', status: 429, headers: { 'Retry-After': '3' }, times: 50 })
      const err = await rejectionOf(provider.generate(request(), t.ctx))
      expect(err.code).toBe('RATE_LIMITED')
      expect(emu.state.counts.submit).toBe(4)
      expect(emu.state.jobs.size).toBe(0)
      if (subject.readsRetryAfter.submit) {
        expect(err.retryAfterSec).toBe(3)
        expect(sleeps.filter((ms) => ms >= 3000)).toHaveLength(3)
      }
    })

    it('5xx on status, then success → succeeds', async () => {
      const { emu, t } = await start()
      pollsOnly(emu)
      emu.state.faults.push({ op: 'status', status: 503, times: 2 })
      const result = await provider.generate(request(), t.ctx)
      await subject.expectOutput(result, mode)
      expect(emu.state.counts.submit).toBe(1)
      expect(emu.state.counts.status).toBeGreaterThanOrEqual(3)
    })

    it('5xx on submit → not repeated; a non-retryable error that carries its words and says it may have been accepted', async () => {
      const { emu, t } = await start()
      emu.state.faults.push({ op: 'submit', status: 502 })
      const err = await rejectionOf(provider.generate(request(), t.ctx))
      expect(err.code).toBe('PROVIDER_FAILED')
      expect(err.retryable).toBe(false)
      expect(err.message).toBe(
        `${label} had a server error (HTTP 502): Emulated 502. ${label} may have accepted the request anyway, so it was not ` +
          `sent again (that could charge twice). Check your ${label} dashboard before retrying.`,
      )
      expect(emu.state.counts.submit).toBe(1)
    })

    it('a dropped connection on submit (after it was accepted) → NETWORK, not repeated, not retryable', async () => {
      const { emu, t } = await start()
      emu.state.faults.push({ op: 'submit', drop: true })
      const err = await rejectionOf(provider.generate(request(), t.ctx))
      expect(err.code).toBe('NETWORK')
      expect(err.retryable).toBe(false)
      expect(err.message).toMatch(
        new RegExp(
          `^Could not reach ${escaped(label)}.* ${escaped(label)} may have accepted the request anyway, so it was not sent again`,
        ),
      )
      expect(emu.state.counts.submit).toBe(1)
      expect(emu.state.jobs.size).toBe(1)
    })

    it("a failed run → PROVIDER_FAILED with the provider's message, the key scrubbed; polling stops, nothing downloaded", async () => {
      const { emu, t } = await start()
      emu.state.outcomes.push({ kind: 'fail', message: `CUDA out of memory (key ${emu.apiKey})` })
      const err = await rejectionOf(provider.generate(request(), t.ctx))
      expect(err.code).toBe('PROVIDER_FAILED')
      expect(err.message).toBe(`${label} could not generate this sound: CUDA out of memory (key •••)`)
      expect(err.retryable).toBeFalsy()
      const polls = emu.state.counts.status
      await settle(100)
      expect(emu.state.counts.status).toBe(polls)
      expect(emu.state.counts.download).toBe(0)
    })

    it(`a run that never finishes → TIMEOUT at the deadline${provider.canCancel ? ', and it is cancelled' : ''}`, async () => {
      const { emu, t } = await start()
      t.ctx.maxWaitMs = 300
      emu.state.outcomes.push({ kind: 'hang' })
      const err = await rejectionOf(provider.generate(request(), t.ctx))
      expect(err.code).toBe('TIMEOUT')
      expect(err.message).toBe(
        `${label} did not finish this request within 0.3 s. Try again later or pick another provider.`,
      )
      expect(emu.state.counts.cancel).toBe(provider.canCancel ? 1 : 0)
      expect(onlyJob(emu).cancelled).toBe(provider.canCancel === true)
    })

    it('corrupt or truncated output media is returned as sent (the normaliser judges media)', async () => {
      const { emu, t } = await start()
      emu.state.outcomes.push({ kind: 'corrupt' }, { kind: 'truncated' })
      for (const kind of ['corrupt', 'truncated']) {
        const result = await provider.generate(request(), t.ctx)
        const job = emu.state.jobs.get(result.requestId)!
        expect(await readFile(result.file), kind).toEqual(emu.state.fileByUrl(job.outputUrl!))
      }
    })

    it('a download cut short (fewer bytes than Content-Length, or dropped) is fetched again, whole', async () => {
      const { emu, t } = await start()
      emu.state.faults.push({ op: 'download', cut: true }, { op: 'download', drop: true })
      const result = await provider.generate(request(), t.ctx)
      expect(emu.state.counts.download).toBe(3)
      await subject.expectOutput(result, mode)
    })

    it.each(['queued', 'generating'] as const)(
      `abort while %s → CANCELLED; ${provider.canCancel ? 'the provider is told to cancel' : 'it has no cancel call'}; polling stops`,
      async (stage) => {
        const { emu, t } = await start()
        emu.state.timing = stage === 'queued' ? { queueMs: 5000, runMs: 100 } : { queueMs: 20, runMs: 10_000 }
        t.ctx.onProgress = (p) => {
          t.progress.push(p)
          if (p.stage === stage) t.controller.abort()
        }
        const err = await rejectionOf(provider.generate(request(), t.ctx))
        expect(err.code).toBe('CANCELLED')
        expect(emu.state.counts.cancel).toBe(provider.canCancel ? 1 : 0)
        expect(onlyJob(emu).cancelled).toBe(provider.canCancel === true)
        const polls = emu.state.counts.status
        await settle(100)
        expect(emu.state.counts.status).toBe(polls)
        expect(emu.state.counts.result).toBe(0)
        expect(emu.state.counts.download).toBe(0)
      },
    )

    if (subject.requests.video) {
      it('abort during the upload → CANCELLED and nothing is submitted', async () => {
        const { emu, t } = await start()
        t.ctx.onProgress = (p) => {
          if (p.stage === 'uploading') t.controller.abort()
        }
        const err = await rejectionOf(provider.generate(request('video'), t.ctx))
        expect(err.code).toBe('CANCELLED')
        expect(emu.state.counts.submit).toBe(0)
        expect(emu.state.jobs.size).toBe(0)
      })
    }

    it('resume(requestId) after a crash that followed the submit finishes the same request with no new submit', async () => {
      const { emu } = await start()
      const crashed = await testContext(emu.baseUrl, emu.apiKey, {
        onSubmitted: () => {
          throw new Error('crash after the journal wrote the id')
        },
      })
      await expect(provider.generate(request(), crashed.ctx)).rejects.toThrow('crash')
      const [id] = crashed.submitted
      const again = await testContext(emu.baseUrl, emu.apiKey)
      const result = await provider.resume(id!, again.ctx)
      expect(result.requestId).toBe(id)
      expect(emu.state.counts.submit).toBe(1)
      expect(emu.state.counts.cancel).toBe(0)
      expect(again.submitted).toEqual([])
      await subject.expectOutput(result, mode)
    })

    it('resume of a request the provider no longer knows → PROVIDER_FAILED saying so; no submit', async () => {
      const { emu, t } = await start()
      const err = await rejectionOf(provider.resume('no-such-request', t.ctx))
      expect(err.code).toBe('PROVIDER_FAILED')
      expect(err.message).toBe(
        `${label} no longer has this request (it may have expired or never been accepted). Generate this sound again.`,
      )
      expect(emu.state.counts.submit).toBe(0)
      expect(emu.state.counts.status).toBe(1)
    })
  })
}
