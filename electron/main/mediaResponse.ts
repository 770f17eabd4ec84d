// Answers one media:// request with a web Response: allow-list check, then the file (or the requested byte
// range of it). Plain Node (global Request/Response), so it is tested without Electron.
import fs, { constants, createReadStream, type Stats } from 'node:fs'
import { open, stat, type FileHandle } from 'node:fs/promises'
import { Readable } from 'node:stream'
import { resolveAllowedMediaPath, type MediaAllowList, type RealpathFn } from '../media/allowList'
import { requestedPathOf } from './mediaUrl'
import { contentTypeFor, parseRange } from './range'

function plain(status: number, text: string, headers: Record<string, string> = {}): Response {
  return new Response(text, { status, headers: { 'Content-Type': 'text/plain; charset=utf-8', ...headers } })
}

export async function respondToMediaRequest(
  request: Request,
  allowList: Pick<MediaAllowList, 'files' | 'folders'>,
  realpath: RealpathFn,
): Promise<Response> {
  if (request.method !== 'GET' && request.method !== 'HEAD')
    return plain(405, 'Method not allowed', { Allow: 'GET, HEAD' })
  const requested = requestedPathOf(request.url)
  const filePath = requested === null ? null : resolveAllowedMediaPath(requested, allowList, realpath)
  if (filePath === null) return plain(403, 'Forbidden')

  const checked = await statChecked(filePath, realpath)
  if (checked === null) return plain(404, 'Not found')
  const { size } = checked

  const base = {
    'Accept-Ranges': 'bytes',
    'Content-Type': contentTypeFor(filePath),
    'Cache-Control': 'no-cache',
    // Readable from our own page whatever its origin; what may be read at all is the allow-list's decision.
    'Access-Control-Allow-Origin': '*',
  }
  const range = parseRange(request.headers.get('range'), size)
  if (range.kind === 'unsatisfiable') {
    return new Response(null, { status: 416, headers: { ...base, 'Content-Range': `bytes */${size}` } })
  }
  const [status, start, end] = range.kind === 'partial' ? [206, range.start, range.end] : [200, 0, size - 1]
  const headers: Record<string, string> = { ...base, 'Content-Length': String(size === 0 ? 0 : end - start + 1) }
  if (range.kind === 'partial') headers['Content-Range'] = `bytes ${start}-${end}/${size}`
  if (request.method === 'HEAD' || size === 0) return new Response(null, { status, headers })
  // Opened when first read (a response never read holds no file open), and only if it is still that file.
  const stream = createReadStream(filePath, { start, end, fs: sameFileOpener(checked) })
  return new Response(Readable.toWeb(stream) as ReadableStream<Uint8Array>, { status, headers })
}

/** Read only, no symlink in the last part, no waiting on a pipe. */
const OPEN_FLAGS = constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0) | (constants.O_NONBLOCK ?? 0)

/** fs functions for createReadStream: opens with OPEN_FLAGS, and fails unless it is the file checked (dev, inode). */
function sameFileOpener(checked: Pick<Stats, 'dev' | 'ino'>) {
  return {
    open(path: string, _flags: unknown, mode: number, cb: (err: NodeJS.ErrnoException | null, fd?: number) => void) {
      fs.open(path, OPEN_FLAGS, mode, (openErr, fd) => {
        if (openErr) return cb(openErr)
        fs.fstat(fd, (statErr, info) => {
          if (!statErr && info.ino === checked.ino && info.dev === checked.dev) return cb(null, fd)
          fs.close(fd, () =>
            cb(statErr ?? Object.assign(new Error('The file changed after it was checked.'), { code: 'ESTALE' })),
          )
        })
      })
    },
    read: fs.read,
    close: fs.close,
  }
}

/**
 * Opens the resolved file the way it will be read (no symlink in its last part, no waiting on a pipe) and
 * answers its size and identity only if it is a regular file still at that real path (a folder on the way
 * swapped for a link between the check and the open would move it). Null when it is not. The stream that
 * serves it later checks the identity again when it opens the file.
 */
async function statChecked(real: string, realpath: RealpathFn): Promise<Stats | null> {
  let handle: FileHandle
  try {
    handle = await open(real, OPEN_FLAGS)
  } catch {
    return null
  }
  try {
    const [info, there] = await Promise.all([handle.stat(), stat(real)])
    if (info.isFile() && realpath(real) === real && there.ino === info.ino && there.dev === info.dev) return info
  } catch {
    // Gone meanwhile: not found.
  } finally {
    await handle.close()
  }
  return null
}
