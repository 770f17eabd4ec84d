// media:// URLs for local files. Main builds them (the renderer never does) and the protocol handler reads
// the path back out. Pure.

export const MEDIA_SCHEME = 'media'
const MEDIA_HOST = 'local'

/** media://local/<absolute path, each segment percent-encoded>. Windows drives become /C:/… */
export function mediaUrl(absPath: string): string {
  const forward = absPath.replace(/\\/g, '/')
  const withRoot = forward.startsWith('/') ? forward : `/${forward}`
  const encoded = withRoot
    .split('/')
    .map((segment, i) => (i === 1 && /^[A-Za-z]:$/.test(segment) ? segment : encodeURIComponent(segment)))
    .join('/')
  return `${MEDIA_SCHEME}://${MEDIA_HOST}${encoded}`
}

/**
 * The still-encoded path part of a media:// URL (decoding and checking is the allow-list's job), or null
 * when the URL is not one of ours.
 */
export function requestedPathOf(url: string): string | null {
  let parsed: URL
  try {
    parsed = new URL(url)
  } catch {
    return null
  }
  if (parsed.protocol !== `${MEDIA_SCHEME}:` || parsed.host !== MEDIA_HOST) return null
  return parsed.pathname
}
