// The set of local files the media:// protocol may serve: files the app imported or generated (exact paths)
// and folders it owns (the thumbnail/waveform cache). Each entry remembers where it really pointed when it was
// allowed (symlinks resolved), and a request is served only while it still resolves there: swapping an allowed
// file or folder for a symlink to somewhere else is caught when serving. Plain Node; pure given `realpath`.
import { realpathSync } from 'node:fs'
import path from 'node:path'

/** Resolves symlinks; null when the path does not exist. */
export type RealpathFn = (p: string) => string | null

export const nodeRealpath: RealpathFn = (p) => {
  try {
    return realpathSync.native(p)
  } catch {
    return null
  }
}

/** An allowed path's comparison key → its real path's key when it was allowed (null: it did not exist then). */
export type AllowedEntries = ReadonlyMap<string, string | null>

export interface MediaAllowList {
  /** Allow one exact file (an imported clip, a generated take), as it resolves now. */
  allowFile(absPath: string): void
  /** Allow everything inside a folder the app owns (cache folders), as it resolves now. */
  allowFolder(absPath: string): void
  readonly files: AllowedEntries
  readonly folders: AllowedEntries
}

export interface AllowListOptions {
  platform?: NodeJS.Platform
  /** How an entry is resolved when it is allowed (the real file system by default). */
  realpath?: RealpathFn
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
  const realpath = options.realpath ?? nodeRealpath
  const api = pathApiFor(platform)
  const files = new Map<string, string | null>()
  const folders = new Map<string, string | null>()
  const add = (entries: Map<string, string | null>, p: string): void => {
    if (!api.isAbsolute(p) || p.includes('\0')) throw new Error('Only absolute paths can be allowed for media.')
    const real = realpath(p)
    entries.set(keyOf(p, platform), real === null ? null : keyOf(real, platform))
  }
  return {
    platform,
    files,
    folders,
    allowFile: (absPath) => add(files, absPath),
    allowFolder: (absPath) => add(folders, absPath),
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

/** Is `child` somewhere below `folder` (both as written, no file-system access)? PURE. */
export function isInsideFolder(child: string, folder: string, platform: NodeJS.Platform = process.platform): boolean {
  return isInside(keyOf(child, platform), keyOf(folder, platform), pathApiFor(platform))
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
    folders: [...allowed.folders.keys()].filter((folder) => isInside(key, folder, api)),
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
  // Symlinks: the path must still resolve to where the allowed file, or inside where the allowed folder,
  // resolved when it was allowed (an entry that did not exist then is resolved now).
  const real = realpath(decoded)
  if (real === null) return null
  const api = pathApiFor(platform)
  const realKey = keyOf(real, platform)
  const pinned = (entries: AllowedEntries, key: string): string | null => {
    const atAllow = entries.get(key)
    if (atAllow) return atAllow
    const now = realpath(key)
    return now === null ? null : keyOf(now, platform)
  }
  const sameFile = entries.files.some((f) => pinned(allowList.files, f) === realKey)
  const inFolder = entries.folders.some((folder) => {
    const target = pinned(allowList.folders, folder)
    return target !== null && isInside(realKey, target, api)
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
