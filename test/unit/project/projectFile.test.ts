import { mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs'
import fsp from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { AppError } from '../../../shared/domain/errors'
import { soundingTakes } from '../../../shared/domain/mix'
import {
  DEFAULT_GENERATION,
  DEFAULT_ORIGINAL_AUDIO,
  DEFAULT_TAKE_MIX,
  PROJECT_VERSION,
  type Project,
} from '../../../shared/domain/project'
import {
  openProjectFile,
  resolveMediaPath,
  saveProjectFile,
  writeFileAtomic,
  type OpenFile,
} from '../../../electron/project/projectFile'

function projectWith(assetPath: string, takePath: string): Project {
  return {
    version: PROJECT_VERSION,
    id: 'p1',
    name: 'Beach',
    assets: [
      {
        id: 'a1',
        path: assetPath,
        name: 'clip.mp4',
        contentHash: 'h',
        durationSec: 5,
        sizeBytes: 10,
        video: {
          codec: 'h264',
          width: 640,
          height: 360,
          rotation: 0,
          displayWidth: 640,
          displayHeight: 360,
          fps: 25,
          vfr: false,
        },
        audio: null,
      },
    ],
    clips: [{ id: 'c1', assetId: 'a1', startSec: 0, inSec: 0, outSec: 5 }],
    segments: [
      {
        id: 's1',
        anchor: { kind: 'source', assetId: 'a1', inSec: 1, outSec: 3 },
        lane: 0,
        params: DEFAULT_GENERATION,
        takes: [
          {
            id: 't1',
            provider: 'fal',
            seed: 1,
            path: takePath,
            durationSec: 2,
            requestIds: [],
            createdAt: '2026-01-01T00:00:00Z',
            mix: DEFAULT_TAKE_MIX,
          },
        ],
        activeTakeId: 't1',
      },
    ],
    original: DEFAULT_ORIGINAL_AUDIO,
    createdAt: '2026-01-01T00:00:00Z',
    updatedAt: '2026-01-01T00:00:00Z',
  }
}

function layout() {
  const root = mkdtempSync(join(tmpdir(), 'project-'))
  const dir = join(root, 'Beach film')
  mkdirSync(join(dir, 'media'), { recursive: true })
  mkdirSync(join(dir, 'takes'), { recursive: true })
  writeFileSync(join(dir, 'media', 'clip.mp4'), 'v')
  writeFileSync(join(dir, 'takes', 'take 1.wav'), 'a')
  return { root, dir, file: join(dir, 'beach.mmaudio') }
}

describe('saveProjectFile / openProjectFile', () => {
  it('saves with paths relative to the project file and opens it back', async () => {
    const { dir, file } = layout()
    const project = projectWith(join(dir, 'media', 'clip.mp4'), join(dir, 'takes', 'take 1.wav'))
    await saveProjectFile(file, project)
    const written = JSON.parse(readFileSync(file, 'utf8')) as Project
    expect(written.assets[0]?.relativePath).toBe('media/clip.mp4')
    expect(written.segments[0]?.takes[0]?.relativePath).toBe('takes/take 1.wav')
    const opened = await openProjectFile(file)
    expect(opened.path).toBe(file)
    expect(opened.project.assets[0]?.path).toBe(join(dir, 'media', 'clip.mp4'))
  })

  it('leaves no temp file behind', async () => {
    const { dir, file } = layout()
    await saveProjectFile(file, projectWith(join(dir, 'media', 'clip.mp4'), join(dir, 'takes', 'take 1.wav')))
    await saveProjectFile(file, projectWith(join(dir, 'media', 'clip.mp4'), join(dir, 'takes', 'take 1.wav')))
    expect(readdirSync(dir).sort()).toEqual(['beach.mmaudio', 'media', 'takes'])
  })

  it('opens a moved project folder through the relative paths', async () => {
    const { root, dir, file } = layout()
    await saveProjectFile(file, projectWith(join(dir, 'media', 'clip.mp4'), join(dir, 'takes', 'take 1.wav')))
    const moved = join(root, 'Archive 2026 日本')
    renameSync(dir, moved)
    const opened = await openProjectFile(join(moved, 'beach.mmaudio'))
    expect(opened.project.assets[0]?.path).toBe(join(moved, 'media', 'clip.mp4'))
    expect(opened.project.segments[0]?.takes[0]?.path).toBe(join(moved, 'takes', 'take 1.wav'))
  })

  it('keeps an absolute path that still exists, even when the project moved', async () => {
    const { root, dir, file } = layout()
    const external = join(root, 'external.mp4')
    writeFileSync(external, 'v')
    await saveProjectFile(file, projectWith(external, join(dir, 'takes', 'take 1.wav')))
    renameSync(dir, join(root, 'moved'))
    const opened = await openProjectFile(join(root, 'moved', 'beach.mmaudio'))
    expect(opened.project.assets[0]?.path).toBe(external)
  })

  it('explains a file that is not a project, a newer version and a damaged project', async () => {
    const { dir } = layout()
    const notJson = join(dir, 'notes.mmaudio')
    writeFileSync(notJson, 'hello')
    await expect(openProjectFile(notJson)).rejects.toMatchObject({
      code: 'BAD_INPUT',
      message: expect.stringMatching(/not an MMAudio Studio project/),
    })
    const other = join(dir, 'other.json')
    writeFileSync(other, '{"name":"package"}')
    await expect(openProjectFile(other)).rejects.toMatchObject({
      code: 'BAD_INPUT',
      message: expect.stringMatching(/not an MMAudio Studio project/),
    })
    const newer = join(dir, 'newer.mmaudio')
    writeFileSync(newer, '{"version":3}')
    await expect(openProjectFile(newer)).rejects.toMatchObject({
      code: 'BAD_INPUT',
      message: expect.stringMatching(/newer version/),
    })
    const damaged = join(dir, 'damaged.mmaudio')
    writeFileSync(damaged, '{"version":1,"id":"x"}')
    await expect(openProjectFile(damaged)).rejects.toMatchObject({
      code: 'BAD_INPUT',
      message: expect.stringMatching(/damaged/),
    })
  })

  it('reports a missing file as FILE_NOT_FOUND', async () => {
    const { dir } = layout()
    const error = await openProjectFile(join(dir, 'missing.mmaudio')).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(AppError)
    expect((error as AppError).code).toBe('FILE_NOT_FOUND')
  })

  it('refuses to save an invalid project', async () => {
    const { dir, file } = layout()
    const bad = {
      ...projectWith(join(dir, 'media', 'clip.mp4'), join(dir, 'takes', 'take 1.wav')),
      version: 3,
    } as never
    await expect(saveProjectFile(file, bad)).rejects.toThrow()
    expect(readdirSync(dir).sort()).toEqual(['media', 'takes'])
  })
})

describe('writeFileAtomic', () => {
  it('leaves the old file intact and no temp file when the write is interrupted', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'atomic-'))
    const file = join(dir, 'p.mmaudio')
    writeFileSync(file, 'OLD CONTENT')
    const crashing = (async (path: string, flags: string) => {
      const handle = await fsp.open(path, flags)
      // Write half the data, then fail as a full disk would.
      return Object.assign(Object.create(handle) as typeof handle, {
        writeFile: async (data: string) => {
          await handle.write(data.slice(0, data.length / 2))
          throw Object.assign(new Error('ENOSPC: no space left on device'), { code: 'ENOSPC' })
        },
        sync: () => handle.sync(),
        close: () => handle.close(),
      })
    }) as OpenFile
    await expect(writeFileAtomic(file, 'NEW CONTENT THAT IS LONG', crashing)).rejects.toMatchObject({
      code: 'DISK_FULL',
      message: expect.stringMatching(/"p\.mmaudio" could not be written/),
    })
    expect(readFileSync(file, 'utf8')).toBe('OLD CONTENT')
    expect(readdirSync(dir)).toEqual(['p.mmaudio'])
  })

  it('maps a full disk during save to DISK_FULL', async () => {
    const { dir, file } = layout()
    writeFileSync(file, 'OLD')
    const full = (async () => {
      throw Object.assign(new Error('no space'), { code: 'ENOSPC' })
    }) as OpenFile
    const project = projectWith(join(dir, 'media', 'clip.mp4'), join(dir, 'takes', 'take 1.wav'))
    await expect(saveProjectFile(file, project, full)).rejects.toMatchObject({ code: 'DISK_FULL' })
    expect(readFileSync(file, 'utf8')).toBe('OLD')
  })
})

