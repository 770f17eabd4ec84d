import { basename } from 'node:path'
import { AppError, isAppError } from '../../shared/domain/errors'

/** A Node file-system error → an AppError a person can act on; anything else is returned unchanged. */
export function explainFsError(e: unknown, path: string): unknown {
  if (isAppError(e)) return e
  const name = basename(path)
  switch ((e as NodeJS.ErrnoException | undefined)?.code) {
    case 'ENOENT':
    case 'ENOTDIR':
      return new AppError('FILE_NOT_FOUND', `"${name}" was not found at ${path}. It may have been moved, renamed or deleted.`, { cause: e })
    case 'EACCES':
    case 'EPERM':
    case 'EROFS':
      return new AppError('PERMISSION_DENIED', `MMAudio Studio is not allowed to use "${name}" (${path}). Check the permissions of the file and its folder.`, { cause: e })
    case 'ENOSPC':
    case 'EDQUOT':
      return new AppError('DISK_FULL', `The disk is full: "${name}" could not be written. Free some space and try again.`, { cause: e })
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
