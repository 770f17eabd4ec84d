// A seeded fuzz of every IPC channel over the real composition root (real ffmpeg/ffprobe, fake dialogs and
// keychain, as the E2E harness builds it): a few hundred calls whose inputs are valid templates with one value
// swapped for something hostile (NUL bytes, a FIFO, /dev/zero, folders, 1e308, NaN…), or junk. Every answer
// must come back in time and be a sentence with a code — never INTERNAL — and so must every job it starts.
import { execFileSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { PROVIDER_IDS } from '../../../shared/domain/ids'
import type { AppServices } from '../../../electron/app/services'
import { DEFAULT_GENERATION } from '../../../shared/domain/project'
import { defaultSettings } from '../../../electron/store/settings'
import type { JobUpdate } from '../../../shared/domain/job'
import { INVOKE_CHANNELS } from '../../../shared/ipc/channels'
import { oneClipProject, testAppServices } from '../../fixtures/appServices'
import { testClip } from '../../fixtures/media'

// FUZZ_SEED=n replays another sequence (to hunt further, or to reproduce one a run printed).
const SEED = Number(process.env.FUZZ_SEED ?? 20261122)
const CALLS = 400
/** No single answer may take longer than this (a FIFO read or /dev/zero would). */
const ANSWER_WITHIN_MS = 8000

/** mulberry32: a small seeded PRNG, so a failure replays exactly. */
function prng(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

let dir: string
let clip: string
let hostilePaths: string[]
let services: AppServices
let call: ReturnType<typeof testAppServices>['call']
let nextDialogs: () => void = () => undefined
const jobUpdates: JobUpdate[] = []

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'ipc-fuzz-'))
  clip = await testClip('fuzz clip.mp4', { width: 160, height: 120, durationSec: 1 })
  const fifo = join(dir, 'fifo.mmaudio')
  execFileSync('mkfifo', [fifo])
  mkdirSync(join(dir, 'folder.mmaudio'))
  writeFileSync(join(dir, 'notes.txt'), 'not media')
  const hostileProject = join(dir, 'hostile.mmaudio')
  writeFileSync(hostileProject, JSON.stringify(project('/etc/passwd', '/etc/hostname', 1e308)))
  hostilePaths = [
    clip,
    fifo,
    join(dir, 'folder.mmaudio'),
    join(dir, 'notes.txt'),
    hostileProject,
    join(dir, 'missing.mp4'),
    '/dev/zero',
    '/dev/urandom',
    '/etc/passwd',
    '/',
    dir,
    'relative.mp4',
    '../../etc/passwd',
    'a\0b',
    '\0',
    `${dir}/../..${dir}/notes.txt`,
    join(dir, 'out.mp4'),
    join(dir, 'saved.mmaudio'),
    'x'.repeat(5000),
  ]
  const deadEnd = Object.fromEntries(
    PROVIDER_IDS.map((id) => [`MMAUDIO_${id.toUpperCase()}_BASE_URL`, 'http://127.0.0.1:9']),
  )
  const built = testAppServices(dir, { env: deadEnd, pollIntervalMs: 20 })
  services = built.services
  call = built.call
  // The dialogs answer hostile paths too: a person can pick a FIFO or a folder in a file dialog.
  const dialogRandom = prng(SEED + 1)
  const pick = (): string => hostilePaths[Math.floor(dialogRandom() * hostilePaths.length)]!
  const answers = built.answers
  const redraw = (): void => {
    answers.open = pick()
    answers.save = pick()
    answers.folder = pick()
    answers.videos = [pick(), pick()]
  }
  redraw()
  nextDialogs = redraw
  services.jobs.onUpdate((u) => jobUpdates.push(u))
}, 60_000)

afterAll(() => {
  for (const job of services?.jobs.list() ?? []) services.jobs.cancel(job.jobId)
  services?.runner.abortAll()
})

const project = (assetPath: string, takePath: string, startSec = 0) =>
  oneClipProject(assetPath, [takePath], { id: 'fuzz-project', clip: { startSec, outSec: 1 } })

