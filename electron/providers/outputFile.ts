// Naming and typing a provider's output file: providers often label files application/octet-stream, and the
// extension in the URL or file name says more.
import { extname } from 'node:path'

const MIME_BY_EXT: Readonly<Record<string, string>> = {
  '.mp4': 'video/mp4',
  '.mov': 'video/quicktime',
  '.webm': 'video/webm',
  '.flac': 'audio/flac',
  '.wav': 'audio/wav',
  '.mp3': 'audio/mpeg',
  '.m4a': 'audio/mp4',
  '.ogg': 'audio/ogg',
}

/** The first known media extension among URLs and file names (lower case, with the dot), else ''. */
export function mediaExtension(...urlsOrNames: ReadonlyArray<string | null | undefined>): string {
  for (const s of urlsOrNames) {
    if (!s) continue
    let path = s
    try {
      path = new URL(s).pathname
    } catch {
      /* a plain file name */
    }
    const ext = extname(path).toLowerCase()
    if (ext in MIME_BY_EXT) return ext
  }
  return ''
}

/** The served type unless it is missing or generic; then the one the extension implies (else `fallback`). */
export function outputMime(servedMime: string, ext: string, fallback = 'application/octet-stream'): string {
  if (servedMime && servedMime !== 'application/octet-stream' && servedMime !== 'binary/octet-stream') return servedMime
  return MIME_BY_EXT[ext] ?? fallback
}

/** A file name safe on every OS for a provider's request id. */
export function outputFileName(providerId: string, requestId: string, ext: string): string {
  return `${providerId}-${requestId.replace(/[^\w-]/g, '_')}${ext}`
}

/** The type a local media file's extension implies (for uploads), else `fallback`. */
export function mimeOfPath(path: string, fallback = 'video/mp4'): string {
  return MIME_BY_EXT[extname(path).toLowerCase()] ?? fallback
}
