// Which renderer frames may talk to main (VS Code's validated ipcMain): only our own top-level frame,
// showing our packaged renderer file or, in development, a page from the dev server's origin.

export interface TrustedRenderer {
  /** file:// URL of out/renderer/index.html in a built app. */
  fileUrl: string | null
  /** The dev server URL (ELECTRON_RENDERER_URL) when running `electron-vite dev`. */
  devServerUrl: string | null
}

/**
 * The path a file: URL names, compared the way the file system does: percent-decoded (Node's pathToFileURL and
 * Chromium escape different characters) and with a Windows drive letter in capitals (Node keeps `c:` as given,
 * Chromium writes `C:`). Null when the escapes are malformed.
 */
function filePathOf(url: URL): string | null {
  try {
    return decodeURIComponent(url.pathname).replace(/^\/([a-z]):/, (_m, drive: string) => `/${drive.toUpperCase()}:`)
  } catch {
    return null
  }
}

/** Pure: is a frame URL one of ours? Query and hash are ignored; everything else must match exactly. */
export function isTrustedRendererUrl(frameUrl: string, trusted: TrustedRenderer): boolean {
  let url: URL
  try {
    url = new URL(frameUrl)
  } catch {
    return false
  }
  if (trusted.fileUrl && url.protocol === 'file:') {
    const expected = new URL(trusted.fileUrl)
    const path = filePathOf(url)
    return url.host === expected.host && path !== null && path === filePathOf(expected)
  }
  if (trusted.devServerUrl && (url.protocol === 'http:' || url.protocol === 'https:')) {
    return url.origin === new URL(trusted.devServerUrl).origin
  }
  return false
}

/** The structural part of Electron's WebFrameMain the guard reads (so it can be tested without Electron). */
export interface SenderFrameLike {
  readonly url: string
  readonly parent: unknown
  readonly processId: number
  readonly routingId: number
}

/**
 * The sender must exist, be a top-level frame (no parent) that is the main frame of its page (same process
 * and routing id; WebFrameMain objects are compared by id, not identity), and show our renderer.
 */
export function isTrustedSender(
  frame: SenderFrameLike | null | undefined,
  mainFrame: Pick<SenderFrameLike, 'processId' | 'routingId'> | null | undefined,
  trusted: TrustedRenderer,
): boolean {
  if (!frame || !mainFrame) return false
  if (frame.parent !== null) return false
  if (frame.processId !== mainFrame.processId || frame.routingId !== mainFrame.routingId) return false
  return isTrustedRendererUrl(frame.url, trusted)
}
