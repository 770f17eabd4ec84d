// The renderer's Content-Security-Policy as data: read from renderer/index.html, changed for the dev server and
// the E2E harness, and asked whether a URL may be loaded. Pure. Matching covers the source kinds our policy
// uses ('none', 'self', schemes, origins, hashes); anything else is refused loudly instead of guessed.

export type CspDirective =
  | 'default-src'
  | 'script-src'
  | 'style-src'
  | 'img-src'
  | 'media-src'
  | 'connect-src'
  | 'font-src'
  | 'object-src'
  | 'base-uri'
  | 'form-action'

/** Directive name → its sources, in the order written. */
export type Csp = ReadonlyMap<string, readonly string[]>

const META_CSP = /<meta\s+http-equiv="Content-Security-Policy"\s+content="([^"]*)"\s*\/?>/i

export function parseCsp(policy: string): Csp {
  const map = new Map<string, string[]>()
  for (const part of policy.split(';')) {
    const [name, ...sources] = part.trim().split(/\s+/)
    if (name && !map.has(name.toLowerCase())) map.set(name.toLowerCase(), sources)
  }
  return map
}

export function serializeCsp(csp: Csp): string {
  return [...csp].map(([name, sources]) => [name, ...sources].join(' ')).join('; ')
}

/** The policy of an HTML page's CSP <meta>, or null when it has none. */
export function cspOfHtml(html: string): string | null {
  return META_CSP.exec(html)?.[1] ?? null
}

/** The page with its CSP <meta> content replaced. */
export function withHtmlCsp(html: string, policy: string): string {
  if (!META_CSP.test(html)) throw new Error('The page has no Content-Security-Policy <meta> to replace.')
  return html.replace(META_CSP, (tag, old: string) => tag.replace(old, policy))
}

/** Every `from` source (e.g. the scheme `media:`) replaced by `to` (e.g. the harness's media origin). */
export function replaceSource(csp: Csp, from: string, to: string): Csp {
  return new Map([...csp].map(([name, sources]) => [name, sources.map((s) => (s === from ? to : s))]))
}

/** `extra` sources added to one directive (created from default-src when absent). */
export function addSources(csp: Csp, directive: CspDirective, extra: readonly string[]): Csp {
  const next = new Map(csp)
  const base = csp.get(directive) ?? csp.get('default-src') ?? []
  next.set(directive, [...base.filter((s) => s !== "'none'"), ...extra.filter((s) => !base.includes(s))])
  return next
}

/** The sources that govern a kind of load: its own directive, else default-src (fetch directives only). */
export function sourcesFor(csp: Csp, directive: CspDirective): readonly string[] {
  const own = csp.get(directive)
  if (own) return own
  const fallsBack = directive.endsWith('-src')
  return fallsBack ? (csp.get('default-src') ?? []) : []
}

const SCHEME_SOURCE = /^[a-z][a-z0-9+.-]*:$/i
const HOST_SOURCE = /^([a-z][a-z0-9+.-]*):\/\/([^/:]+)(?::(\d+|\*))?\/?$/i

function defaultPort(scheme: string): string {
  return { 'http:': '80', 'https:': '443', 'ws:': '80', 'wss:': '443' }[scheme] ?? ''
}

/**
 * CSP3 'self': the page's own origin, or the same host and port reached over https/wss (or ws from an http
 * page). A file: page (the packaged app) matches file: URLs, as Chromium does.
 */
function matchesSelf(url: URL, page: URL): boolean {
  if (page.protocol === 'file:') return url.protocol === 'file:'
  if (url.origin === page.origin) return true
  if (url.hostname !== page.hostname || url.port !== page.port) return false
  return url.protocol === 'https:' || url.protocol === 'wss:' || (page.protocol === 'http:' && url.protocol === 'ws:')
}

function matchesSource(source: string, url: URL, page: URL): boolean {
  if (source === "'self'") return matchesSelf(url, page)
  if (source === "'none'" || source === "'unsafe-inline'" || /^'(sha256|sha384|sha512|nonce)-/.test(source))
    return false
  if (source.startsWith("'")) throw new Error(`CSP source ${source} is not understood by this checker.`)
  if (SCHEME_SOURCE.test(source)) return url.protocol === source.toLowerCase()
  const host = HOST_SOURCE.exec(source)
  if (!host) throw new Error(`CSP source ${source} is not understood by this checker.`)
  const [, scheme, hostname, port] = host
  if (url.protocol !== `${scheme!.toLowerCase()}:` || url.hostname !== hostname!.toLowerCase()) return false
  return port === '*' || (url.port || defaultPort(url.protocol)) === (port ?? defaultPort(url.protocol))
}

/** Whether a page at `pageUrl` under `csp` may load `url` as `directive` (img, media, fetch, …). */
export function cspAllows(csp: Csp, directive: CspDirective, url: string, pageUrl: string): boolean {
  const target = new URL(url)
  const page = new URL(pageUrl)
  return sourcesFor(csp, directive).some((s) => matchesSource(s, target, page))
}

/** Whether an inline <script> with this sha256 (base64) may run: 'unsafe-inline' without hashes, or its hash. */
export function cspAllowsInlineScript(csp: Csp, sha256Base64: string): boolean {
  const sources = sourcesFor(csp, 'script-src')
  const hashes = sources.filter((s) => /^'(sha256|sha384|sha512|nonce)-/.test(s))
  if (hashes.length > 0) return hashes.includes(`'sha256-${sha256Base64}'`)
  return sources.includes("'unsafe-inline'")
}
