import { randomBytes } from 'node:crypto'
import { mkdir, rename, rm, writeFile } from 'node:fs/promises'
import { basename, dirname, extname, join } from 'node:path'
import { diskFullError, explainingFsErrors, isDiskFull } from './fsErrors'
import { clearLeftover, noteLeftover } from './leftovers'

/** A hidden temp name beside `finalPath`, keeping its extension (ffmpeg picks formats by it). */
export function tempPathFor(finalPath: string): string {
  const ext = extname(finalPath)
  const stem = basename(finalPath, ext)
  return join(dirname(finalPath), `.${stem}.${process.pid}-${randomBytes(4).toString('hex')}.tmp${ext}`)
}

/**
 * Runs `produce` against a temp path and renames the result into place only when it succeeded, so a crash
 * or failure never leaves a half-written file under the final name.
 */
export async function writeAtomically<T>(finalPath: string, produce: (tempPath: string) => Promise<T>): Promise<T> {
  const temp = tempPathFor(finalPath)
  noteLeftover(temp)
  try {
    // Errors from our own file operations are about finalPath; produce's own errors pass through untouched.
    await explainingFsErrors(finalPath, () => mkdir(dirname(finalPath), { recursive: true }))
    // A full disk while producing is about the file being written; other errors of produce pass untouched.
    const result = await produce(temp).catch((e: unknown) => {
      throw isDiskFull(e) ? diskFullError(finalPath, e) : e
    })
    await explainingFsErrors(finalPath, () => rename(temp, finalPath))
    return result
  } finally {
    await rm(temp, { force: true })
    clearLeftover(temp)
  }
}

export function writeFileAtomically(finalPath: string, data: string | Uint8Array): Promise<void> {
  return writeAtomically(finalPath, (temp) => explainingFsErrors(finalPath, () => writeFile(temp, data)))
}

/**
 * writeAtomically for several files one producer makes together: each temp is checked by `accept` and renamed
 * into place only when accepted. A file that was not accepted is removed and its error returned in its place;
 * a failure of `produce` itself fails them all.
 */
export async function writeEachAtomically<T>(
  finalPaths: readonly string[],
  produce: (tempPaths: readonly string[]) => Promise<void>,
  accept: (tempPath: string, index: number) => Promise<T>,
): Promise<Array<T | Error>> {
  const temps = finalPaths.map(tempPathFor)
  temps.forEach(noteLeftover)
  try {
    for (const path of new Set(finalPaths.map((p) => dirname(p))))
      await explainingFsErrors(path, () => mkdir(path, { recursive: true }))
    await produce(temps).catch((e: unknown) => {
      throw isDiskFull(e) ? diskFullError(finalPaths[0]!, e) : e
    })
    return await Promise.all(
      finalPaths.map(async (finalPath, i) => {
        try {
          const result = await accept(temps[i]!, i)
          await explainingFsErrors(finalPath, () => rename(temps[i]!, finalPath))
          return result
        } catch (e) {
          return e instanceof Error ? e : new Error(String(e))
        }
      }),
    )
  } finally {
    for (const temp of temps) {
      await rm(temp, { force: true })
      clearLeftover(temp)
    }
  }
}
