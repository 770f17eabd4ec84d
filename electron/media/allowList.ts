// The set of local files the media:// protocol may serve: files the app imported or generated (exact paths)
// and folders it owns (the thumbnail/waveform cache). Plain Node; the path check is pure given `realpath`.
import { realpathSync } from 'node:fs'
import path from 'node:path'

export interface MediaAllowList {
  /** Allow one exact file (an imported clip, a generated take). */
  allowFile(absPath: string): void
  /** Allow everything inside a folder the app owns (cache folders). */
  allowFolder(absPath: string): void
  readonly files: ReadonlySet<string>
  readonly folders: ReadonlySet<string>
}

export interface AllowListOptions {
  platform?: NodeJS.Platform
}

type PathApi = typeof path.posix

function pathApiFor(platform: NodeJS.Platform): PathApi {
  return platform === 'win32' ? path.win32 : path.posix
}

/** A comparison key: normalised, and lower-cased where the file system ignores case (Windows). */
function keyOf(p: string, platform: NodeJS.Platform): string {
  const normal = pathApiFor(platform).normalize(p)
  return platform === 'win32' ? normal.toLowerCase() : normal
}

export function createAllowList(options: AllowListOptions = {}): MediaAllowList & { platform: NodeJS.Platform } {
  const platform = options.platform ?? process.platform
  const api = pathApiFor(platform)
  const files = new Set<string>()
  const folders = new Set<string>()
  const requireAbsolute = (p: string): void => {
    if (!api.isAbsolute(p) || p.includes('\0')) throw new Error('Only absolute paths can be allowed for media.')
  }
  return {
    platform,
    files,
    folders,
    allowFile(absPath) {
      requireAbsolute(absPath)
      files.add(keyOf(absPath, platform))
    },
    allowFolder(absPath) {
      requireAbsolute(absPath)
      folders.add(keyOf(absPath, platform))
    },
  }
}

// Escapes that must never survive one round of decoding: a second decode would turn them into ".", "/",
// "\", NUL or another escape. Their presence after the first decode means double encoding: refuse.
const SURVIVING_ESCAPE = /%(2e|2f|5c|00|25)/i

/**
 * Decodes a requested media path exactly once and checks its shape. Returns the absolute path, or null if
 * the request is malformed: not absolute, a NUL byte, a "." or ".." segment (plain or encoded), or double
 * encoding. Pure.
 */
export function decodeRequestedPath(requested: string, platform: NodeJS.Platform = process.platform): string | null {
  let decoded: string
  try {
    decoded = decodeURIComponent(requested)
  } catch {
    return null
  }
  if (SURVIVING_ESCAPE.test(decoded)) return null
  // A URL pathname for a Windows drive looks like "/C:/dir/file.mp4".
  if (platform === 'win32' && /^\/[A-Za-z]:[\\/]/.test(decoded)) decoded = decoded.slice(1)
  return checkAbsolutePath(decoded, platform)
}

/** Pure shape check of a plain path: absolute, no NUL byte, no "." or ".." segment. Returns it or null. */
export function checkAbsolutePath(p: string, platform: NodeJS.Platform = process.platform): string | null {
  if (p.includes('\0')) return null
  if (!pathApiFor(platform).isAbsolute(p)) return null
  if (platform === 'win32' && !/^[A-Za-z]:[\\/]/.test(p)) return null // no UNC or drive-relative paths
  if (p.split(/[\\/]/).some((segment) => segment === '..' || segment === '.')) return null
  return p
}

function isInside(child: string, folder: string, api: PathApi): boolean {
  const rel = api.relative(folder, child)
  return rel !== '' && rel !== '..' && !rel.startsWith(`..${api.sep}`) && !api.isAbsolute(rel)
}

/** The allow-list entries a path falls under as written: its exact file entry and any folder holding it. */
function matchingEntries(
  p: string,
  allowed: Pick<MediaAllowList, 'files' | 'folders'>,
  platform: NodeJS.Platform,
): { files: string[]; folders: string[] } {
  const api = pathApiFor(platform)
  const key = keyOf(p, platform)
  return {
    files: allowed.files.has(key) ? [key] : [],
    folders: [...allowed.folders].filter((folder) => isInside(key, folder, api)),
  }
}

/** Is a well-formed absolute path on the list as written (no file-system access)? */
export function isListedPath(
  absPath: string,
  allowList: Pick<MediaAllowList, 'files' | 'folders'>,
  platform: NodeJS.Platform = process.platform,
): boolean {
  if (checkAbsolutePath(absPath, platform) === null) return false
  const entries = matchingEntries(absPath, allowList, platform)
  return entries.files.length > 0 || entries.folders.length > 0
}

/** Resolves symlinks; null when the path does not exist. */
export type RealpathFn = (p: string) => string | null

export const nodeRealpath: RealpathFn = (p) => {
  try {
    return realpathSync.native(p)
  } catch {
    return null
  }
}

/**
 * May `requestedPath` (a URL path, percent-encoded once) be served? It must be well formed, be on the allow
 * list as written, and, after resolving symlinks, still point at an allowed file or inside an allowed folder
 * (both sides compared as realpaths). Returns the absolute path to serve, or null.
 */
export function resolveAllowedMediaPath(
  requestedPath: string,
  allowList: Pick<MediaAllowList, 'files' | 'folders'>,
  realpath: RealpathFn,
  platform: NodeJS.Platform = process.platform,
): string | null {
  const decoded = decodeRequestedPath(requestedPath, platform)
  return decoded === null ? null : resolveAllowedPath(decoded, allowList, realpath, platform)
}

/** Like resolveAllowedMediaPath for a plain (not URL-encoded) absolute path, e.g. one the renderer sent. */
export function resolveAllowedPath(
  absPath: string,
  allowList: Pick<MediaAllowList, 'files' | 'folders'>,
  realpath: RealpathFn,
  platform: NodeJS.Platform = process.platform,
): string | null {
  const decoded = checkAbsolutePath(absPath, platform)
  if (decoded === null) return null
  const entries = matchingEntries(decoded, allowList, platform)
  if (entries.files.length === 0 && entries.folders.length === 0) return null
  // Symlinks: the resolved target must still be the allowed file, or inside the (resolved) allowed folder.
  const real = realpath(decoded)
  if (real === null) return null
  const api = pathApiFor(platform)
  const realKey = keyOf(real, platform)
  const sameFile = entries.files.some((f) => {
    const target = realpath(f)
    return target !== null && keyOf(target, platform) === realKey
  })
  const inFolder = entries.folders.some((folder) => {
    const target = realpath(folder)
    return target !== null && isInside(realKey, keyOf(target, platform), api)
  })
  return sameFile || inFolder ? real : null
}

/** Boolean form of resolveAllowedMediaPath. */
export function isAllowedMediaPath(
  requestedPath: string,
  allowList: Pick<MediaAllowList, 'files' | 'folders'>,
  realpath: RealpathFn,
  platform: NodeJS.Platform = process.platform,
): boolean {
  return resolveAllowedMediaPath(requestedPath, allowList, realpath, platform) !== null
}
