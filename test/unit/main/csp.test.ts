// The production CSP (renderer/index.html) as the packaged app meets it: a file:// page whose media come from
// media://. Every kind of load the renderer makes from media:// must be allowed (takes are fetch()ed for Web
// Audio: connect-src), nothing else widened. The checker itself is tested on what it must refuse.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it, vi } from 'vitest'
import {
  addSources,
  cspAllows,
  cspAllowsInlineScript,
  cspOfHtml,
  parseCsp,
  replaceSource,
  serializeCsp,
} from '../../../scripts/csp'

const registered = vi.hoisted(() => [] as unknown[])
vi.mock('electron', () => ({
  protocol: { registerSchemesAsPrivileged: (schemes: unknown[]) => registered.push(...schemes) },
}))
const { registerMediaScheme } = await import('../../../electron/main/protocol')

const html = readFileSync(join(import.meta.dirname, '../../../renderer/index.html'), 'utf8')
const csp = parseCsp(cspOfHtml(html)!)
const APP_PAGE = 'file:///opt/MMAudio%20Studio/resources/app.asar/out/renderer/index.html'
const TAKE = 'media://local/home/ana/.config/MMAudio%20Studio/generation/takes/ab12.wav'

describe('the production CSP in the packaged app', () => {
  it('lets the page fetch a take from media:// (playback decodes takes with Web Audio)', () => {
    expect(cspAllows(csp, 'connect-src', TAKE, APP_PAGE)).toBe(true)
  })

  it('lets <video>/<audio> and thumbnails load from media://', () => {
    expect(cspAllows(csp, 'media-src', 'media://local/films/a%20b.mp4', APP_PAGE)).toBe(true)
    expect(cspAllows(csp, 'img-src', 'media://local/cache/thumbs/ab12.jpg', APP_PAGE)).toBe(true)
  })

  it('allows nothing from the network, no inline or eval script, no plugins', () => {
    for (const directive of ['connect-src', 'img-src', 'media-src', 'script-src', 'font-src'] as const) {
      expect(cspAllows(csp, directive, 'https://example.com/x', APP_PAGE), directive).toBe(false)
    }
    expect(csp.get('script-src')).toEqual(["'self'"])
    expect(cspAllowsInlineScript(csp, 'x')).toBe(false)
    expect(csp.get('default-src')).toEqual(["'none'"])
    expect(csp.get('object-src')).toEqual(["'none'"])
    expect(cspAllows(csp, 'script-src', 'media://local/evil.js', APP_PAGE)).toBe(false)
  })

  it('registers media:// with the privileges playback needs, and leaves it under the CSP (no bypassCSP)', () => {
    registerMediaScheme()
    expect(registered).toEqual([
      {
        scheme: 'media',
        privileges: { standard: true, secure: true, stream: true, supportFetchAPI: true, corsEnabled: true },
      },
    ])
  })
})

describe('the CSP checker', () => {
  const page = 'http://127.0.0.1:4000/'
  it("matches 'self' by origin (and ws: to the same host and port), schemes, and exact origins", () => {
    const p = parseCsp("default-src 'none'; connect-src 'self' http://127.0.0.1:5000; img-src data:")
    expect(cspAllows(p, 'connect-src', 'http://127.0.0.1:4000/x', page)).toBe(true)
    expect(cspAllows(p, 'connect-src', 'ws://127.0.0.1:4000/__ipc', page)).toBe(true)
    expect(cspAllows(p, 'connect-src', 'ws://127.0.0.1:4001/', page)).toBe(false)
    expect(cspAllows(p, 'connect-src', 'http://127.0.0.1:5000/a.wav', page)).toBe(true)
    expect(cspAllows(p, 'connect-src', 'http://127.0.0.1:5001/a.wav', page)).toBe(false)
    expect(cspAllows(p, 'connect-src', 'http://localhost:5000/a.wav', page)).toBe(false)
    expect(cspAllows(p, 'img-src', 'data:image/png;base64,AA', page)).toBe(true)
    expect(cspAllows(p, 'media-src', 'http://127.0.0.1:4000/x', page)).toBe(false) // default-src 'none'
  })

  it('refuses a source kind it does not understand instead of guessing', () => {
    expect(() => cspAllows(parseCsp("img-src 'strict-dynamic'"), 'img-src', 'http://a/', page)).toThrow(
      /not understood/,
    )
  })

  it('swaps one source, adds sources, and writes the policy back unchanged otherwise', () => {
    const swapped = replaceSource(csp, 'media:', 'http://127.0.0.1:5000')
    expect(serializeCsp(swapped)).toBe(cspOfHtml(html)!.replaceAll(' media:', ' http://127.0.0.1:5000'))
    const hashed = addSources(csp, 'script-src', ["'sha256-abc'"])
    expect(hashed.get('script-src')).toEqual(["'self'", "'sha256-abc'"])
    expect(cspAllowsInlineScript(hashed, 'abc')).toBe(true)
    expect(cspAllowsInlineScript(hashed, 'abd')).toBe(false)
  })
})
