import { mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { compactState, mergeEntries, openJournal, type JournalEntry, type NewJournalEntry } from '../../../electron/jobs/journal'
import type { GenerationRequest } from '../../../shared/domain/generation'
import { DEFAULT_GENERATION } from '../../../shared/domain/project'

const entry = (i: number, over: Partial<NewJournalEntry> = {}): NewJournalEntry => ({
  jobId: 'job-1', segmentKey: 'seg', segmentId: null, takeIndex: i, chunkIndex: 0, seed: 100 + i,
  provider: 'fal', requestId: `req-${i}`, cacheKey: `key-${i}`, durationSec: 8, ...over,
})

const rain: GenerationRequest = { segmentId: 'segment-1', durationSec: 4, params: { ...DEFAULT_GENERATION, prompt: 'rain' } }

describe('journal', () => {
  it('round-trips through its file: a reopened journal knows every accepted request and its state', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'journal-'))
    const path = join(dir, 'journal.json')
    const j = await openJournal(path)
    await Promise.all([j.record(entry(0)), j.record(entry(1)), j.record(entry(2))])
    await j.complete('req-1', '/cache/k1.wav')
    await j.fail('req-2', 'provider failed')

    const again = await openJournal(path)
    expect(again.pending().map((e) => e.requestId)).toEqual(['req-0'])
    expect(again.findPending('key-0')?.requestId).toBe('req-0')
    expect(again.findPending('key-1')).toBeUndefined()
    // No run finished these takes: a rerun gets back every take's seed, done ones included.
    expect(again.resumableSeed('seg', 0)).toBe(100)
    expect(again.resumableSeed('seg', 1)).toBe(101)
    expect(again.resumableSeed('seg', 5)).toBeUndefined()
    expect(again.resumableSeed('other', 0)).toBeUndefined()
    await again.record(entry(3, { jobId: 'job-text', segmentKey: 'txt', takeIndex: 0, chunkIndex: 2, seed: 12, takeSeed: 10 }))
    expect(again.resumableSeed('txt', 0)).toBe(10)
    const byId = Object.fromEntries(again.entries().map((e) => [e.requestId, e]))
    expect(byId['req-1']).toMatchObject({ status: 'done', resultPath: '/cache/k1.wav' })
    expect(byId['req-2']).toMatchObject({ status: 'failed', reason: 'provider failed' })
    // Written by temp + rename: no temp files are left beside it.
    expect(await readdir(dir)).toEqual(['journal.json'])
  })

  it('moves an unreadable file aside instead of overwriting it, and starts empty', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'journal-'))
    const path = join(dir, 'journal.json')
    await writeFile(path, '{"version":1,"entries":[{"half')
    const j = await openJournal(path, () => new Date(1000))
    expect(j.entries()).toEqual([])
    await j.record(entry(0))
    expect((await readdir(dir)).sort()).toEqual(['journal.json', 'journal.json.corrupt-1000'])
    expect(await readFile(join(dir, 'journal.json.corrupt-1000'), 'utf8')).toContain('"half')
  })

  it('a finished run closes its takes: their seeds are no longer offered, and the request is no longer interrupted', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'journal-'))
    const j = await openJournal(join(dir, 'journal.json'))
    j.noteRequest('seg', 'segment-1', rain)
    await j.record(entry(0))
    await j.record(entry(1))
    expect(j.interrupted()).toMatchObject([{ segmentKey: 'seg', segmentId: 'segment-1', request: { params: { prompt: 'rain' } } }])
    await j.complete('req-0', '/c/0.wav')
    await j.complete('req-1', '/c/1.wav')
    await j.closeTakes('seg', [0])
    expect(j.resumableSeed('seg', 0)).toBeUndefined()
    expect(j.resumableSeed('seg', 1)).toBe(101)
    await j.closeTakes('seg', [1])
    expect(j.interrupted()).toEqual([])
    const reopened = await openJournal(join(dir, 'journal.json'))
    expect(reopened.entries().every((e) => e.takeClosed)).toBe(true)
    expect(reopened.interrupted()).toEqual([])
  })

  it('reads its stored requests with the contract’s schema: one it cannot read is left out, the paid entries stay', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'journal-'))
    const path = join(dir, 'journal.json')
    const j = await openJournal(path)
    j.noteRequest('seg', 'segment-1', rain)
    await j.record(entry(0))
    await j.record(entry(1, { segmentKey: 'odd' }))
    const file = JSON.parse(await readFile(path, 'utf8')) as { requests: unknown[] }
    // Another version's request for the second segment: no params, a range that ends before it starts.
    file.requests.push({ segmentKey: 'odd', segmentId: null, request: { source: { path: '/a.mp4', inSec: 3, outSec: -1 } }, updatedAt: 'z' })
    await writeFile(path, JSON.stringify(file))
    const reopened = await openJournal(path)
    expect(reopened.pending().map((e) => e.requestId)).toEqual(['req-0', 'req-1'])
    // What is offered again is a whole request, with the defaults the schema fills in.
    expect(reopened.interrupted()).toEqual([{ segmentKey: 'seg', segmentId: 'segment-1', request: rain, updatedAt: expect.any(String) }])
    expect(await readdir(dir)).toEqual(['journal.json'])
    // A request the contract could not carry (text longer than 600 s) is not remembered at all; one written
    // before a field had its default is remembered with the default.
    const { textOnly: _, ...beforeTextOnly } = rain.params
    reopened.noteRequest('long', null, { durationSec: 4000, params: rain.params })
    reopened.noteRequest('older', null, { durationSec: 4, params: beforeTextOnly } as GenerationRequest)
    await reopened.record(entry(2, { segmentKey: 'long' }))
    await reopened.record(entry(3, { segmentKey: 'older' }))
    expect(reopened.interrupted().map((r) => [r.segmentKey, r.request.params.textOnly])).toEqual([['older', false], ['seg', false]])
  })

  it('a request noted before anything of it was accepted survives another segment’s write', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'journal-'))
    const j = await openJournal(join(dir, 'journal.json'))
    j.noteRequest('seg', 'segment-1', rain)
    await j.record(entry(0, { segmentKey: 'other' }))
    await j.record(entry(1))
    expect(j.interrupted().map((r) => r.segmentKey)).toEqual(['seg'])
    expect((await openJournal(join(dir, 'journal.json'))).interrupted()).toMatchObject([{ segmentKey: 'seg', request: rain }])
  })

  it('keeps every entry still of use and only the newest finished ones, with the requests they need', () => {
    const mk = (i: number, status: JournalEntry['status'], takeClosed: boolean): JournalEntry =>
      ({ ...entry(i, { segmentKey: `s${i}` }), status, takeClosed, submittedAt: '', updatedAt: '' })
    const entries = [mk(0, 'done', true), mk(1, 'pending', false), mk(2, 'failed', true), mk(3, 'done', true), mk(4, 'done', false)]
    const requests = entries.map((e) => ({ segmentKey: e.segmentKey, segmentId: null, request: rain, updatedAt: '' }))
    const kept = compactState({ entries, requests }, 1)
    expect(kept.entries.map((e) => e.requestId)).toEqual(['req-1', 'req-3', 'req-4'])
    expect(kept.requests.map((r) => r.segmentKey)).toEqual(['s1', 's4'])
  })
})

