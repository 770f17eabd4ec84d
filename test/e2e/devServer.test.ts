// `npm run dev` serves the renderer from Vite's dev server, which inlines @vitejs/plugin-react's Fast Refresh
// preamble into the page. Under the production CSP that script is refused and the window stays blank. This
// starts the dev server from the project's own electron.vite.config.ts renderer section, checks that the CSP
// comes before every script (as in the built page) and allows each inline one by its hash, nothing else
// loosened, and loads it in Chromium: the preamble runs, the editor renders, and nothing is reported.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Browser } from 'playwright-core'
import { createServer, type InlineConfig, type ViteDevServer } from 'vite'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import config from '../../electron.vite.config'
import { cspAllowsInlineScript, cspOfHtml, parseCsp } from '../../scripts/csp'
import { inlineScriptHashes } from '../../scripts/devCsp'
import { launchBrowser } from './harness/browser'

let server: ViteDevServer
let url: string
let browser: Browser

beforeAll(async () => {
  const renderer = (config as { renderer: InlineConfig }).renderer
  server = await createServer({
    configFile: false,
    ...(renderer.root === undefined ? {} : { root: renderer.root }),
    ...(renderer.plugins === undefined ? {} : { plugins: renderer.plugins }),
    logLevel: 'silent',
    server: { host: '127.0.0.1', port: 0, strictPort: false },
  })
  await server.listen()
  url = server.resolvedUrls!.local[0]!
  browser = await launchBrowser()
})

afterAll(async () => {
  await browser?.close()
  await server?.close()
})

describe('the dev server page', () => {
  it('allows each of its inline scripts by hash, and differs from the production CSP only there', async () => {
    const html = await (await fetch(url)).text()
    const served = parseCsp(cspOfHtml(html)!)
    const production = parseCsp(
      cspOfHtml(readFileSync(join(import.meta.dirname, '../../renderer/index.html'), 'utf8'))!,
    )
    const hashes = inlineScriptHashes(html)
    expect(hashes.length).toBeGreaterThan(0) // the Fast Refresh preamble
    for (const hash of hashes) expect(cspAllowsInlineScript(served, hash)).toBe(true)
    expect(served.get('script-src')).toEqual([...production.get('script-src')!, ...hashes.map((h) => `'sha256-${h}'`)])
    for (const [directive, sources] of production)
      if (directive !== 'script-src') expect(served.get(directive), directive).toEqual(sources)
    expect(html.indexOf('http-equiv="Content-Security-Policy"')).toBeLessThan(html.indexOf('<script'))
  })

  it('runs the preamble and renders the editor in Chromium, with no CSP report', async () => {
    const page = await browser.newPage()
    // Every report kept; a window.ipc that answers nothing (no main process here) so the editor can render.
    await page.addInitScript({
      content: `window.__cspReports = [];
        document.addEventListener('securitypolicyviolation', (e) => window.__cspReports.push(e.effectiveDirective + ' ' + e.blockedURI));
        window.ipc = { invoke: async () => ({ ok: false, error: { code: 'INTERNAL', message: 'no main' } }), on: () => () => {}, getPathForFile: () => '' };`,
    })
    await page.goto(url)
    await expect
      .poll(() => page.evaluate(() => typeof (window as unknown as { $RefreshReg$?: unknown }).$RefreshReg$))
      .toBe('function')
    await page.getByTestId('app').waitFor()
    expect(await page.evaluate(() => (window as unknown as { __cspReports: string[] }).__cspReports)).toEqual([])
  })
})
