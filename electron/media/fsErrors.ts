import { statfsSync } from 'node:fs'
import { basename, dirname } from 'node:path'
import { AppError, isAppError } from '../../shared/domain/errors'

/** A disk (or the person's quota on it) is full. */
export function isDiskFull(e: unknown): boolean {
  const code = (e as NodeJS.ErrnoException | undefined)?.code
  return code === 'ENOSPC' || code === 'EDQUOT'
}

/** "12 KB", "3.4 MB", "1.2 GB". PURE. */
export function formatBytes(bytes: number): string {
  if (bytes < 1000) return `${Math.max(0, Math.round(bytes))} bytes`
  const [value, unit] = bytes < 1e6 ? [bytes / 1e3, 'KB'] : bytes < 1e9 ? [bytes / 1e6, 'MB'] : [bytes / 1e9, 'GB']
  return `${value < 10 ? value.toFixed(1) : Math.round(value)} ${unit}`
}

/** Bytes free to this user on the disk holding `path` (its nearest existing folder), or null when unknown. */
export function freeBytesAt(path: string): number | null {
  for (let at = path; ; at = dirname(at)) {
    try {
      const s = statfsSync(at)
      return s.bavail * s.bsize
    } catch {
      if (dirname(at) === at) return null
    }
  }
}

/** DISK_FULL naming what could not be written, where, how much room is left and (when known) how much was needed. */
export function diskFullError(path: string, cause?: unknown, neededBytes?: number): AppError {
  const free = freeBytesAt(dirname(path))
  const room = [
    free === null ? null : `${formatBytes(free)} free there`,
    neededBytes === undefined ? null : `${formatBytes(neededBytes)} needed`,
  ]
    .filter(Boolean)
    .join(', ')
  return new AppError(
    'DISK_FULL',
    `The disk is full: "${basename(path)}" could not be written in ${dirname(path)}${room ? ` (${room})` : ''}. Free some space and try again.`,
    { cause },
  )
}

/** A Node file-system error → an AppError a person can act on; anything else is returned unchanged. */
export function explainFsError(e: unknown, path: string): unknown {
  if (isAppError(e)) return e
  if (isDiskFull(e)) return diskFullError(path, e)
  const name = basename(path)
  switch ((e as NodeJS.ErrnoException | undefined)?.code) {
    case 'ENOENT':
    case 'ENOTDIR':
      return new AppError(
        'FILE_NOT_FOUND',
        `"${name}" was not found at ${path}. It may have been moved, renamed or deleted.`,
        { cause: e },
      )
    case 'EEXIST':
      return new AppError(
        'BAD_INPUT',
        `A file is in the way: "${path}" cannot be made because a file has a name it needs. Choose another place.`,
        { cause: e },
      )
    case 'EISDIR':
      return new AppError('BAD_INPUT', `"${path}" is a folder: give a file name.`, { cause: e })
    case 'EACCES':
    case 'EPERM':
    case 'EROFS':
      return new AppError(
        'PERMISSION_DENIED',
        `MMAudio Studio is not allowed to use "${name}" (${path}). Check the permissions of the file and its folder.`,
        { cause: e },
      )
    default:
      return e
  }
}

/** Runs `f`, turning file-system errors about `path` into AppErrors. */
export async function explainingFsErrors<T>(path: string, f: () => Promise<T>): Promise<T> {
  try {
    return await f()
  } catch (e) {
    throw explainFsError(e, path)
  }
}

/** Any error that is not ours yet but is a full disk becomes DISK_FULL (naming the file Node names, if any). */
export function diskFullOrSame(e: unknown): unknown {
  if (isAppError(e) || !isDiskFull(e)) return e
  const path = (e as NodeJS.ErrnoException).path ?? (e as { dest?: string }).dest
  return typeof path === 'string'
    ? diskFullError(path, e)
    : new AppError('DISK_FULL', 'The disk is full. Free some space and try again.', { cause: e })
}
