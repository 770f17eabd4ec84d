// Projects over the real handler table (plain Node): save copies takes beside the file, recent list,
// autosave in the data folder and recovery, opening a moved project and one with a missing file.
import { copyFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import {
  DEFAULT_GENERATION,
  DEFAULT_ORIGINAL_AUDIO,
  DEFAULT_TAKE_MIX,
  PROJECT_VERSION,
  type Project,
} from '../../../shared/domain/project'
import type { InvokeChannel, InvokeInput } from '../../../shared/ipc/contract'
import { testAppServices } from '../../fixtures/appServices'
import { lavfiFixture, testClip } from '../../fixtures/media'

function setup(dataDir?: string) {
  const dir = mkdtempSync(join(tmpdir(), 'projects-'))
  const { services, answers, call: dispatchCall } = testAppServices(dir, dataDir ? { dataDir } : {})
  const call = async <C extends InvokeChannel>(channel: C, input: InvokeInput<C> | Record<string, unknown> = {}) => {
    const r = await dispatchCall(channel, input)
    if (!r.ok) throw Object.assign(new Error(r.error.message), { code: r.error.code })
    return r.data
  }
  return { dir, answers, call, services }
}

function project(clipPath: string, takePath: string): Project {
  return {
    version: PROJECT_VERSION,
    id: 'proj-1',
    name: 'Untitled',
    original: DEFAULT_ORIGINAL_AUDIO,
    createdAt: '2026-01-01T00:00:00Z',
    updatedAt: '2026-01-01T00:00:00Z',
    assets: [
      {
        id: 'a',
        path: clipPath,
        name: 'beach.mp4',
        contentHash: 'h',
        durationSec: 4,
        sizeBytes: 1,
        audio: null,
        video: {
          codec: 'h264',
          width: 2,
          height: 2,
          rotation: 0,
          displayWidth: 2,
          displayHeight: 2,
          fps: 25,
          vfr: false,
        },
      },
    ],
    clips: [{ id: 'c', assetId: 'a', startSec: 0, inSec: 0, outSec: 4 }],
    segments: [
      {
        id: 's',
        anchor: { kind: 'source', assetId: 'a', inSec: 0, outSec: 2 },
        lane: 0,
        params: DEFAULT_GENERATION,
        activeTakeId: 't',
        takes: [
          {
            id: 't',
            provider: 'fal',
            seed: 7,
            path: takePath,
            durationSec: 2,
            requestIds: [],
            createdAt: '2026-01-01T00:00:00Z',
            mix: DEFAULT_TAKE_MIX,
          },
        ],
      },
    ],
  }
}

let realClip: string
let realTake: string
beforeAll(async () => {
  realClip = await testClip('projects clip.mp4', { width: 160, height: 120, durationSec: 4 })
  realTake = await lavfiFixture('projects take.wav', [
    '-f',
    'lavfi',
    '-i',
    'sine=frequency=880:sample_rate=48000:duration=2',
    '-c:a',
    'pcm_s16le',
  ])
})

/** A real clip beside the project and a real take in the app's take folder. */
function filmLayout(dir: string) {
  mkdirSync(join(dir, 'Film'))
  mkdirSync(join(dir, 'data', 'takes'), { recursive: true })
  const clip = join(dir, 'Film', 'beach.mp4')
  const take = join(dir, 'data', 'takes', 't.wav')
  copyFileSync(realClip, clip)
  copyFileSync(realTake, take)
  return { clip, take, file: join(dir, 'Film', 'Beach.mmaudio') }
}

describe('saving and opening projects', () => {
  it('save copies generated takes into "<name> media/" beside the file and stores relative paths; the folder opens after a move', async () => {
    const { dir, answers, call } = setup()
    const { clip, take, file } = filmLayout(dir)
    answers.save = file
    expect(await call('dialog:saveFile', { defaultName: 'Untitled.mmaudio', kind: 'project' })).toEqual({ path: file })
    await call('project:save', { path: file, project: project(clip, take) })

    const written = JSON.parse(readFileSync(file, 'utf8')) as Project
    const mediaTake = join(dir, 'Film', 'Beach media', 't.wav')
    expect(written.name).toBe('Beach')
    expect(written.segments[0]!.takes[0]).toMatchObject({ path: mediaTake, relativePath: 'Beach media/t.wav' })
    expect(written.assets[0]).toMatchObject({ path: clip, relativePath: 'beach.mp4' })
    expect(readFileSync(mediaTake)).toEqual(readFileSync(realTake))
    expect(readdirSync(join(dir, 'Film')).filter((n) => n.includes('.tmp'))).toEqual([])

    // The whole folder moves: the project opens through its relative paths, nothing missing.
    const moved = join(dir, 'Moved Film')
    cpSync(join(dir, 'Film'), moved, { recursive: true })
    rmSync(join(dir, 'Film'), { recursive: true })
    const other = setup()
    other.answers.open = join(moved, 'Beach.mmaudio')
    await other.call('dialog:openProject')
    const opened = await other.call('project:open', { path: join(moved, 'Beach.mmaudio') })
    expect(opened.missing).toEqual([])
    expect(opened.project.assets[0]!.path).toBe(join(moved, 'beach.mp4'))
    expect(opened.project.segments[0]!.takes[0]!.path).toBe(join(moved, 'Beach media', 't.wav'))
    expect(await other.call('media:url', { path: join(moved, 'Beach media', 't.wav') })).toEqual({
      url: `test-media:${join(moved, 'Beach media', 't.wav')}`,
    })
  })

  it('a missing clip is named; the rest of the project opens', async () => {
    const { dir, answers, call } = setup()
    const { clip, take, file } = filmLayout(dir)
    answers.save = file
    await call('dialog:saveFile', { defaultName: 'x', kind: 'project' })
    await call('project:save', { path: file, project: project(clip, take) })
    rmSync(clip)
    const opened = await call('project:open', { path: file })
    expect(opened.missing).toEqual([{ name: 'beach.mp4', path: clip }])
    expect(opened.project.segments[0]!.takes).toHaveLength(1)
  })

  it('keeps a recent list (newest first) that a settings form cannot overwrite, and flags files that are gone', async () => {
    const { dir, answers, call } = setup()
    const { clip, take, file } = filmLayout(dir)
    const second = join(dir, 'Second.mmaudio')
    for (const path of [file, second]) {
      answers.save = path
      await call('dialog:saveFile', { defaultName: 'x', kind: 'project' })
      await call('project:save', { path, project: project(clip, take) })
    }
    const settings = await call('settings:get')
    await call('settings:set', { ...settings, recentProjects: [] })
    rmSync(second)
    expect((await call('project:recent')).projects).toEqual([
      { path: second, name: 'Second', exists: false },
      { path: file, name: 'Beach', exists: true },
    ])
  })

  it('the open dialog allows saving back to the chosen file; other paths stay refused', async () => {
    const { dir, answers, call } = setup()
    const { clip, take, file } = filmLayout(dir)
    await expect(call('project:save', { path: file, project: project(clip, take) })).rejects.toMatchObject({
      code: 'FORBIDDEN',
    })
    answers.open = file
    expect(await call('dialog:openProject')).toEqual({ path: file })
    await call('project:save', { path: file, project: project(clip, take) })
    expect(existsSync(file)).toBe(true)
  })
})

describe('autosave and recovery after a crash', () => {
  it('autosaves to the data folder, a new session recovers it and may save to its file; an explicit save drops it', async () => {
    const first = setup()
    const { clip, take, file } = filmLayout(first.dir)
    first.answers.save = file
    await first.call('dialog:saveFile', { defaultName: 'x', kind: 'project' })
    await first.call('project:save', { path: file, project: project(clip, take) })
    await new Promise((r) => setTimeout(r, 20))
    const edited = { ...project(clip, take), name: 'edited' }
    const { savedAt } = await first.call('project:autosave', { project: edited, path: file })
    const autosaveDir = join(first.dir, 'data', 'autosave')
    expect(readdirSync(autosaveDir)).toHaveLength(1)
    expect(readFileSync(file, 'utf8')).not.toContain('edited')

    // "Crash": a new session over the same data folder.
    const second = setup(join(first.dir, 'data'))
    const { recovery } = await second.call('project:recovery')
    expect(recovery).toMatchObject({ savedAt, path: file, project: { name: 'edited' } })
    await second.call('project:save', { path: file, project: recovery!.project })
    expect(readdirSync(autosaveDir)).toEqual([])
    expect((await second.call('project:recovery')).recovery).toBeNull()
  })

  it('an autosave does not record a path main never allowed, and discard removes it', async () => {
    const { dir, call } = setup()
    await call('project:autosave', { project: project('/x.mp4', '/t.wav'), path: join(dir, 'elsewhere.mmaudio') })
    expect((await call('project:recovery')).recovery!.path).toBeNull()
    expect(await call('project:discardRecovery', { projectId: 'proj-1' })).toEqual({ discarded: 1 })
    expect((await call('project:recovery')).recovery).toBeNull()
  })
})

describe('closing the window over unsaved changes', () => {
  it('asks only when dirty; Save closes once the renderer reports the project clean', async () => {
    const { dir, answers, call, services } = setup()
    const guard = services.projects.closeGuard
    let closed = 0
    services.projects.onCloseReady(() => closed++)
    await call('project:status', { projectId: 'proj-1', name: 'Beach', dirty: false })
    expect(guard.requestClose()).toBe('close')
    await call('project:status', { projectId: 'proj-1', name: 'Beach', dirty: true })
    expect(guard.requestClose()).toBe('ask')
    expect(guard.answer('cancel')).toBe('stay')
    expect(guard.answer('save')).toBe('save')

    // The renderer's Save: the dialog is cancelled, so the window stays even when the project is clean later.
    answers.save = null
    await call('dialog:saveFile', { defaultName: 'Beach.mmaudio', kind: 'project' })
    await call('project:status', { projectId: 'proj-1', name: 'Beach', dirty: false })
    expect(closed).toBe(0)

    // Asked again, Save, and this time the save goes through.
    await call('project:status', { projectId: 'proj-1', name: 'Beach', dirty: true })
    expect(guard.answer('save')).toBe('save')
    const { clip, take, file } = filmLayout(dir)
    answers.save = file
    await call('dialog:saveFile', { defaultName: 'Beach.mmaudio', kind: 'project' })
    await call('project:save', { path: file, project: project(clip, take) })
    expect(closed).toBe(0)
    await call('project:status', { projectId: 'proj-1', name: 'Beach', dirty: false })
    expect(closed).toBe(1)
    expect(guard.requestClose()).toBe('close')
  })

  it("Don't Save lets the window close while dirty", async () => {
    const { call, services } = setup()
    await call('project:status', { projectId: 'p', name: 'Untitled', dirty: true })
    expect(services.projects.closeGuard.answer('discard')).toBe('close')
    expect(services.projects.closeGuard.requestClose()).toBe('close')
  })
})
