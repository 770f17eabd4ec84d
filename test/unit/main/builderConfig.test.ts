// electron-builder cannot package offline, so its configuration is checked the way electron-builder itself
// checks it (its own loader and JSON-schema validation), plus the invariants the app depends on.
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'

const root = join(import.meta.dirname, '../../..')
const require = createRequire(import.meta.url)

interface BuilderConfig {
  appId?: string
  productName?: string
  files?: (string | { filter?: string[] })[]
  asar?: boolean
  asarUnpack?: string[]
  directories?: { buildResources?: string }
  mac?: { target?: { target: string; arch: string[] }[] }
  win?: { target?: { target: string }[] }
  linux?: { target?: string[]; category?: string }
  publish?: unknown
}

const { getConfig, validateConfiguration } = require('app-builder-lib/out/util/config/config') as {
  getConfig(projectDir: string, configPath: string, fromOptions: null): Promise<BuilderConfig>
  validateConfiguration(config: BuilderConfig, debugLogger: { isEnabled: boolean; add(): void }): Promise<void>
}

async function load(): Promise<BuilderConfig> {
  return getConfig(root, join(root, 'electron.builder.yml'), null)
}

describe('electron.builder.yml', () => {
  it('passes electron-builder’s own schema validation', async () => {
    await expect(validateConfiguration(await load(), { isEnabled: false, add: () => undefined })).resolves.toBeUndefined()
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

  it('targets dmg (x64 + arm64), nsis, AppImage and deb in the AudioVideo category', async () => {
    const config = await load()
    expect(config.mac?.target).toEqual([{ target: 'dmg', arch: ['x64', 'arm64'] }])
    expect(config.win?.target?.map((t) => t.target)).toEqual(['nsis'])
    expect(config.linux?.target).toEqual(['AppImage', 'deb'])
    expect(config.linux?.category).toBe('AudioVideo')
  })

  it('has a 512x512 PNG icon in buildResources', async () => {
    const config = await load()
    const png = readFileSync(join(root, config.directories?.buildResources ?? 'build', 'icon.png'))
    expect(png.subarray(1, 4).toString('ascii')).toBe('PNG')
    expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([512, 512])
  })
})
