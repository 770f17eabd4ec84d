// The handler table over the real composition root (plain Node), with a stub ffmpeg runner, memory stores
// and a fake Desktop: what the app and the E2E harness both serve.
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it, vi } from 'vitest'
import { AppError } from '../../../shared/domain/errors'
import { DEFAULT_ORIGINAL_AUDIO, PROJECT_VERSION, type Project } from '../../../shared/domain/project'
import { defaultSettings } from '../../../electron/store/settings'
import { createAppServices } from '../../../electron/app/services'
import { fakeDesktop } from '../../fixtures/desktop'
import { dispatch } from '../../../electron/ipc/handle'
import { createHandlers } from '../../../electron/ipc/handlers'
import type { FfmpegRunner } from '../../../electron/media/ffmpeg/run'
import { createMemoryStore } from '../../../electron/store/keyValueStore'
import type { Cipher } from '../../../electron/store/secrets'

const reversingCipher: Cipher = {
  isAvailable: async () => true,
  isPlainTextFallback: () => false,
  encrypt: async (s) => Buffer.from(s).reverse(),
  decrypt: async (b) => ({ plainText: Buffer.from(b).reverse().toString(), shouldReEncrypt: false }),
}

/** What the stub ffprobe says about every file: a 1 s picture, whole to its end. */
const stubVideoProbe: FfmpegRunner['ffprobe'] = async (args) => ({
  stdout: Buffer.from(
    args.includes('-read_intervals')
      ? '0.960000,0.040000\n'
      : JSON.stringify({
          streams: [
            {
              index: 0,
              codec_type: 'video',
              codec_name: 'h264',
              width: 2,
              height: 2,
              avg_frame_rate: '25/1',
              r_frame_rate: '25/1',
              duration: '1',
            },
          ],
          format: { format_name: 'mov,mp4', duration: '1' },
        }),
  ),
  stderr: '',
})

function setup(runner: Partial<FfmpegRunner> = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'handlers-'))
  const calls: string[] = []
  const openAnswer = { path: join(dir, 'picked.mmaudio') }
  const desktop = fakeDesktop({
    openVideos: async () => ['/videos/a.mp4'],
    openProject: async () => openAnswer.path,
    saveFile: async (name, kind) => {
      calls.push(`save ${name} ${kind}`)
      return join(dir, name)
    },
    showInFolder: async (p) => {
      calls.push(`show ${p}`)
      return true
    },
  })
  const stubRunner: FfmpegRunner = {
    ffmpeg: async () => ({
      stdout: Buffer.from('ffmpeg version 5.1.9-0+deb12u1 Copyright (c) 2000-2024\n'),
      stderr: '',
    }),
    ffprobe: async () => ({ stdout: Buffer.from('{}'), stderr: '' }),
    abortAll: () => undefined,
    running: () => 0,
    ...runner,
  }
  const errors: string[] = []
  const services = createAppServices({
    binaries: { ffmpeg: '/no/ffmpeg', ffprobe: '/no/ffprobe' },
    cacheDir: join(dir, 'cache'),
    dataDir: join(dir, 'data'),
    mediaUrl: (p) => `test-media:${p}`,
    settingsStore: createMemoryStore(),
    secretsStore: createMemoryStore(),
    cipher: reversingCipher,
    desktop,
    appVersion: '1.2.3',
    platform: 'linux',
    logger: { info: () => undefined, error: (m) => void errors.push(m) },
    runner: stubRunner,
  })
  const handlers = createHandlers(services)
  const call = (channel: string, input: unknown) => dispatch(channel, input, handlers, { logger: services.logger })
  return { dir, calls, errors, services, call, openAnswer, desktop }
}

