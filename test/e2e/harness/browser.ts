// Chromium for E2E: Debian's /usr/bin/chromium driven by playwright-core, with the flags this machine needs.
import { execFileSync } from 'node:child_process'
import { existsSync, mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { chromium, type Browser, type Page } from 'playwright-core'
import { RENDERER_DIR } from './server'

export const SCREENSHOT_DIR = join(import.meta.dirname, '../screenshots')

const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--autoplay-policy=no-user-gesture-required',
]

const BROWSER_CANDIDATES = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
  '/Applications/Chromium.app/Contents/MacOS/Chromium',
  'C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe',
]

/** CHROMIUM_PATH, else the first Chromium or Chrome found in the usual places. */
export function executablePath(): string {
  const found = process.env.CHROMIUM_PATH ?? BROWSER_CANDIDATES.find((p) => existsSync(p))
  if (!found) throw new Error('E2E tests need Chromium or Chrome: install it, or set CHROMIUM_PATH to its binary.')
  return found
}

/** `npm test` builds first; a lone `vitest run test/e2e` builds here if needed. */
export function ensureRendererBuilt(): void {
  if (!existsSync(join(RENDERER_DIR, 'index.html'))) {
    execFileSync('npx', ['electron-vite', 'build'], { stdio: 'inherit' })
  }
}

/** The browsers a test file has open: a failed test's screenshot is taken of their pages (see onFailure.ts). */
export const openBrowsers = new Set<Browser>()

export async function launchBrowser(): Promise<Browser> {
  const browser = await chromium.launch({ executablePath: executablePath(), headless: true, args: CHROMIUM_ARGS })
  openBrowsers.add(browser)
  browser.on('disconnected', () => openBrowsers.delete(browser))
  return browser
}

export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true })
  const path = join(SCREENSHOT_DIR, `${name}.png`)
  await page.screenshot({ path })
  return path
}

/** Drops files (by name; the harness resolves them in the fixture folder) onto an element, as the OS would. */
export async function dropFiles(page: Page, selector: string, names: readonly string[]): Promise<void> {
  const dataTransfer = await page.evaluateHandle((fileNames) => {
    const dt = new DataTransfer()
    for (const n of fileNames) dt.items.add(new File([new Uint8Array([0])], n))
    return dt
  }, names)
  await page.dispatchEvent(selector, 'dragenter', { dataTransfer })
  await page.dispatchEvent(selector, 'dragover', { dataTransfer })
  await page.dispatchEvent(selector, 'drop', { dataTransfer })
}
