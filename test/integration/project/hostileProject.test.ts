// A project file is data from outside, and the renderer is not trusted with the file system. Over the real
// handler table and the media:// responder: a .mmaudio naming private files does not get them served,
// revealed or copied; project:open takes only what a dialog or the recent list gave; autosave + recovery
// cannot widen access; impossible numbers are clamped or refused with a sentence.
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { dispatch } from '../../../electron/ipc/handle'
import { createHandlers } from '../../../electron/ipc/handlers'
import { respondToMediaRequest } from '../../../electron/main/mediaResponse'
import { mediaUrl } from '../../../electron/main/mediaUrl'
import { nodeRealpath } from '../../../electron/media/allowList'
import type { Clip, Project } from '../../../shared/domain/project'
import { oneClipProject, testAppServices } from '../../fixtures/appServices'
import { lavfiFixture, testClip } from '../../fixtures/media'

let clipSource: string
let wavSource: string
beforeAll(async () => {
  clipSource = await testClip('hostile clip.mp4', { width: 160, height: 120, durationSec: 4 })
  wavSource = await lavfiFixture('hostile take.wav', [
    '-f',
    'lavfi',
    '-i',
    'sine=frequency=660:sample_rate=48000:duration=2',
    '-c:a',
    'pcm_s16le',
  ])
})

function setup() {
  const dir = mkdtempSync(join(tmpdir(), 'hostile-project-'))
  const { services, answers, call } = testAppServices(dir)
  const shown = answers.shown
  const serve = (path: string) => respondToMediaRequest(new Request(mediaUrl(path)), services.allowList, nodeRealpath)
  // The person's own files, which no project they are sent may reach.
  mkdirSync(join(dir, 'home', '.ssh'), { recursive: true })
  const secrets = {
    key: join(dir, 'home', '.ssh', 'id_rsa'),
    memo: join(dir, 'home', 'voice memo.wav'),
    video: join(dir, 'home', 'private.mp4'),
  }
  writeFileSync(secrets.key, '-----BEGIN OPENSSH PRIVATE KEY-----')
  copyFileSync(wavSource, secrets.memo)
  copyFileSync(clipSource, secrets.video)
  return { dir, answers, shown, services, call, serve, secrets }
}

const project = (assetPath: string, takePaths: string[], clip: Partial<Clip> = {}): Project =>
  oneClipProject(assetPath, takePaths, { id: 'sent-to-you', clip })

/** Writes a project file as someone else would have, and opens it through the open dialog. */
async function openSent(s: ReturnType<typeof setup>, p: Project, name = 'Sent.mmaudio') {
  const file = join(s.dir, 'Downloads', name)
  mkdirSync(join(s.dir, 'Downloads'), { recursive: true })
  writeFileSync(file, JSON.stringify(p))
  s.answers.open = file
  await s.call('dialog:openProject')
  return { file, opened: await s.call('project:open', { path: file }) }
}

