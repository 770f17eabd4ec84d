import {
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  realpathSync,
  symlinkSync,
  utimesSync,
  writeFileSync,
} from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import {
  DEFAULT_GENERATION,
  DEFAULT_ORIGINAL_AUDIO,
  DEFAULT_TAKE_MIX,
  PROJECT_VERSION,
  type Project,
} from '../../../shared/domain/project'
import { autosaveFileName, createAutosaveStore } from '../../../electron/project/autosave'
import { gatherTakes, mediaFolderFor } from '../../../electron/project/mediaFolder'
import { pushRecent, recentEntries } from '../../../electron/project/recentProjects'

function projectWithTakes(id: string, takePaths: string[]): Project {
  return {
    version: PROJECT_VERSION,
    id,
    name: 'Beach',
    assets: [],
    clips: [],
    original: DEFAULT_ORIGINAL_AUDIO,
    createdAt: '2026-01-01T00:00:00Z',
    updatedAt: '2026-01-01T00:00:00Z',
    segments: [
      {
        id: 's1',
        anchor: { kind: 'timeline', startSec: 0, endSec: 2 },
        lane: 0,
        params: DEFAULT_GENERATION,
        activeTakeId: null,
        takes: takePaths.map((path, i) => ({
          id: `t${i}`,
          provider: 'fal' as const,
          seed: i,
          path,
          durationSec: 2,
          requestIds: [],
          createdAt: '2026-01-01T00:00:00Z',
          mix: DEFAULT_TAKE_MIX,
        })),
      },
    ],
  }
}

describe('recent projects', () => {
  it('puts the newest first, keeps one entry per file and at most ten', () => {
    let list: string[] = []
    for (let i = 0; i < 12; i++) list = pushRecent(list, `/p/${i}.mmaudio`)
    expect(list).toHaveLength(10)
    expect(list[0]).toBe('/p/11.mmaudio')
    list = pushRecent(list, '/p/5.mmaudio')
    expect(list[0]).toBe('/p/5.mmaudio')
    expect(list.filter((p) => p === '/p/5.mmaudio')).toHaveLength(1)
    expect(list).toHaveLength(10)
  })

  it('names entries by file and says which are gone', () => {
    expect(recentEntries(['/films/Beach day.mmaudio', '/old/Gone.mmaudio'], (p) => p.startsWith('/films'))).toEqual([
      { path: '/films/Beach day.mmaudio', name: 'Beach day', exists: true },
      { path: '/old/Gone.mmaudio', name: 'Gone', exists: false },
    ])
  })
})

describe('the media folder beside a project', () => {
  it('copies takes from the app cache into "<name> media/" with their chunk lists and points the project at the copies', async () => {
    const root = mkdtempSync(join(tmpdir(), 'media-folder-'))
    mkdirSync(join(root, 'cache'))
    mkdirSync(join(root, 'films'))
    const take = join(root, 'cache', 't0.wav')
    writeFileSync(take, 'RIFF take zero')
    writeFileSync(join(root, 'cache', 't0.chunks.json'), '{"chunks":[]}')
    const gone = join(root, 'cache', 'gone.wav')
    const file = join(root, 'films', 'Beach.mmaudio')

    const ownFolders = [join(root, 'cache')]
    const { project: gathered, copied } = await gatherTakes(projectWithTakes('p', [take, gone]), file, { ownFolders })
    const folder = join(root, 'films', 'Beach media')
    expect(mediaFolderFor(file)).toBe(folder)
    expect(gathered.segments[0]!.takes.map((t) => t.path)).toEqual([join(folder, 't0.wav'), gone])
    expect(copied).toEqual([join(folder, 't0.wav')])
    expect(readFileSync(join(folder, 't0.wav'), 'utf8')).toBe('RIFF take zero')
    expect(readdirSync(folder).sort()).toEqual(['t0.chunks.json', 't0.wav'])
    // The cache keeps its copy; a second save finds the takes already in place and changes nothing.
    expect(readFileSync(take, 'utf8')).toBe('RIFF take zero')
    const again = await gatherTakes(gathered, file, { ownFolders })
    expect(again.project).toBe(gathered)
  })

  it('copies only the app’s own takes: a project naming other files (or links out of the take folder) copies none of them', async () => {
    const root = realpathSync(mkdtempSync(join(tmpdir(), 'media-folder-')))
    for (const d of ['takes', 'films', 'home']) mkdirSync(join(root, d))
    writeFileSync(join(root, 'home', 'voice memo.wav'), 'RIFF private')
    writeFileSync(join(root, 'home', 'id_rsa'), 'key')
    writeFileSync(join(root, 'takes', 'mine.wav'), 'RIFF mine')
    symlinkSync(join(root, 'home', 'voice memo.wav'), join(root, 'takes', 'link.wav'))
    const hostile = projectWithTakes('p', [
      join(root, 'home', 'voice memo.wav'),
      join(root, 'home', 'id_rsa'),
      join(root, 'takes', 'link.wav'),
      join(root, 'takes', 'mine.wav'),
    ])
    const file = join(root, 'films', 'Sent to me.mmaudio')
    const { project, copied } = await gatherTakes(hostile, file, { ownFolders: [join(root, 'takes')] })
    const folder = mediaFolderFor(file)
    expect(readdirSync(folder)).toEqual(['mine.wav'])
    expect(copied).toEqual([join(folder, 'mine.wav')])
    expect(project.segments[0]!.takes.map((t) => t.path)).toEqual([
      join(root, 'home', 'voice memo.wav'),
      join(root, 'home', 'id_rsa'),
      join(root, 'takes', 'link.wav'),
      join(folder, 'mine.wav'),
    ])
  })
})

