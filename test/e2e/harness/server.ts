// The E2E harness (test code, never shipped): serves the built renderer on 127.0.0.1, runs the same services
// and handler table as main behind a WebSocket, and fakes only what needs Electron (dialogs, keychain).
// Faithful where the app differs from a web page: the page carries exactly the production CSP of
// renderer/index.html (only the `media:` scheme swapped for the harness's media origin), and media come from
// a second server on another port (another origin, as media:// is in the app) through main's own responder.
import { mkdtempSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { extname, join, normalize } from 'node:path'
import { Readable } from 'node:stream'
import { WebSocketServer, type WebSocket } from 'ws'
import type { ProviderId } from '../../../shared/domain/ids'
import { eventContract, type EventChannel, type EventPayload } from '../../../shared/ipc/contract'
import { createAppServices, type AppServices } from '../../../electron/app/services'
import { dispatch } from '../../../electron/ipc/handle'
import { createHandlers } from '../../../electron/ipc/handlers'
import { respondToMediaRequest } from '../../../electron/main/mediaResponse'
import { MEDIA_SCHEME, mediaUrl } from '../../../electron/main/mediaUrl'
import { nodeRealpath } from '../../../electron/media/allowList'
import { createMemoryStore } from '../../../electron/store/keyValueStore'
import type { Cipher } from '../../../electron/store/secrets'
import { FakeDesktop } from '../../fixtures/desktop'
import { testBinaries } from '../../fixtures/media'
import { cspOfHtml, parseCsp, replaceSource, serializeCsp, withHtmlCsp } from '../../../scripts/csp'
import { shimScript } from './shim'

export { FakeDesktop }

export const RENDERER_DIR = join(import.meta.dirname, '../../../out/renderer')
const SOURCE_HTML = join(import.meta.dirname, '../../../renderer/index.html')

/** The production CSP (renderer/index.html) with media: pointing at the harness's media origin. */
export async function harnessCsp(mediaOrigin: string): Promise<string> {
  const policy = cspOfHtml(await readFile(SOURCE_HTML, 'utf8'))
  if (!policy) throw new Error('renderer/index.html has no Content-Security-Policy.')
  return serializeCsp(replaceSource(parseCsp(policy), `${MEDIA_SCHEME}:`, mediaOrigin))
}

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
}

/** Reversible but not plain: enough to prove keys are not stored as typed. */
const fakeCipher: Cipher = {
  isAvailable: async () => true,
  encrypt: async (s) => Buffer.from([...Buffer.from(s, 'utf8')].map((b) => b ^ 0x5a)),
  decrypt: async (b) => ({
    plainText: Buffer.from([...b].map((x) => x ^ 0x5a)).toString('utf8'),
    shouldReEncrypt: false,
  }),
  isPlainTextFallback: () => false,
}

export interface Harness {
  url: string
  /** Where media are served from: another origin than the page, as media:// is in the app. */
  mediaOrigin: string
  /** The policy the page carries. */
  csp: string
  /** Pushes an event to the page as main does (the native menu's commands, Open Recent). */
  sendEvent<E extends EventChannel>(event: E, payload: EventPayload<E>): void
  services: AppServices
  desktop: FakeDesktop
  close(): Promise<void>
}

export interface HarnessOptions {
  fixtureDir: string
  /** Persistent app data (journal, chunk cache, takes): reuse it to restart the harness mid-job. Default: new temp dir. */
  dataDir?: string | undefined
  cacheDir: string
  /** MMAUDIO_<ID>_BASE_URL overrides pointing providers at emulators. */
  env?: Record<string, string> | undefined
  /** What the first save / open dialog answers (for a harness in its own process, set up front). */
  dialogs?: { save?: string; open?: string[] } | undefined
  /** Keys to store before the page opens, as a user would in Settings. */
  keys?: Partial<Record<ProviderId, string>> | undefined
  pollIntervalMs?: number | undefined
}

