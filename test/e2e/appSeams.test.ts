// Where the app differs from a web page, in real Chromium: the page carries the production CSP and its media
// come from another origin (as media:// is in the app). Every kind of URL the renderer loads or fetches is
// listed from the browser's own network log (thumbnails, the monitor's video, takes fetched for Web Audio by
// playback and by an audition) and each is shown allowed by that CSP and served with what it needs (CORS,
// Range).
// Waveform peaks (the clip's and each take's) travel over IPC as numbers, never as a URL: the log shows none.
// Then the desktop around the page, through the recording Desktop double: taskbar progress and a notification
// for work that ends while the window is not focused, the native menu's commands, File → Open Recent.
import type { Page, Response } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { cspAllows, cspOfHtml, parseCsp, type CspDirective } from '../../scripts/csp'
import { flashClip } from '../fixtures/media'
import { dropFiles } from './harness/browser'
import { blur, markSegment, movePlayheadTo, openEditorWithFal, type EditorSession } from './harness/editorPage'
import { mkdtemp, readFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

interface Loaded {
  url: string
  type: string
  status: number
  requestHeaders: Record<string, string>
  headers: Record<string, string>
}

let session: EditorSession
let page: Page
const loaded: Loaded[] = []

beforeAll(async () => {
  session = await openEditorWithFal(
    { 'flash.mp4': await flashClip('seams flash.mp4', { flashesSec: [2], durationSec: 5 }) },
    {
      beforeLoad: async (p) => {
        p.on('response', (response: Response) => {
          void Promise.all([response.request().allHeaders(), response.allHeaders()]).then(([requestHeaders, headers]) =>
            loaded.push({
              url: response.url(),
              type: response.request().resourceType(),
              status: response.status(),
              requestHeaders,
              headers,
            }),
          )
        })
        // Anything the policy refuses is reported to the page: keep every report.
        await p.addInitScript(() => {
          const reports: string[] = []
          ;(window as unknown as { __cspReports: string[] }).__cspReports = reports
          document.addEventListener('securitypolicyviolation', (e) =>
            reports.push(`${e.effectiveDirective} ${e.blockedURI}`),
          )
        })
      },
    },
  )
  page = session.page
  // The person has switched to another app while the work runs.
  session.harness.desktop.focused = false
})

afterAll(() => session?.close())

const fromMedia = () => loaded.filter((l) => new URL(l.url).origin === session.harness.mediaOrigin)
const ofType = (type: string) => fromMedia().filter((l) => l.type === type)

/** The fetch directive that governs a kind of load in Chromium. */
const DIRECTIVE: Readonly<Record<string, CspDirective>> = { image: 'img-src', media: 'media-src', fetch: 'connect-src' }

describe('the page against the production CSP, with media from another origin', () => {
  it('carries exactly the policy of renderer/index.html, with only media: replaced by the media origin', async () => {
    const source = cspOfHtml(await readFile(join(import.meta.dirname, '../../renderer/index.html'), 'utf8'))!
    const served = await page.locator('meta[http-equiv=Content-Security-Policy]').getAttribute('content')
    expect(served).toBe(session.harness.csp)
    expect(served).toBe(source.replaceAll(' media:', ` ${session.harness.mediaOrigin}`))
    expect(session.harness.mediaOrigin).not.toBe(new URL(session.harness.url).origin)
  })

  it('loads thumbnails, video and take audio from the media origin, each allowed and served with CORS and Range', async () => {
    await dropFiles(page, '[data-testid=app]', ['flash.mp4'])
    await page.getByTestId('timeline-clip').waitFor()
    await markSegment(page, 1, 3)
    await page.getByRole('textbox', { name: 'Prompt' }).fill('a door slams')
    await blur(page)
    await page.getByRole('button', { name: /^Generate \d takes?$/ }).click()
    await expect.poll(() => page.getByTestId('take').count(), { timeout: 30_000 }).toBeGreaterThanOrEqual(2)
    await page.getByTestId('take-waveform').first().waitFor()

    // Playing and auditioning run the takes through Web Audio, which fetches them.
    await movePlayheadTo(page, 0.8)
    await page.keyboard.press('Space')
    await expect.poll(() => ofType('fetch').length, { timeout: 10_000 }).toBeGreaterThanOrEqual(1)
    await page.keyboard.press('Space')
    await page.getByRole('button', { name: 'Listen to take 2' }).click()
    await expect.poll(() => ofType('fetch').length, { timeout: 10_000 }).toBeGreaterThanOrEqual(2)
    await page.keyboard.press('Space')

    const kinds = {
      thumbnail: ofType('image').filter((l) => /\.(jpe?g|png|webp)$/.test(l.url)),
      video: ofType('media').filter((l) => l.url.endsWith('.mp4')),
      takeAudio: ofType('fetch').filter((l) => l.url.endsWith('.wav')),
    }
    for (const [kind, list] of Object.entries(kinds)) expect(list.length, kind).toBeGreaterThan(0)
    // Nothing else comes from the media origin (a new kind of load must be added to this list).
    expect(fromMedia().length).toBe(Object.values(kinds).reduce((n, l) => n + l.length, 0))

    const csp = parseCsp(session.harness.csp)
    const app = parseCsp(cspOfHtml(await readFile(join(import.meta.dirname, '../../renderer/index.html'), 'utf8'))!)
    const appPage = 'file:///opt/MMAudio%20Studio/resources/app.asar/out/renderer/index.html'
    for (const l of fromMedia()) {
      const directive = DIRECTIVE[l.type]!
      expect(cspAllows(csp, directive, l.url, session.harness.url), `${directive} ${l.url}`).toBe(true)
      // The same file as the app asks for it: media://local/<path> from the packaged file:// page.
      expect(cspAllows(app, directive, `media://local${new URL(l.url).pathname}`, appPage), `app ${directive}`).toBe(
        true,
      )
      expect(l.status, l.url).toBeLessThan(300)
      expect(l.headers['access-control-allow-origin'], l.url).toBe('*')
      expect(l.headers['accept-ranges'], l.url).toBe('bytes')
    }
    // The <video> is cross-origin with crossorigin="anonymous": it seeks with Range and gets 206 + Content-Range.
    const ranged = kinds.video.filter((l) => l.requestHeaders.range !== undefined)
    expect(ranged.length).toBeGreaterThan(0)
    for (const l of ranged) {
      expect(l.status).toBe(206)
      expect(l.headers['content-range']).toMatch(/^bytes \d+-\d+\/\d+$/)
    }

    // Peaks came over IPC: no request outside the page's own origin and the media origin, and no CSP report.
    const page0 = new URL(session.harness.url).origin
    const others = loaded.filter((l) => ![page0, session.harness.mediaOrigin].includes(new URL(l.url).origin))
    expect(others.map((l) => l.url)).toEqual([])
    expect(await page.evaluate(() => (window as unknown as { __cspReports: string[] }).__cspReports)).toEqual([])
  })
})

describe('the desktop around the page', () => {
  it('showed the generation’s progress on the taskbar icon, cleared it, and notified when it ended unfocused', () => {
    const { progress, notifications } = session.harness.desktop
    expect(progress.length).toBeGreaterThanOrEqual(2)
    expect(progress[0]).not.toBeNull()
    expect(progress.at(-1)).toBeNull()
    for (const p of progress) if (typeof p === 'number') expect(p).toBeGreaterThanOrEqual(0)
    expect(notifications).toEqual([
      { title: 'Sound generated', body: expect.stringMatching(/^\d takes are ready to audition\.$/) },
    ])
  })

  it('runs a command the native menu sends (Timeline → Split at Playhead)', async () => {
    await page.keyboard.press('Escape')
    const clips = await page.getByTestId('timeline-clip').count()
    await movePlayheadTo(page, 2.5)
    session.harness.sendEvent('menu:command', { command: 'split' })
    await expect.poll(() => page.getByTestId('timeline-clip').count()).toBe(clips + 1)
  })

  it('a saved project joins the OS’s recent documents, and File → Open Recent opens it again', async () => {
    const file = join(await mkdtemp(join(tmpdir(), 'e2e-recent-')), 'Seams.mmaudio')
    const title = () => page.getByTestId('project-title').textContent()
    session.harness.desktop.nextSave = file
    await page.keyboard.press('Control+s')
    await expect.poll(title).toBe('Seams')
    expect(session.harness.desktop.recent.at(-1)).toEqual([file])
    await page.keyboard.press('Control+n')
    await expect.poll(title).toBe('Untitled')
    session.harness.sendEvent('menu:openRecent', { path: file })
    await expect.poll(title).toBe('Seams')
    expect(await page.getByTestId('timeline-clip').count()).toBeGreaterThan(1)
  })
})
