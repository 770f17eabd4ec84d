// Which renderer frames may talk to main (VS Code's validated ipcMain): only our own top-level frame,
// showing our packaged renderer file or, in development, a page from the dev server's origin.

export interface TrustedRenderer {
  /** file:// URL of out/renderer/index.html in a built app. */
  fileUrl: string | null
  /** The dev server URL (ELECTRON_RENDERER_URL) when running `electron-vite dev`. */
  devServerUrl: string | null
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
    return url.origin === expected.origin && url.pathname === expected.pathname && url.host === expected.host
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
}

/** The sender must exist, be a top-level frame (no parent, the page's main frame) and show our renderer. */
export function isTrustedSender(
  frame: SenderFrameLike | null | undefined,
  mainFrame: unknown,
  trusted: TrustedRenderer,
): boolean {
  if (!frame) return false
  if (frame.parent !== null) return false
  if (mainFrame !== undefined && frame !== mainFrame) return false
  return isTrustedRendererUrl(frame.url, trusted)
}
