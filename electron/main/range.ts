// HTTP Range for the media:// protocol (the <video> element seeks with Range requests). Pure.

export type RangeResult = { kind: 'full' } | { kind: 'partial'; start: number; end: number } | { kind: 'unsatisfiable' }

/**
 * Parses a Range header against a file of `size` bytes (RFC 9110 §14). Only single byte ranges are served;
 * a header we do not understand (other units, several ranges) is ignored and the whole file is sent, as the
 * RFC allows. `end` is inclusive.
 */
export function parseRange(header: string | null | undefined, size: number): RangeResult {
  if (!header) return { kind: 'full' }
  const match = /^\s*bytes\s*=\s*(\d*)\s*-\s*(\d*)\s*$/i.exec(header)
  if (!match) return { kind: 'full' }
  const [, startText = '', endText = ''] = match
  if (startText === '' && endText === '') return { kind: 'full' }
  if (startText === '') {
    // Suffix range: the last N bytes.
    const suffix = Number(endText)
    if (suffix === 0 || size === 0) return { kind: 'unsatisfiable' }
    return { kind: 'partial', start: Math.max(0, size - suffix), end: size - 1 }
  }
  const start = Number(startText)
  if (!Number.isSafeInteger(start) || start >= size) return { kind: 'unsatisfiable' }
  // An end past the file (however many digits it has) means "to the end" (RFC 9110 §14.1.2): clamp it.
  const requestedEnd = endText === '' ? size - 1 : Number(endText)
  if (requestedEnd < start) return { kind: 'unsatisfiable' }
  return { kind: 'partial', start, end: Math.min(requestedEnd, size - 1) }
}

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.mp4': 'video/mp4',
  '.m4v': 'video/mp4',
  '.mov': 'video/quicktime',
  '.webm': 'video/webm',
  '.mkv': 'video/x-matroska',
  '.avi': 'video/x-msvideo',
  '.wav': 'audio/wav',
  '.mp3': 'audio/mpeg',
  '.m4a': 'audio/mp4',
  '.aac': 'audio/aac',
  '.flac': 'audio/flac',
  '.ogg': 'audio/ogg',
  '.opus': 'audio/ogg',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.webp': 'image/webp',
  '.json': 'application/json',
}

/** Content-Type by file extension; unknown types are sent as opaque bytes. */
export function contentTypeFor(filePath: string): string {
  const dot = filePath.lastIndexOf('.')
  const slash = Math.max(filePath.lastIndexOf('/'), filePath.lastIndexOf('\\'))
  const ext = dot > slash ? filePath.slice(dot).toLowerCase() : ''
  return CONTENT_TYPES[ext] ?? 'application/octet-stream'
}