describe('journal shared by two processes', () => {
  it('neither loses the other’s entries, and a closed entry wins over a stale pending copy', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'journal-'))
    const path = join(dir, 'journal.json')
    const app = await openJournal(path)
    const cli = await openJournal(path)
    await app.record(entry(0))
    await cli.record(entry(1, { jobId: 'job-2' }))
    await cli.complete('req-1', '/cache/1.wav')
    await app.record(entry(2))
    const seen = await openJournal(path)
    expect(seen.entries().map((e) => [e.requestId, e.status])).toEqual([['req-0', 'pending'], ['req-2', 'pending'], ['req-1', 'done']])
  })

  it('mergeEntries is pure and prefers closed, then newer', () => {
    const mk = (id: number, status: JournalEntry['status'], updatedAt: string): JournalEntry => ({ ...entry(id), status, submittedAt: '', updatedAt })
    expect(mergeEntries([mk(1, 'pending', 'b')], [mk(1, 'done', 'a')])[0]!.status).toBe('done')
    expect(mergeEntries([mk(1, 'done', 'a')], [mk(1, 'failed', 'b')])[0]!.status).toBe('failed')
    expect(mergeEntries([mk(1, 'done', 'b')], [mk(1, 'failed', 'a')])[0]!.status).toBe('done')
  })
})