describe('a project file that names private files', () => {
  it('opens, says which files it did not use, and serves, reveals and exports none of them', async () => {
    const s = setup()
    const { opened } = await openSent(s, project(s.secrets.key, ['/etc/passwd', s.secrets.key]))
    expect(opened).toMatchObject({ ok: true })
    const missing = (opened as { data: { missing: Array<{ path: string; reason?: string }> } }).data.missing
    expect(missing.map((m) => m.path).sort()).toEqual(['/etc/passwd', s.secrets.key].sort())
    expect(missing.find((m) => m.path === s.secrets.key)?.reason).toMatch(
      /"id_rsa" is not a video file, so it was not opened/,
    )
    for (const path of [s.secrets.key, '/etc/passwd']) {
      expect((await s.serve(path)).status).toBe(403)
      expect(await s.call('media:url', { path })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
      expect(await s.call('shell:showInFolder', { path })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
      expect(await s.call('media:waveform', { path })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    }
    s.answers.save = join(s.dir, 'out.mp4')
    await s.call('dialog:saveFile', { defaultName: 'out.mp4', kind: 'mp4' })
    const exported = await s.call('export:start', {
      project: project(s.secrets.video, []),
      request: { destinationPath: join(s.dir, 'out.mp4'), preset: 'web' },
    })
    expect(exported).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    expect(s.shown).toEqual([])
  })

  it('plays what passes the checks: a real clip and take it names are served', async () => {
    const s = setup()
    const clip = join(s.dir, 'Downloads', 'clip.mp4')
    mkdirSync(join(s.dir, 'Downloads'), { recursive: true })
    copyFileSync(clipSource, clip)
    const take = join(s.dir, 'Downloads', 'Sent media', 't0.wav')
    mkdirSync(join(s.dir, 'Downloads', 'Sent media'))
    copyFileSync(wavSource, take)
    const { opened } = await openSent(s, project(clip, [take]))
    expect(opened).toMatchObject({ ok: true, data: { missing: [], adjustments: [] } })
    expect((await s.serve(clip)).status).toBe(200)
    expect((await s.serve(take)).status).toBe(200)
  })

  it('saving it copies only the app’s own takes into "<name> media/", never the person’s files it names', async () => {
    const s = setup()
    const own = join(s.dir, 'data', 'takes', 'generated.wav')
    copyFileSync(wavSource, own)
    const { file } = await openSent(s, project(s.secrets.video, [s.secrets.memo, s.secrets.key, own]))
    const saved = await s.call('project:save', {
      path: file,
      project: project(s.secrets.video, [s.secrets.memo, s.secrets.key, own]),
    })
    expect(saved).toMatchObject({ ok: true })
    expect(readdirSync(join(s.dir, 'Downloads', 'Sent media'))).toEqual(['generated.wav'])
  })

  it('a save does not make playable what the renderer’s project names', async () => {
    const s = setup()
    const file = join(s.dir, 'Mine.mmaudio')
    s.answers.save = file
    await s.call('dialog:saveFile', { defaultName: 'Mine.mmaudio', kind: 'project' })
    expect(
      await s.call('project:save', { path: file, project: project(s.secrets.video, [s.secrets.memo]) }),
    ).toMatchObject({ ok: true })
    for (const path of [s.secrets.memo, s.secrets.video]) expect((await s.serve(path)).status).toBe(403)
  })

  it('the renderer alone cannot widen access with project:autosave + project:recovery', async () => {
    const s = setup()
    expect(
      await s.call('project:autosave', { project: project(s.secrets.key, [s.secrets.key]), path: null }),
    ).toMatchObject({ ok: true })
    const recovered = await s.call('project:recovery')
    expect(recovered).toMatchObject({ ok: true, data: { recovery: { project: { id: 'sent-to-you' } } } })
    expect((await s.serve(s.secrets.key)).status).toBe(403)
    expect(await s.call('media:url', { path: s.secrets.key })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    })
  })
})

describe('project:open takes only a path a dialog or the recent list gave', () => {
  it('refuses any other path, then opens it once the open dialog chose it, and again from the recent list', async () => {
    const s = setup()
    const file = join(s.dir, 'Elsewhere.mmaudio')
    writeFileSync(file, JSON.stringify(project(s.secrets.video, [])))
    expect(await s.call('project:open', { path: file })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    s.answers.open = file
    await s.call('dialog:openProject')
    expect(await s.call('project:open', { path: file })).toMatchObject({ ok: true })

    // A later session: the file is on the recent list, so it opens from there without a dialog.
    const recent = (await s.call('project:recent')) as { data: { projects: Array<{ path: string }> } }
    expect(recent.data.projects.map((p) => p.path)).toEqual([file])
    const later = createHandlers(s.services)
    expect(await dispatch('project:open', { path: file }, later, { logger: s.services.logger })).toMatchObject({
      ok: true,
    })
  })
})

describe('impossible numbers in a project file', () => {
  it('a clip running far past its 4 s file (outSec 1e6) is clamped to the file, with a sentence', async () => {
    const s = setup()
    const clip = join(s.dir, 'clip.mp4')
    copyFileSync(clipSource, clip)
    const { opened } = await openSent(s, project(clip, [], { outSec: 1e6 }))
    expect(opened).toMatchObject({ ok: true })
    const data = (opened as { data: { project: Project; adjustments: string[] } }).data
    expect(data.project.clips[0]!.outSec).toBeCloseTo(4, 1)
    expect(data.adjustments).toEqual([
      expect.stringMatching(
        /^Clip 1 \("clip\.mp4"\) ran past the end of its file \(to 1\.00e\+6 s\); it now ends with the file at 4\.\d\d s\.$/,
      ),
    ])
  })

  it('startSec 1e308 is refused with a sentence (BAD_INPUT), not INTERNAL', async () => {
    const s = setup()
    const clip = join(s.dir, 'clip.mp4')
    copyFileSync(clipSource, clip)
    const { opened } = await openSent(s, project(clip, [], { startSec: 1e308 }))
    expect(opened).toMatchObject({
      ok: false,
      error: {
        code: 'BAD_INPUT',
        message: expect.stringMatching(
          /^This project cannot be opened: clip 1 \("clip\.mp4"\) starts at 1\.00e\+308 s, beyond 24 hours/,
        ),
      },
    })
  })
})