export async function startHarness(opts: HarnessOptions): Promise<Harness> {
  let baseUrl = ''
  let mediaOrigin = ''
  const desktop = new FakeDesktop()
  if (opts.dialogs?.save) desktop.nextSave = opts.dialogs.save
  if (opts.dialogs?.open) desktop.nextOpen = opts.dialogs.open
  const services = createAppServices({
    binaries: testBinaries(),
    cacheDir: opts.cacheDir,
    dataDir: opts.dataDir ?? mkdtempSync(join(tmpdir(), 'e2e-data-')),
    env: opts.env ?? {},
    pollIntervalMs: opts.pollIntervalMs ?? 50,
    // The app's own media:// URL with the harness's media origin in place of media://local.
    mediaUrl: (p) => mediaOrigin + new URL(mediaUrl(p)).pathname,
    settingsStore: createMemoryStore(),
    secretsStore: createMemoryStore(),
    cipher: fakeCipher,
    desktop,
    appVersion: 'e2e',
    logger: { info: () => {}, error: (m) => console.error(`[harness] ${m}`) },
  })
  for (const [provider, key] of Object.entries(opts.keys ?? {})) await services.secrets.set(provider as ProviderId, key)
  // As main does at start: requests a crash left with a provider are finished into the cache.
  void services.generation.resumePending().catch((e: unknown) => console.error(`[harness] resume failed: ${String(e)}`))
  const handlers = createHandlers(services)
  const shim = shimScript(opts.fixtureDir)

  const server = createServer((req, res) => {
    handleHttp(req, res).catch((e: unknown) => {
      if (!res.headersSent) res.writeHead(500).end(String(e))
    })
  })

  /** The media origin: every request answered by main's media:// responder, as the protocol handler does. */
  const mediaServer = createServer((req, res) => {
    serveMedia(req, res).catch((e: unknown) => {
      if (!res.headersSent) res.writeHead(500).end(String(e))
    })
  })
  async function serveMedia(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const pathname = new URL(req.url ?? '/', mediaOrigin).pathname
    const request = new Request(`${MEDIA_SCHEME}://local${pathname}`, {
      method: req.method ?? 'GET',
      headers: req.headers.range ? { range: req.headers.range } : {},
    })
    const response = await respondToMediaRequest(request, services.allowList, nodeRealpath)
    res.writeHead(response.status, Object.fromEntries(response.headers))
    if (response.body) Readable.fromWeb(response.body as never).pipe(res)
    else res.end()
  }

  let csp = ''
  async function handleHttp(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', baseUrl)
    if (url.pathname === '/__ipc-shim.js') {
      res.writeHead(200, { 'Content-Type': MIME['.js']! }).end(shim)
      return
    }
    const rel = normalize(url.pathname === '/' ? '/index.html' : decodeURIComponent(url.pathname))
    if (rel.includes('..')) return void res.writeHead(403).end()
    let body = await readFile(join(RENDERER_DIR, rel)).catch(() => null)
    if (!body) return void res.writeHead(404).end()
    if (rel === '/index.html') {
      const html = body.toString('utf8')
      if (cspOfHtml(html) !== cspOfHtml(await readFile(SOURCE_HTML, 'utf8'))) {
        throw new Error(
          'out/renderer is stale: its CSP differs from renderer/index.html. Run `npx electron-vite build`.',
        )
      }
      // The shim must run before the app's module script, as the preload does.
      body = Buffer.from(withHtmlCsp(html, csp).replace('<head>', '<head><script src="/__ipc-shim.js"></script>'))
    }
    res.writeHead(200, { 'Content-Type': MIME[extname(rel)] ?? 'application/octet-stream' }).end(body)
  }

  const wss = new WebSocketServer({ server, path: '/__ipc' })
  const sockets = new Set<WebSocket>()
  wss.on('connection', (ws) => {
    sockets.add(ws)
    ws.on('close', () => sockets.delete(ws))
    ws.on('message', (data) => {
      const msg = JSON.parse(String(data)) as { id: number; channel: string; input: unknown }
      void dispatch(msg.channel, msg.input, handlers, { logger: services.logger }).then((result) =>
        ws.send(JSON.stringify({ id: msg.id, result })),
      )
    })
  })
  /** As main's sendEvent: only contract events, only valid payloads. */
  const sendEvent = <E extends EventChannel>(event: E, payload: EventPayload<E>): void => {
    const parsed = eventContract[event].safeParse(payload)
    if (!parsed.success) throw new Error(`Invalid ${event} payload: ${parsed.error.message}`)
    for (const ws of sockets) ws.send(JSON.stringify({ event, payload: parsed.data }))
  }
  const unsubscribe = services.jobs.onUpdate((payload) => sendEvent('job:update', payload))

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  await new Promise<void>((resolve) => mediaServer.listen(0, '127.0.0.1', resolve))
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  mediaOrigin = `http://127.0.0.1:${(mediaServer.address() as AddressInfo).port}`
  csp = await harnessCsp(mediaOrigin)
  return {
    url: baseUrl,
    mediaOrigin,
    csp,
    sendEvent,
    services,
    desktop,
    close: async () => {
      unsubscribe()
      services.runner.abortAll()
      for (const ws of sockets) ws.terminate()
      await new Promise<void>((resolve) => wss.close(() => resolve()))
      for (const s of [server, mediaServer]) {
        s.closeAllConnections()
        await new Promise<void>((resolve) => s.close(() => resolve()))
      }
    },
  }
}
