// electron-builder cannot package offline, so its configuration is checked the way electron-builder itself
// checks it (its own loader and JSON-schema validation), plus the invariants the app depends on.
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { APP_ID } from '../../../electron/main/appIdentity'

const root = join(import.meta.dirname, '../../..')
const require = createRequire(import.meta.url)

interface BuilderConfig {
  appId?: string
  productName?: string
  files?: (string | { filter?: string[] })[]
  asar?: boolean
  asarUnpack?: string[]
  directories?: { buildResources?: string }
  mac?: { target?: (string | { target: string; arch?: string[] })[] }
  win?: { target?: { target: string }[] }
  linux?: { target?: string[]; category?: string }
  publish?: unknown
}

const { getConfig, validateConfiguration } = require('app-builder-lib/out/util/config/config') as {
  getConfig(projectDir: string, configPath: string, fromOptions: null): Promise<BuilderConfig>
  validateConfiguration(config: BuilderConfig, debugLogger: { isEnabled: boolean; add(): void }): Promise<void>
}

const { computeArchToTargetNamesMap } = require('app-builder-lib/out/targets/targetFactory') as {
  computeArchToTargetNamesMap(
    raw: Map<number, string[]>,
    packager: { platformSpecificBuildOptions: { target: unknown }; defaultTarget: string[] },
    platform: unknown,
  ): Map<number, string[]>
}
const { Platform } = require('app-builder-lib/out/core') as { Platform: { MAC: unknown } }
const { Arch } = require('builder-util') as { Arch: { x64: number; arm64: number } }
const FpmTarget = (
  require('app-builder-lib/out/targets/FpmTarget') as {
    default: { prototype: { computeFpmMetaInfoOptions(this: unknown): Promise<unknown> } }
  }
).default

async function load(): Promise<BuilderConfig> {
  return getConfig(root, join(root, 'electron.builder.yml'), null)
}

describe('electron.builder.yml', () => {
  it('passes electron-builder’s own schema validation', async () => {
    await expect(
      validateConfiguration(await load(), { isEnabled: false, add: () => undefined }),
    ).resolves.toBeUndefined()
  })

  it('would reject a misspelt option (the validation is real)', async () => {
    const config = { ...(await load()), asarUnpak: [] } as BuilderConfig
    await expect(validateConfiguration(config, { isEnabled: false, add: () => undefined })).rejects.toThrow(/asarUnpak/)
  })

  it('ships the built app only, and unpacks ffmpeg and ffprobe from the asar', async () => {
    const config = await load()
    const patterns = (config.files ?? []).flatMap((f) => (typeof f === 'string' ? [f] : (f.filter ?? [])))
    expect(patterns).toEqual(expect.arrayContaining(['out/**', 'package.json', '!**/*.map']))
    expect(config.asar).toBe(true)
    expect(config.asarUnpack).toEqual(
      expect.arrayContaining(['node_modules/ffmpeg-static/**', 'node_modules/@ffprobe-installer/**']),
    )
    expect(config.publish).toBeNull()
  })

  it('targets dmg, nsis, AppImage and tar.gz in the AudioVideo category', async () => {
    const config = await load()
    expect(config.mac?.target).toEqual(['dmg'])
    expect(config.win?.target?.map((t) => t.target)).toEqual(['nsis'])
    expect(config.linux?.target).toEqual(['AppImage', 'tar.gz'])
    expect(config.linux?.category).toBe('AudioVideo')
  })

  it('builds one mac arch per run: the arch the script names, not both from one install', async () => {
    const config = await load()
    const packager = { platformSpecificBuildOptions: { target: config.mac?.target }, defaultTarget: ['dmg', 'zip'] }
    for (const arch of [Arch.arm64, Arch.x64]) {
      const archs = computeArchToTargetNamesMap(new Map([[arch, []]]), packager, Platform.MAC)
      expect([...archs.keys()]).toEqual([arch])
      expect(archs.get(arch)).toEqual(['dmg'])
    }
  })

  it('ships no Linux package that needs metadata we do not have (deb/rpm want a homepage and a maintainer e-mail)', async () => {
    const config = await load()
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { homepage?: string; author?: unknown }
    // electron-builder's own check for those targets, on our metadata: it refuses.
    const fpmCheck = FpmTarget.prototype.computeFpmMetaInfoOptions.call({
      options: {},
      packager: { appInfo: { computePackageUrl: async () => pkg.homepage ?? null }, info: { metadata: pkg } },
    })
    await expect(fpmCheck).rejects.toThrow(/homepage/)
    const FPM_TARGETS = ['deb', 'rpm', 'sh', 'freebsd', 'pacman', 'apk', 'p5p']
    expect((config.linux?.target ?? []).filter((t) => FPM_TARGETS.includes(t))).toEqual([])
  })

  it('every dist script checks the bundled ffmpeg/ffprobe for exactly the platform and arch it then packages', () => {
    const scripts = (
      JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { scripts: Record<string, string> }
    ).scripts
    const dist = Object.entries(scripts).filter(([name]) => name === 'dist' || name.startsWith('dist:'))
    expect(dist.map(([name]) => name).sort()).toEqual([
      'dist',
      'dist:linux',
      'dist:mac-arm64',
      'dist:mac-x64',
      'dist:win',
    ])
    const FLAG = { linux: '--linux', darwin: '--mac', win32: '--win' } as const
    for (const [name, command] of dist) {
      const steps = command.split(' && ')
      const check = steps.findIndex((s) => s.startsWith('tsx scripts/checkBinaries.ts'))
      const build = steps.findIndex((s) => s.startsWith('electron-builder '))
      expect(check, name).toBeGreaterThanOrEqual(0)
      expect(check, name).toBeLessThan(build)
      const [platform, arch] = steps[check]!.split(' ').slice(2)
      if (name === 'dist') {
        expect([platform, arch], 'dist builds for this machine').toEqual([undefined, undefined])
        continue
      }
      expect(steps[build]!.split(' ').slice(-2), name).toEqual([FLAG[platform as keyof typeof FLAG], `--${arch}`])
    }
  })

  it('keeps the Windows notification identity (AppUserModelID) equal to appId', async () => {
    expect((await load()).appId).toBe(APP_ID)
  })

  it('has a 512x512 PNG icon in buildResources', async () => {
    const config = await load()
    const png = readFileSync(join(root, config.directories?.buildResources ?? 'build', 'icon.png'))
    expect(png.subarray(1, 4).toString('ascii')).toBe('PNG')
    expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([512, 512])
  })
})