function minimalProject(assetPath: string): Project {
  return {
    version: PROJECT_VERSION,
    id: 'p',
    name: 'P',
    clips: [],
    segments: [],
    original: DEFAULT_ORIGINAL_AUDIO,
    createdAt: '2026-01-01T00:00:00Z',
    updatedAt: '2026-01-01T00:00:00Z',
    assets: [
      {
        id: 'a',
        path: assetPath,
        name: 'a.mp4',
        contentHash: 'h',
        durationSec: 1,
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
  }
}

describe('handlers over the composition root', () => {
  it('app:info reports the version and the ffmpeg version', async () => {
    const { call } = setup()
    expect(await call('app:info', {})).toEqual({
      ok: true,
      data: { version: '1.2.3', platform: 'linux', ffmpegVersion: '5.1.9-0+deb12u1', ffmpegProblem: null },
    })
  })

  it('app:info turns an ffmpeg that cannot run into a sentence, not an error', async () => {
    const { call } = setup({
      ffmpeg: async () => Promise.reject(new AppError('FFMPEG_MISSING', 'ffmpeg could not be started.')),
    })
    expect(await call('app:info', {})).toMatchObject({
      ok: true,
      data: { ffmpegVersion: null, ffmpegProblem: 'ffmpeg could not be started.' },
    })
  })

  it('media:url refuses files that were never imported and serves cache files', async () => {
    const { call, dir } = setup()
    writeFileSync(join(dir, 'secret.txt'), 'x')
    expect(await call('media:url', { path: join(dir, 'secret.txt') })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    })
    expect(await call('media:url', { path: '/etc/passwd' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    expect(await call('media:url', { path: join(dir, 'gone.mp4') })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    })
    mkdirSync(join(dir, 'cache'), { recursive: true })
    writeFileSync(join(dir, 'cache', 'sprite.jpg'), 'x')
    expect(await call('media:url', { path: join(dir, 'cache', 'sprite.jpg') })).toEqual({
      ok: true,
      data: { url: `test-media:${join(dir, 'cache', 'sprite.jpg')}` },
    })
  })

  it('project:save then project:open round-trips and allows the project’s media to be played', async () => {
    const first = setup({ ffprobe: stubVideoProbe })
    const clip = join(first.dir, 'clip.mp4')
    writeFileSync(clip, 'v')
    const file = join(first.dir, 'p.mmaudio')
    expect(await first.call('dialog:saveFile', { defaultName: 'p.mmaudio', kind: 'project' })).toEqual({
      ok: true,
      data: { path: file },
    })
    expect(await first.call('project:save', { path: file, project: minimalProject(clip) })).toEqual({
      ok: true,
      data: { path: file },
    })

    const second = setup({ ffprobe: stubVideoProbe })
    expect(await second.call('media:url', { path: clip })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    second.openAnswer.path = file
    await second.call('dialog:openProject', {})
    const opened = await second.call('project:open', { path: file })
    expect(opened).toMatchObject({
      ok: true,
      data: { path: file, project: { assets: [{ path: clip, relativePath: 'clip.mp4' }] } },
    })
    expect(await second.call('media:url', { path: clip })).toEqual({ ok: true, data: { url: `test-media:${clip}` } })
    rmSync(clip)
    expect(await second.call('media:url', { path: clip })).toMatchObject({
      ok: false,
      error: { code: 'FILE_NOT_FOUND' },
    })
    // The opened file may be saved again without a dialog.
    expect(await second.call('project:save', { path: file, project: minimalProject(clip) })).toMatchObject({ ok: true })
  })

  it('writes only where the user chose: project files and exports need the save dialog first', async () => {
    const { call, dir } = setup({ ffprobe: stubVideoProbe })
    const clip = join(dir, 'clip.mp4')
    writeFileSync(clip, 'v')
    const imported = await call('media:import', { paths: [clip] })
    const project = {
      ...minimalProject(clip),
      assets: (imported as { data: { assets: Project['assets'] } }).data.assets,
    }
    project.clips = [{ id: 'c', assetId: project.assets[0]!.id, startSec: 0, inSec: 0, outSec: 1 }]
    const bashrc = join(dir, '.bashrc')
    expect(await call('project:save', { path: bashrc, project })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    })
    const exportTo = { destinationPath: join(dir, 'out.mp4'), preset: 'web' }
    expect(await call('export:start', { project, request: exportTo })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    })
    // Only the app's own folders (created at start) and the clip: nothing was written where it was not asked.
    expect(readdirSync(dir).sort()).toEqual(['cache', 'clip.mp4', 'data'])
    expect(await call('dialog:saveFile', { defaultName: 'out.mp4', kind: 'mp4' })).toMatchObject({ ok: true })
    expect(await call('export:start', { project, request: exportTo })).toMatchObject({
      ok: true,
      data: { jobId: expect.any(String) },
    })
  })

  it('writes a hand-off pack only into a folder chosen in the folder dialog', async () => {
    const { call, dir, desktop } = setup({ ffprobe: stubVideoProbe })
    const clip = join(dir, 'clip.mp4')
    writeFileSync(clip, 'v')
    const imported = await call('media:import', { paths: [clip] })
    const project = {
      ...minimalProject(clip),
      assets: (imported as { data: { assets: Project['assets'] } }).data.assets,
    }
    project.clips = [{ id: 'c', assetId: project.assets[0]!.id, startSec: 0, inSec: 0, outSec: 1 }]
    const request = { folder: join(dir, 'editor') }
    expect(await call('handoff:start', { project, request })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    expect(await call('dialog:chooseFolder', {})).toEqual({ ok: true, data: { path: null } }) // cancelled: nothing chosen
    expect(await call('handoff:start', { project, request })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    expect(readdirSync(dir).sort()).toEqual(['cache', 'clip.mp4', 'data'])
    desktop.nextFolder = request.folder
    expect(await call('dialog:chooseFolder', {})).toEqual({ ok: true, data: { path: request.folder } })
    expect(await call('handoff:start', { project, request })).toMatchObject({
      ok: true,
      data: { jobId: expect.any(String) },
    })
  })

  it('makes thumbnails and peaks only for imported files', async () => {
    const { call } = setup()
    expect(await call('media:thumbnails', { assetId: 'x', path: '/etc/passwd' })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    })
    expect(await call('media:waveform', { path: '/etc/passwd' })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    })
  })

  it('settings and secrets go through their stores; a key never comes back', async () => {
    const { call } = setup()
    expect(await call('settings:get', {})).toEqual({ ok: true, data: defaultSettings() })
    const key = 'abcd-1234-efgh-5678'
    const set = await call('secrets:set', { provider: 'fal', key })
    expect(set).toEqual({ ok: true, data: { provider: 'fal', isSet: true, last4: '5678' } })
    const status = await call('secrets:status', {})
    expect(status).toMatchObject({ ok: true, data: { plainTextFallback: false } })
    expect(status).toMatchObject({
      ok: true,
      data: { providers: expect.arrayContaining([{ provider: 'fal', isSet: true, last4: '5678' }]) },
    })
    expect(JSON.stringify(status)).not.toContain(key)
    expect(await call('secrets:clear', { provider: 'fal' })).toEqual({
      ok: true,
      data: { provider: 'fal', isSet: false, last4: null },
    })
  })

  it('dialogs and the shell go to Desktop', async () => {
    const { call, calls, dir } = setup()
    expect(await call('dialog:openVideos', {})).toEqual({ ok: true, data: { paths: ['/videos/a.mp4'] } })
    expect(await call('dialog:saveFile', { defaultName: 'out.mp4', kind: 'mp4' })).toEqual({
      ok: true,
      data: { path: join(dir, 'out.mp4') },
    })
    expect(await call('shell:showInFolder', { path: join(dir, 'out.mp4') })).toEqual({
      ok: true,
      data: { shown: true },
    })
    expect(calls).toEqual(['save out.mp4 mp4', `show ${join(dir, 'out.mp4')}`])
  })

  it('shell:showInFolder reveals only files the app knows of', async () => {
    const { call, calls } = setup()
    expect(await call('shell:showInFolder', { path: '/home/ann/.ssh/id_rsa' })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    })
    expect(calls).toEqual([])
  })

  it('shell:showInFolder reveals what an export wrote', async () => {
    const { call, calls, services } = setup()
    const written = '/exports/final.mp4'
    services.jobs.start('export', async () => ({
      exportResult: { paths: [written], durationSec: 1, videoCopied: true, integratedLufs: null, truePeakDbtp: null },
    }))
    await vi.waitFor(() => expect(services.jobs.list()[0]?.status).toBe('succeeded'))
    expect(await call('shell:showInFolder', { path: written })).toEqual({ ok: true, data: { shown: true } })
    expect(calls).toEqual([`show ${written}`])
  })

  it('jobs: an unknown job is not cancelled and the list starts empty', async () => {
    const { call } = setup()
    expect(await call('job:cancel', { jobId: 'nope' })).toEqual({ ok: true, data: { cancelled: false } })
    expect(await call('job:list', {})).toEqual({ ok: true, data: [] })
  })

  it('a NUL byte in any path is a sentence (BAD_INPUT), never INTERNAL', async () => {
    const { call, dir } = setup()
    const nul = join(dir, 'clip\0.mp4')
    const project = minimalProject(nul)
    const cases: Array<[string, unknown]> = [
      ['project:open', { path: nul }],
      ['media:import', { paths: [nul] }],
      ['media:url', { path: nul }],
      ['media:waveform', { path: nul }],
      ['shell:showInFolder', { path: nul }],
      ['project:save', { path: join(dir, 'p.mmaudio'), project }],
      ['project:autosave', { path: null, project }],
      [
        'export:start',
        { project: minimalProject(join(dir, 'clip.mp4')), request: { destinationPath: nul, preset: 'web' } },
      ],
      ['dialog:saveFile', { defaultName: 'a\0b.mp4', kind: 'mp4' }],
    ]
    for (const [channel, input] of cases) {
      const answer = await call(channel, input)
      expect(answer, channel).toMatchObject({
        ok: false,
        error: { code: 'BAD_INPUT', message: expect.stringMatching(/cannot contain a NUL character/) },
      })
    }
  })
})