describe('autosave and recovery', () => {
  it('writes atomically into the data folder and offers the newest autosave back', async () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'autosave-')), 'autosave')
    let clock = Date.parse('2026-11-23T01:00:00Z')
    const store = createAutosaveStore({ dir, now: () => new Date(clock), mtimeMs: () => null })
    expect(await store.recovery()).toBeNull()
    await store.write(projectWithTakes('older', []), null)
    clock += 60_000
    const { savedAt } = await store.write(projectWithTakes('newer', []), '/films/Beach.mmaudio')
    expect(readdirSync(dir).sort()).toEqual([autosaveFileName('older'), autosaveFileName('newer')].sort())
    const recovery = await store.recovery()
    expect(recovery).toMatchObject({ savedAt, path: '/films/Beach.mmaudio', project: { id: 'newer' } })
    expect(await store.discard('newer')).toBe(1)
    expect((await store.recovery())?.project.id).toBe('older')
    expect(await store.discard()).toBe(1)
    expect(await store.recovery()).toBeNull()
    expect(readdirSync(dir)).toEqual([])
  })

  it('does not offer an autosave older than its project file, nor an unreadable one', async () => {
    const root = mkdtempSync(join(tmpdir(), 'autosave-'))
    const dir = join(root, 'autosave')
    const file = join(root, 'Beach.mmaudio')
    writeFileSync(file, '{}')
    const store = createAutosaveStore({ dir, now: () => new Date('2026-11-23T01:00:00Z') })
    await store.write(projectWithTakes('p', []), file)
    utimesSync(file, new Date('2026-11-23T02:00:00Z'), new Date('2026-11-23T02:00:00Z'))
    writeFileSync(join(dir, 'garbage.json'), '{"version":1,')
    expect(await store.recovery()).toBeNull()
    utimesSync(file, new Date('2026-11-23T00:00:00Z'), new Date('2026-11-23T00:00:00Z'))
    expect((await store.recovery())?.project.id).toBe('p')
  })

  it('offers back an autosave written before the upgrade, as the current version', async () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'autosave-')), 'autosave')
    mkdirSync(dir, { recursive: true })
    const v1 = JSON.parse(readFileSync(join(import.meta.dirname, '../../fixtures/projects/harbour-v1.mmaudio'), 'utf8'))
    writeFileSync(
      join(dir, autosaveFileName(v1.id)),
      JSON.stringify({ version: 1, savedAt: '2026-11-30T10:06:00.000Z', path: null, project: v1 }),
    )
    const recovery = await createAutosaveStore({ dir, mtimeMs: () => null }).recovery()
    expect(recovery?.project.version).toBe(PROJECT_VERSION)
    expect(recovery?.project.segments.find((s) => s.id === 's-door')?.anchor).toEqual({
      kind: 'source',
      assetId: 'a-door',
      inSec: 2,
      outSec: 4.5,
    })
  })
})
