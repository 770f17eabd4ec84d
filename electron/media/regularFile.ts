// Files a person names are read only when they are ordinary files: a folder, a pipe (FIFO) or a device such as
// /dev/zero gets a sentence before a byte is read, and nothing waits on a pipe that never answers (opening one
// would hold one of libuv's few threads for good). Plain Node.
import { constants, type Stats } from 'node:fs'
import { open, stat, type FileHandle } from 'node:fs/promises'
import { basename } from 'node:path'
import { AppError } from '../../shared/domain/errors'
import { explainFsError } from './fsErrors'

/** What the file should have been, for the sentence: "a project file", "a video file". */
export type FileRole = string

function kindOf(info: Stats): string | null {
  if (info.isFile()) return null
  if (info.isDirectory()) return 'a folder'
  if (info.isFIFO()) return 'a pipe'
  if (info.isSocket()) return 'a socket'
  if (info.isCharacterDevice() || info.isBlockDevice()) return 'a device'
  return 'not an ordinary file'
}

/** Throws a sentence unless `info` is a regular file. */
export function requireRegular(info: Stats, path: string, role: FileRole): void {
  const kind = kindOf(info)
  if (kind === null) return
  const name = basename(path) || path
  throw new AppError(
    'BAD_INPUT',
    kind === 'a folder'
      ? `"${name}" is a folder, not ${role}. Choose the file itself.`
      : `"${name}" is ${kind}, not ${role} on disk, so MMAudio Studio does not read it. Choose an ordinary file.`,
  )
}

/** stat + requireRegular, with file-system errors turned into sentences. */
export async function statRegular(path: string, role: FileRole): Promise<Stats> {
  let info: Stats
  try {
    info = await stat(path)
  } catch (error) {
    throw explainFsError(error, path)
  }
  requireRegular(info, path, role)
  return info
}

/**
 * Opens a file for reading only if it is a regular file: the open itself does not block on a pipe
 * (O_NONBLOCK), and the check is made on what was opened, so a swap after a stat cannot slip a pipe in.
 */
export async function openRegular(path: string, role: FileRole): Promise<{ handle: FileHandle; size: number }> {
  let handle: FileHandle
  try {
    handle = await open(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0))
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EISDIR') requireRegular(await stat(path), path, role)
    throw explainFsError(error, path)
  }
  try {
    const info = await handle.stat()
    requireRegular(info, path, role)
    return { handle, size: info.size }
  } catch (error) {
    await handle.close()
    throw error
  }
}

/** The text of a regular file of at most `maxBytes`; larger ones get `tooLarge(sizeBytes)` as their sentence. */
export async function readRegularText(
  path: string,
  role: FileRole,
  maxBytes: number,
  tooLarge: (sizeBytes: number) => string,
): Promise<string> {
  const { handle, size } = await openRegular(path, role)
  try {
    if (size > maxBytes) throw new AppError('BAD_INPUT', tooLarge(size))
    // Read one byte past the cap, in case the file grew since it was opened.
    const buffer = Buffer.alloc(Math.min(size, maxBytes) + 1)
    let filled = 0
    for (;;) {
      const { bytesRead } = await handle.read(buffer, filled, buffer.length - filled, filled)
      if (bytesRead === 0) break
      filled += bytesRead
      if (filled === buffer.length) break
    }
    if (filled > maxBytes) throw new AppError('BAD_INPUT', tooLarge(filled))
    return buffer.subarray(0, filled).toString('utf8')
  } catch (error) {
    throw explainFsError(error, path)
  } finally {
    await handle.close()
  }
}
