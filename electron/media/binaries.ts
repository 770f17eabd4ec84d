import { accessSync, constants } from 'node:fs'
import { createRequire } from 'node:module'
import { delimiter, join, sep } from 'node:path'
import { AppError } from '../../shared/domain/errors'

export interface Binaries {
  ffmpeg: string
  ffprobe: string
}

export type BinarySource = 'env' | 'packaged' | 'package' | 'path'

export interface ResolvedBinary {
  path: string
  source: BinarySource
}

export interface BinaryLookup {
  env: Readonly<Record<string, string | undefined>>
  /** The path an npm package reports (ffmpeg-static, @ffprobe-installer/ffprobe), or null if not installed. */
  packagePath: (tool: 'ffmpeg' | 'ffprobe') => string | null
  isExecutable: (path: string) => boolean
  platform: NodeJS.Platform
}

const ENV_NAME = { ffmpeg: 'FFMPEG_PATH', ffprobe: 'FFPROBE_PATH' } as const

/** Inside a packaged app the npm path points into app.asar; the binary itself is unpacked beside it. */
export function unpackedPath(path: string): string {
  return path.replace(`app.asar${sep}`, `app.asar.unpacked${sep}`)
}

/**
 * Where a tool is: an env override, then the packaged app's unpacked copy, then the npm package, then PATH.
 * Pure given its lookup; returns null when nothing usable is found.
 */
export function resolveBinary(tool: 'ffmpeg' | 'ffprobe', lookup: BinaryLookup): ResolvedBinary | null {
  const override = lookup.env[ENV_NAME[tool]]
  if (override) {
    // An explicit override that does not work is an error, not something to silently skip.
    return { path: override, source: 'env' }
  }
  const fromPackage = lookup.packagePath(tool)
  if (fromPackage) {
    const unpacked = unpackedPath(fromPackage)
    if (unpacked !== fromPackage && lookup.isExecutable(unpacked)) return { path: unpacked, source: 'packaged' }
    if (lookup.isExecutable(fromPackage)) return { path: fromPackage, source: 'package' }
  }
  const exe = lookup.platform === 'win32' ? `${tool}.exe` : tool
  for (const dir of (lookup.env.PATH ?? '').split(delimiter)) {
    if (!dir) continue
    const candidate = join(dir, exe)
    if (lookup.isExecutable(candidate)) return { path: candidate, source: 'path' }
  }
  return null
}

export function resolveBinaries(lookup: BinaryLookup = nodeLookup()): Binaries {
  const ffmpeg = resolveBinary('ffmpeg', lookup)
  const ffprobe = resolveBinary('ffprobe', lookup)
  const missing = [ffmpeg ? null : 'ffmpeg', ffprobe ? null : 'ffprobe'].filter((x) => x !== null)
  if (!ffmpeg || !ffprobe) {
    throw new AppError(
      'FFMPEG_MISSING',
      `MMAudio Studio cannot find ${missing.join(' or ')}. Reinstall the app, or set ${missing
        .map((t) => ENV_NAME[t as 'ffmpeg' | 'ffprobe'])
        .join(' / ')} to the binary's full path.`,
    )
  }
  return { ffmpeg: ffmpeg.path, ffprobe: ffprobe.path }
}

/** The real lookup: process.env, the npm packages through require, and the file system. */
export function nodeLookup(): BinaryLookup {
  const require = createRequire(import.meta.url)
  return {
    env: process.env,
    platform: process.platform,
    isExecutable: (path) => {
      try {
        accessSync(path, process.platform === 'win32' ? constants.F_OK : constants.X_OK)
        return true
      } catch {
        return false
      }
    },
    packagePath: (tool) => {
      try {
        if (tool === 'ffmpeg') {
          const p: unknown = require('ffmpeg-static')
          return typeof p === 'string' ? p : null
        }
        const mod = require('@ffprobe-installer/ffprobe') as { path?: unknown }
        return typeof mod.path === 'string' ? mod.path : null
      } catch {
        // Unsupported platform or package not installed: fall through to PATH.
        return null
      }
    },
  }
}
