// Checks of where a result will be written, made before any work (and before anything is paid for): a file
// there may be replaced, never a folder, pipe or device; its folder must be one this user may write in, or be
// creatable inside one.
import { constants } from 'node:fs'
import { access, stat } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import { AppError } from '../../shared/domain/errors'
import { explainingFsErrors } from './fsErrors'

/** A result may replace a file, never a folder, a pipe or a device of that name. */
export async function assertReplaceable(destination: string, field = 'destinationPath'): Promise<void> {
  const info = await stat(destination).catch(() => null)
  if (info && !info.isFile()) {
    throw new AppError(
      'BAD_INPUT',
      `"${destination}" is ${info.isDirectory() ? 'a folder' : 'not an ordinary file'}: give a file name, such as ${join(destination, 'export.mp4')}.`,
      { field },
    )
  }
}

/** An existing folder this user may write in. */
export async function assertWritableFolder(folder: string, field = 'destinationPath'): Promise<void> {
  const info = await explainingFsErrors(folder, () => stat(folder))
  if (!info.isDirectory()) throw new AppError('BAD_INPUT', `"${folder}" is not a folder.`, { field })
  await explainingFsErrors(folder, () => access(folder, constants.W_OK))
}

/**
 * A folder that is there and writable, or can be made: its nearest existing ancestor is a writable folder (a
 * file where a folder of the path should be is refused by name).
 */
export async function assertFolderCanBeMade(folder: string, field = 'destinationPath'): Promise<void> {
  for (let at = folder; ; at = dirname(at)) {
    const info = await stat(at).catch(() => null)
    if (info) {
      if (!info.isDirectory())
        throw new AppError(
          'BAD_INPUT',
          at === folder
            ? `"${folder}" is a file, not a folder: choose another place.`
            : `"${at}" is a file, so the folder "${folder}" cannot be made inside it.`,
          { field },
        )
      return assertWritableFolder(at, field)
    }
    if (dirname(at) === at) return
  }
}

/** A file that can be written: replaceable where it is, in a folder that is writable or can be made. */
export async function assertFileCanBeWritten(path: string, field = 'destinationPath'): Promise<void> {
  await assertReplaceable(path, field)
  await assertFolderCanBeMade(dirname(path), field)
}