describe('resolveMediaPath', () => {
  it('prefers the absolute path, falls back to the relative one, and keeps the absolute one if neither exists', () => {
    const exists = (p: string) => p === '/new/place/media/a.mp4' || p === '/still/here.mp4'
    expect(resolveMediaPath('/still/here.mp4', 'x.mp4', '/new/place', exists)).toBe('/still/here.mp4')
    expect(resolveMediaPath('/old/place/media/a.mp4', 'media/a.mp4', '/new/place', exists)).toBe(
      '/new/place/media/a.mp4',
    )
    expect(resolveMediaPath('/gone.mp4', 'gone.mp4', '/new/place', exists)).toBe('/gone.mp4')
    expect(resolveMediaPath('/gone.mp4', undefined, '/new/place', exists)).toBe('/gone.mp4')
  })
})

describe('a project saved in version 1 (segments in timeline time)', () => {
  const v1File = join(import.meta.dirname, '../../fixtures/projects/harbour-v1.mmaudio')

  it('opens with each segment on the clip under it; beds and ranges over a gap or a cut stay on the timeline', async () => {
    const { project } = await openProjectFile(v1File, () => false)
    expect(project.version).toBe(PROJECT_VERSION)
    const anchors = Object.fromEntries(project.segments.map((s) => [s.id, s.anchor]))
    // door.mp4 is used [1, 6) at 8 s: the segment at 9–11.5 s is door.mp4 2–4.5 s
    expect(anchors['s-door']).toEqual({ kind: 'source', assetId: 'a-door', inSec: 2, outSec: 4.5 })
    expect(anchors['s-bed']).toEqual({ kind: 'timeline', startSec: 0, endSec: 13 })
    expect(anchors['s-cut']).toEqual({ kind: 'timeline', startSec: 7, endSec: 9 })
    expect(anchors['s-gap']).toEqual({ kind: 'timeline', startSec: 14, endSec: 16 })
    expect(project.segments.find((s) => s.id === 's-door')!.takes[0]!.mix.nudgeMs).toBe(40)
    // written before focus boxes and take loudness: the whole frame, no number (left out of loudness matching)
    expect(project.segments.map((s) => s.params.focus)).toEqual(project.segments.map(() => null))
    expect(project.segments.flatMap((s) => s.takes.map((t) => t.integratedLufs ?? null))).not.toContain(
      expect.any(Number),
    )
  })

  it('sounds exactly where it did, and its door sound then follows the door clip', async () => {
    const { project } = await openProjectFile(v1File, () => false)
    const at = (p: Project) => soundingTakes(p).map((t) => [t.segmentId, t.startSec, t.durationSec])
    // both takes are nudged 40 ms later (the bed's end then falls past the timeline's 13 s and is cut there)
    expect(at(project)).toEqual([
      ['s-bed', 0.04, 12.96],
      ['s-door', 9.04, 2.5],
    ])
    const moved = { ...project, clips: project.clips.map((c) => (c.id === 'c-door' ? { ...c, startSec: 10 } : c)) }
    expect(at(moved).find(([id]) => id === 's-door')).toEqual(['s-door', 11.04, 2.5])
  })

  it('is saved back as the current version', async () => {
    const { dir } = layout()
    const { project } = await openProjectFile(v1File, () => false)
    await saveProjectFile(join(dir, 'harbour.mmaudio'), project)
    const written = JSON.parse(readFileSync(join(dir, 'harbour.mmaudio'), 'utf8')) as Project
    expect(written.version).toBe(PROJECT_VERSION)
    expect(written.segments[0]).not.toHaveProperty('startSec')
  })
})
