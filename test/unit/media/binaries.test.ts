import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { resolveBinaries, resolveBinary, unpackedPath, type BinaryLookup } from '../../../electron/media/binaries'

function lookup(over: Partial<BinaryLookup> & { executables?: string[] }): BinaryLookup {
  const executables = new Set(over.executables ?? [])
  return {
    env: over.env ?? {},
    platform: over.platform ?? 'linux',
    packagePath: over.packagePath ?? (() => null),
    isExecutable: (p) => executables.has(p),
  }
}

describe('finding ffmpeg and ffprobe', () => {
  it('an env override wins over everything', () => {
    const l = lookup({ env: { FFMPEG_PATH: '/opt/ff/ffmpeg', PATH: '/usr/bin' }, executables: ['/usr/bin/ffmpeg'] })
    expect(resolveBinary('ffmpeg', l)).toEqual({ path: '/opt/ff/ffmpeg', source: 'env' })
  })

  it('inside a packaged app, the copy unpacked beside app.asar is used', () => {
    const inAsar = join('/Apps/MMAudio Studio/resources/app.asar/node_modules/ffmpeg-static/ffmpeg')
    const unpacked = join('/Apps/MMAudio Studio/resources/app.asar.unpacked/node_modules/ffmpeg-static/ffmpeg')
    expect(unpackedPath(inAsar)).toBe(unpacked)
    const l = lookup({ packagePath: () => inAsar, executables: [unpacked] })
    expect(resolveBinary('ffmpeg', l)).toEqual({ path: unpacked, source: 'packaged' })
  })

  it('then the npm package, then PATH', () => {
    const pkg = '/repo/node_modules/@ffprobe-installer/linux-x64/ffprobe'
    expect(resolveBinary('ffprobe', lookup({ packagePath: () => pkg, executables: [pkg] }))).toEqual({
      path: pkg,
      source: 'package',
    })
    const viaPath = lookup({
      packagePath: () => pkg,
      env: { PATH: '/nowhere:/usr/local/bin' },
      executables: ['/usr/local/bin/ffprobe'],
    })
    expect(resolveBinary('ffprobe', viaPath)).toEqual({ path: '/usr/local/bin/ffprobe', source: 'path' })
  })

  it('nothing found is one clear error naming what is missing and how to fix it', () => {
    const l = lookup({ env: { PATH: '/usr/bin' }, executables: ['/usr/bin/ffmpeg'] })
    expect(() => resolveBinaries(l)).toThrow(
      expect.objectContaining({ code: 'FFMPEG_MISSING', message: expect.stringMatching(/ffprobe.*FFPROBE_PATH/) }),
    )
  })
})
