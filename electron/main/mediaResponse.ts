// Answers one media:// request with a web Response: allow-list check, then the file (or the requested byte
// range of it). Plain Node (global Request/Response), so it is tested without Electron.
import { constants } from 'node:fs'
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
  if (request.method !== 'GET' && request.method !== 'HEAD') return plain(405, 'Method not allowed', { Allow: 'GET, HEAD' })
  const requested = requestedPathOf(request.url)
  const filePath = requested === null ? null : resolveAllowedMediaPath(requested, allowList, realpath)
  if (filePath === null) return plain(403, 'Forbidden')

  const opened = await openChecked(filePath, realpath)
  if (opened === null) return plain(404, 'Not found')
  const { handle, size } = opened

  const base = {
    'Accept-Ranges': 'bytes',
    'Content-Type': contentTypeFor(filePath),
    'Cache-Control': 'no-cache',
    // Readable from our own page whatever its origin; what may be read at all is the allow-list's decision.
    'Access-Control-Allow-Origin': '*',
  }
  const range = parseRange(request.headers.get('range'), size)
  if (range.kind === 'unsatisfiable') {
    await handle.close()
    return new Response(null, { status: 416, headers: { ...base, 'Content-Range': `bytes */${size}` } })
  }
  const [status, start, end] = range.kind === 'partial' ? [206, range.start, range.end] : [200, 0, size - 1]
  const headers: Record<string, string> = { ...base, 'Content-Length': String(size === 0 ? 0 : end - start + 1) }
  if (range.kind === 'partial') headers['Content-Range'] = `bytes ${start}-${end}/${size}`
  if (request.method === 'HEAD' || size === 0) {
    await handle.close()
    return new Response(null, { status, headers })
  }
  const body = Readable.toWeb(handle.createReadStream({ start, end, autoClose: true })) as ReadableStream<Uint8Array>
  return new Response(body, { status, headers })
}

/**
 * Opens the resolved file for reading without following a symlink in its last part and without blocking on a
 * pipe, and serves it only if it is a regular file that is still the one at that real path (a folder on the way
 * swapped for a link between the check and the open would move it). Null when it is not.
 */
async function openChecked(real: string, realpath: RealpathFn): Promise<{ handle: FileHandle; size: number } | null> {
  let handle: FileHandle
  try {
    handle = await open(real, constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0) | (constants.O_NONBLOCK ?? 0))
  } catch {
    return null
  }
  try {
    const [info, there] = await Promise.all([handle.stat(), stat(real)])
    if (info.isFile() && realpath(real) === real && there.ino === info.ino && there.dev === info.dev) {
      return { handle, size: info.size }
    }
  } catch {
    // Gone meanwhile: not found.
  }
  await handle.close()
  return null
}