/** A valid input for each channel: the fuzz swaps one value in it. */
function templates(): Record<string, unknown> {
  const request = {
    segmentId: 's',
    source: { path: clip, inSec: 0, outSec: 1 },
    params: { ...DEFAULT_GENERATION, takes: 1 },
  }
  const p = project(clip, join(dir, 'take.wav'))
  return {
    'app:info': {},
    'media:import': { paths: [clip] },
    'media:url': { path: clip },
    'media:thumbnails': { assetId: 'a', path: clip },
    'media:waveform': { path: clip },
    'media:shots': { assetId: 'a', path: clip },
    'project:open': { path: join(dir, 'hostile.mmaudio') },
    'project:save': { path: join(dir, 'saved.mmaudio'), project: p },
    'project:recent': {},
    'project:autosave': { project: p, path: null },
    'project:status': { projectId: 'p', name: 'P', dirty: true },
    'project:recovery': {},
    'project:discardRecovery': { projectId: 'fuzz-project' },
    'providers:list': {},
    'audio:estimate': request,
    'audio:generate': request,
    'audio:prepare': { segmentId: 's', request },
    'audio:regenerateChunk': { request, take: p.segments[0]!.takes[0], chunkIndex: 0 },
    'audio:interrupted': {},
    'export:start': { project: p, request: { destinationPath: join(dir, 'out.mp4'), preset: 'web' } },
    'handoff:start': { project: p, request: { folder: dir } },
    'job:cancel': { jobId: 'nope' },
    'job:list': {},
    'settings:get': {},
    'settings:set': defaultSettings(),
    'secrets:status': {},
    'secrets:set': { provider: 'fal', key: 'fuzz-key-123456' },
    'secrets:clear': { provider: 'fal' },
    'dialog:openVideos': {},
    'dialog:openProject': {},
    'dialog:saveFile': { defaultName: 'x.mp4', kind: 'mp4' },
    'dialog:chooseFolder': {},
    'shell:showInFolder': { path: clip },
  }
}

const HOSTILE_NUMBERS = [NaN, Infinity, -Infinity, -1, 0, -0, 1e308, 2 ** 53 + 1, 0.5, 1e-300, 4096, 65536]
const HOSTILE_OTHERS = [null, undefined, true, [], {}, [1, 2], 'text', 7]

/** Every place in a value a leaf sits, as key paths. */
function leaves(value: unknown, at: Array<string | number> = []): Array<Array<string | number>> {
  if (Array.isArray(value)) return value.flatMap((v, i) => leaves(v, [...at, i]))
  if (value && typeof value === 'object') return Object.entries(value).flatMap(([k, v]) => leaves(v, [...at, k]))
  return [at]
}

function mutate(template: unknown, random: () => number): unknown {
  const choose = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!
  if (random() < 0.08) return choose([...HOSTILE_OTHERS, ...hostilePaths, ...HOSTILE_NUMBERS])
  const copy = structuredClone(template)
  const spots = leaves(copy)
  const times = 1 + Math.floor(random() * 2)
  for (let n = 0; n < times && spots.length > 0; n++) {
    const path = choose(spots)
    if (path.length === 0) return copy
    let parent = copy as Record<string | number, unknown>
    for (const key of path.slice(0, -1)) parent = parent[key] as Record<string | number, unknown>
    const key = path[path.length - 1]!
    const old = parent[key]
    // Mostly keep the type, so the value gets past the schema and reaches the service.
    const keepType = random() < 0.85
    if (keepType && typeof old === 'string') parent[key] = choose(hostilePaths)
    else if (keepType && typeof old === 'number') parent[key] = choose(HOSTILE_NUMBERS)
    else if (random() < 0.3) delete parent[key]
    else parent[key] = choose(HOSTILE_OTHERS)
  }
  return copy
}

describe('every IPC channel under hostile input', () => {
  it(`${CALLS} seeded calls: each answers within ${ANSWER_WITHIN_MS / 1000} s, none (and no job) INTERNAL`, async () => {
    const random = prng(SEED)
    const all = templates()
    const channels = [...INVOKE_CHANNELS]
    expect(Object.keys(all).sort()).toEqual([...channels].sort())
    const internal: string[] = []
    for (let i = 0; i < CALLS; i++) {
      // Every channel at least once, then at random.
      const channel = i < channels.length ? channels[i]! : channels[Math.floor(random() * channels.length)]!
      const input = mutate(all[channel], random)
      nextDialogs()
      const started = Date.now()
      const answer = await Promise.race([
        call(channel, input as Record<string, unknown>),
        new Promise<'stalled'>((resolve) => setTimeout(() => resolve('stalled'), ANSWER_WITHIN_MS).unref()),
      ])
      const label = `#${i} ${channel} ${JSON.stringify(input, (_k, v: unknown) => (typeof v === 'string' && v.length > 80 ? `${v.slice(0, 20)}…` : v))?.slice(0, 300)}`
      if (answer === 'stalled') throw new Error(`no answer after ${Date.now() - started} ms: ${label}`)
      if (!answer.ok && answer.error.code === 'INTERNAL') internal.push(label)
      if (!answer.ok) expect(answer.error.message.length, label).toBeGreaterThan(10)
    }
    // Jobs the calls started: let them end (or cancel them after a while); none may fail as INTERNAL.
    const until = Date.now() + 3000
    while (services.jobs.list().some((j) => j.status === 'running') && Date.now() < until)
      await new Promise((r) => setTimeout(r, 100))
    for (const job of services.jobs.list()) services.jobs.cancel(job.jobId)
    await new Promise((r) => setTimeout(r, 300))
    for (const u of jobUpdates) if (u.error?.code === 'INTERNAL') internal.push(`job ${u.kind}: ${u.error.message}`)
    expect(internal).toEqual([])
  }, 180_000)
})
