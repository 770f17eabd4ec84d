// `npm run dev` only: the dev server inlines a script (@vitejs/plugin-react's Fast Refresh preamble) that the
// production CSP's `script-src 'self'` refuses. Vite happens to put it (and its client) above our CSP <meta>,
// where no policy governs it yet; the dev page then runs partly unpoliced, and any change of that order leaves a
// blank window. So the CSP <meta> goes first in <head>, as in the built page, and the sha256 of each inline
// script the dev page really carries is added to script-src, nothing else. Builds never run it (apply: 'serve').
import { createHash } from 'node:crypto'
import type { Plugin } from 'vite'
import { addSources, cspOfHtml, parseCsp, serializeCsp, withHtmlCsp } from './csp'

const INLINE_SCRIPT = /<script\b(?![^>]*\bsrc\s*=)[^>]*>([\s\S]*?)<\/script>/gi
const CSP_META = /\s*<meta\s+http-equiv="Content-Security-Policy"[^>]*>/i

/** The base64 sha256 of every inline <script> (one without src), as CSP hash sources name them. */
export function inlineScriptHashes(html: string): string[] {
  return [...html.matchAll(INLINE_SCRIPT)].map((m) => createHash('sha256').update(m[1]!, 'utf8').digest('base64'))
}

/** The page with its CSP <meta> first in <head> and its inline scripts' hashes added to script-src. */
export function allowInlineScriptsByHash(html: string): string {
  const policy = cspOfHtml(html)
  if (!policy) return html
  const hashes = inlineScriptHashes(html).map((h) => `'sha256-${h}'`)
  const hashed = withHtmlCsp(html, serializeCsp(addSources(parseCsp(policy), 'script-src', hashes)))
  const meta = CSP_META.exec(hashed)![0].trim()
  return hashed.replace(CSP_META, '').replace(/<head>/i, (head) => `${head}\n    ${meta}`)
}

export function devCsp(): Plugin {
  return {
    name: 'mmaudio:dev-csp',
    apply: 'serve',
    // 'post': after every plugin (and Vite itself) has added its tags.
    transformIndexHtml: { order: 'post', handler: allowInlineScriptsByHash },
  }
}
