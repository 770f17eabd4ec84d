// bench/timeline: a project with 300 clips and 1,000 segments in the real renderer (App, styles) in Chromium.
// Prints the open time (project JSON in hand → timeline painted; goal ≤ 1 s) and the drag frame time p95
// (pointer event → that frame's style, layout and paint done; goal ≤ 16 ms). Run: npx tsx bench/timeline.ts
//
// The page is built with Vite from a generated entry that mounts <App initialProject> with a stub bridge that
// answers thumbnails (one sprite) and waveform peaks at once, so the figures are the renderer's own work.
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { extname, join, resolve } from 'node:path'
import react from '@vitejs/plugin-react'
import { build } from 'vite'
import type { Asset } from '../shared/domain/asset'
import { anchorForRange } from '../shared/domain/placement'
import { DEFAULT_GENERATION, DEFAULT_ORIGINAL_AUDIO, PROJECT_VERSION, type Project } from '../shared/domain/project'
import { launchBrowser } from '../test/e2e/harness/browser'

const ROOT = resolve(import.meta.dirname, '..')
const WORK = join(ROOT, 'node_modules/.cache/bench-timeline')
const CLIPS = 300
const SEGMENTS = 1000
const GOAL_OPEN_MS = 1000
const GOAL_FRAME_MS = 16

/** A deterministic pseudo-random source, so every run benches the same project. */
function rng(seed: number) {
  let s = seed >>> 0
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0
    return s / 2 ** 32
  }
}

export function benchProject(): Project {
  const rand = rng(42)
  const assets: Asset[] = Array.from({ length: 30 }, (_, i) => ({
    id: `asset-${i}`,
    path: `/bench/clip-${i}.mp4`,
    name: `clip-${i}.mp4`,
    contentHash: `h${i}`,
    durationSec: 600,
    sizeBytes: 1e6,
    video: {
      codec: 'h264',
      width: 1920,
      height: 1080,
      rotation: 0,
      displayWidth: 1920,
      displayHeight: 1080,
      fps: 25,
      vfr: false,
    },
    audio: { codec: 'aac', sampleRate: 48000, channels: 2 },
  }))
  // Clips cut from ten-minute source files, as an edit is: each from its own stretch, a stretch reused now and
  // then. (Sound made from a picture shows wherever a clip shows that stretch, so reuse multiplies what is drawn.)
  let t = 0
  const clips = Array.from({ length: CLIPS }, (_, i) => {
    const inSec = Math.round(rand() * 5900) / 10
    const outSec = inSec + 2 + Math.round(rand() * 60) / 10
    const clip = { id: `clip-${i}`, assetId: `asset-${i % 30}`, startSec: t, inSec, outSec }
    t += outSec - inSec + (rand() < 0.2 ? 1 : 0)
    return clip
  })
  const lanes = [0, 0, 0]
  const segments = Array.from({ length: SEGMENTS }, (_, i) => {
    const lane = i % 3
    const startSec = lanes[lane]! + Math.round(rand() * 30) / 10
    const endSec = startSec + 1 + Math.round(rand() * (rand() < 0.15 ? 190 : 50)) / 10
    lanes[lane] = endSec
    const anchor = anchorForRange(clips, { startSec, endSec }, true)
    return { id: `seg-${i}`, anchor, lane, params: DEFAULT_GENERATION, takes: [], activeTakeId: null }
  })
  return {
    version: PROJECT_VERSION,
    id: 'bench',
    name: 'Bench: 300 clips, 1000 segments',
    assets,
    clips,
    segments,
    original: DEFAULT_ORIGINAL_AUDIO,
    createdAt: '2026-01-01T00:00:00Z',
    updatedAt: '2026-01-01T00:00:00Z',
  }
}

const ENTRY = `
import { createRoot } from 'react-dom/client'
import { App } from '${ROOT}/renderer/src/App'
import '${ROOT}/renderer/src/styles.css'

function sprite() {
  const c = document.createElement('canvas'); c.width = 160 * 10; c.height = 90
  const g = c.getContext('2d')
  for (let i = 0; i < 10; i++) { g.fillStyle = 'hsl(' + i * 36 + ',60%,45%)'; g.fillRect(i * 160, 0, 160, 90) }
  return c.toDataURL('image/jpeg')
}
let spriteUrl = null
const peaks = Array.from({ length: 2000 }, (_, i) => Math.abs(Math.sin(i / 7)) * (0.3 + 0.7 * ((i * 7919) % 100) / 100))
window.ipc = {
  async invoke(channel) {
    if (channel === 'media:thumbnails') {
      spriteUrl ??= sprite()
      return { ok: true, data: { url: spriteUrl, part: false, firstFrame: 0, frameCount: 10, frameWidth: 160, frameHeight: 90, intervalSec: 2 } }
    }
    if (channel === 'media:waveform') return { ok: true, data: { peaks, peaksPerSec: 100, startSec: 0 } }
    if (channel === 'app:info') return { ok: true, data: { version: 'bench', platform: 'bench', ffmpegVersion: null, ffmpegProblem: null } }
    return { ok: false, error: { code: 'INTERNAL', message: 'bench' } }
  },
  on() { return () => {} },
  getPathForFile() { return '' },
}

// One frame later, after style, layout and paint: a task posted from requestAnimationFrame runs after them.
const afterFrame = () => new Promise((r) => requestAnimationFrame(() => { const ch = new MessageChannel(); ch.port1.onmessage = () => r(performance.now()); ch.port2.postMessage(0) }))

window.__openBench = async () => {
  const text = await (await fetch('/project.json')).text()
  const t0 = performance.now()
  const project = JSON.parse(text)
  createRoot(document.getElementById('root')).render(<App initialProject={project} />)
  let t1 = await afterFrame()
  while (!document.querySelector('[data-testid=timeline-clip]')) t1 = await afterFrame()
  return t1 - t0
}

// Drag frame probe: from the first pointermove of a frame to the end of that frame's rendering.
window.__frames = []
let pending = false
window.addEventListener('pointermove', () => {
  if (pending) return
  pending = true
  const t0 = performance.now()
  afterFrame().then((t1) => { pending = false; window.__frames.push(t1 - t0) })
}, { capture: true })
`

async function buildPage(): Promise<string> {
  rmSync(WORK, { recursive: true, force: true })
  mkdirSync(WORK, { recursive: true })
  writeFileSync(join(WORK, 'main.jsx'), ENTRY)
  writeFileSync(
    join(WORK, 'index.html'),
    '<!doctype html><html><head><meta charset="utf-8"></head><body><div id="root"></div><script type="module" src="./main.jsx"></script></body></html>',
  )
  await build({
    root: WORK,
    logLevel: 'warn',
    configFile: false,
    plugins: [react()],
    build: { outDir: join(WORK, 'dist'), emptyOutDir: true, minify: !process.env.BENCH_PROFILE },
  })
  return join(WORK, 'dist')
}

const MIME: Record<string, string> = {
  '.html': 'text/html',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.json': 'application/json',
}

/** BENCH_PROFILE=1: the functions with the most self time during a gesture (CDP sampling profiler). */
async function profiled(page: import('playwright-core').Page, label: string, gesture: () => Promise<void>) {
  if (!process.env.BENCH_PROFILE) return gesture()
  const cdp = await page.context().newCDPSession(page)
  await cdp.send('Profiler.enable')
  await cdp.send('Profiler.setSamplingInterval', { interval: 100 })
  await cdp.send('Profiler.start')
  await gesture()
  const { profile } = await cdp.send('Profiler.stop')
  const self = new Map<string, number>()
  const byId = new Map(profile.nodes.map((n) => [n.id, n]))
  profile.samples?.forEach((id, i) => {
    const n = byId.get(id)!
    const key = `${n.callFrame.functionName || '(anonymous)'} ${n.callFrame.url.split('/').pop()}:${n.callFrame.lineNumber}`
    self.set(key, (self.get(key) ?? 0) + (profile.timeDeltas?.[i] ?? 0) / 1000)
  })
  const top = [...self]
    .filter(([k]) => !k.startsWith('(idle)') && !k.startsWith('(program)'))
    .sort((a, b) => b[1] - a[1])
  console.log(`profile of ${label}:`)
  for (const [k, ms] of top.slice(0, 12)) console.log(`  ${ms.toFixed(1).padStart(7)} ms  ${k}`)
}

function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN
}

async function main() {
  const dist = await buildPage()
  const projectJson = JSON.stringify(benchProject())
  const server = createServer((req, res) => {
    const bare = (req.url ?? '/').split('?')[0]!
    const path = bare === '/' ? '/index.html' : bare
    if (path === '/project.json') return void res.writeHead(200, { 'Content-Type': MIME['.json']! }).end(projectJson)
    let body: Buffer
    try {
      body = readFileSync(join(dist, path.split('?')[0]!))
    } catch {
      return void res.writeHead(404).end()
    }
    res.writeHead(200, { 'Content-Type': MIME[extname(path)] ?? 'application/octet-stream' }).end(body)
  })
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`
  const browser = await launchBrowser()
  try {
    const opens: number[] = []
    const frames: number[] = []
    const byGesture: Record<string, number[]> = { 'clip move': [], 'segment move': [], 'playhead scrub': [] }
    const takeFrames = (page: import('playwright-core').Page) =>
      page.evaluate(() => (window as unknown as { __frames: number[] }).__frames.splice(0))
    const idleFrames: number[] = []
    for (let run = 0; run < 3; run++) {
      const page = await browser.newPage({ viewport: { width: 1440, height: 860 } })
      await page.goto(url)
      opens.push(await page.evaluate(() => (window as unknown as { __openBench: () => Promise<number> }).__openBench()))
      await page.waitForTimeout(300) // thumbnails and peaks arrive
      const counts = await page.evaluate(() => ({
        clips: document.querySelectorAll('[data-testid=timeline-clip]').length,
        segments: document.querySelectorAll('[data-testid=segment]').length,
        nodes: document.querySelectorAll('*').length,
      }))
      if (run === 0)
        console.log(
          `drawn after open: ${counts.clips} of ${CLIPS} clips, ${counts.segments} of ${SEGMENTS} segments, ${counts.nodes} DOM nodes (the rest is virtualised)`,
        )

      // Baseline: pointer moves over the monitor (no timeline work) measure the frame floor of this machine.
      await page.mouse.move(700, 200)
      for (let i = 0; i < 60; i++) await page.mouse.move(700 + (i % 20) * 5, 200)
      await page.waitForTimeout(100)
      idleFrames.push(...(await page.evaluate(() => (window as unknown as { __frames: number[] }).__frames.splice(0))))

      // Drag a clip (with snapping and the push-preview) across the visible timeline and back.
      const box = (await page.locator('[data-testid=timeline-clip]').nth(2).boundingBox())!
      const y = box.y + box.height / 2
      await profiled(page, 'clip move', async () => {
        await page.mouse.move(box.x + box.width / 2, y)
        await page.mouse.down()
        for (let i = 1; i <= 120; i++)
          await page.mouse.move(box.x + box.width / 2 + Math.sin((i / 120) * Math.PI) * 500, y)
        await page.mouse.up()
      })
      await page.waitForTimeout(100)
      byGesture['clip move']!.push(...(await takeFrames(page)))
      // And a segment from the last used lane down into the free one, dragged along it.
      const segId = await page.evaluate(
        () =>
          Array.from(document.querySelectorAll<HTMLElement>('[data-testid=segment][data-lane="2"]')).find((e) => {
            const r = e.getBoundingClientRect()
            return r.left > 200 && r.right < 600 && r.width > 30
          })?.dataset.segmentId,
      )
      const segment = page.locator(`[data-segment-id="${segId}"]`)
      const before = await segment.getAttribute('data-start-sec')
      const seg = (await segment.boundingBox())!
      await page.mouse.move(seg.x + seg.width / 2, seg.y + seg.height / 2)
      await page.mouse.down()
      for (let i = 1; i <= 120; i++)
        await page.mouse.move(seg.x + seg.width / 2 + i * 3, seg.y + seg.height / 2 + (i > 60 ? 38 : 0))
      await page.mouse.up()
      await page.waitForTimeout(100)
      const after = await page.locator(`[data-segment-id="${segId}"]`).getAttribute('data-start-sec')
      if (process.env.BENCH_DEBUG) console.log('segment', segId, before, '→', after, seg)
      if (after === before)
        throw new Error('the segment drag did not move the segment: the figures would measure nothing')
      await page.waitForTimeout(100)
      byGesture['segment move']!.push(...(await takeFrames(page)))
      if (run === 0) await page.screenshot({ path: join(WORK, 'bench.png') })
      // And scrubbing the playhead along the ruler (the monitor and toolbar follow it).
      const ruler = (await page.getByTestId('ruler').boundingBox())!
      const timeBefore = await page.getByTestId('playhead-time').textContent()
      // From the left of the visible time axis (the ruler element itself may start off screen when scrolled).
      const scrubX = (await page.getByTestId('timeline-scroll').boundingBox())!.x + 112 + 20
      await profiled(page, 'playhead scrub', async () => {
        await page.mouse.move(scrubX, ruler.y + 10)
        await page.mouse.down()
        for (let i = 1; i <= 120; i++) await page.mouse.move(scrubX + i * 5, ruler.y + 10)
        await page.mouse.up()
      })
      await page.waitForTimeout(100)
      if ((await page.getByTestId('playhead-time').textContent()) === timeBefore) {
        await page.screenshot({ path: join(WORK, 'scrub-failed.png') })
        const hit = await page.evaluate(
          ([x, y]) => document.elementFromPoint(x!, y!)?.outerHTML.slice(0, 200),
          [scrubX, ruler.y + 10],
        )
        throw new Error(`the scrub did not move the playhead (${timeBefore}); at the ruler: ${hit}`)
      }
      byGesture['playhead scrub']!.push(...(await takeFrames(page)))

      // Zoomed out: many blocks on screen at once (at fit, nothing is left to virtualise away). Drag a clip there.
      for (const [label, keys] of [
        ['clip move, zoomed out (8 px/s)', ['-', '-', '-', '-', '-', '-', '-']],
        ['clip move, zoomed to fit', ['\\']],
      ] as const) {
        await page.keyboard.press('Home')
        for (const k of keys) await page.keyboard.press(k)
        await page.waitForTimeout(300)
        if (run === 0) {
          const drawn = await page.evaluate(
            () => document.querySelectorAll('[data-testid=timeline-clip], [data-testid=segment]').length,
          )
          console.log(
            `${label.replace('clip move, ', '')} at ${await page.getByTestId('zoom').textContent()}: ${drawn} clips and segments drawn`,
          )
        }
        const clipId = await page.evaluate(
          () =>
            Array.from(document.querySelectorAll<HTMLElement>('[data-testid=timeline-clip]')).find((e) => {
              const r = e.getBoundingClientRect()
              return r.left > 300 && r.right < 600 && r.width >= 8
            })?.dataset.clipId,
        )
        const target = (await page.locator(`[data-clip-id="${clipId}"]`).boundingBox())!
        await profiled(page, label, async () => {
          await page.mouse.move(target.x + target.width / 2, target.y + target.height / 2)
          await page.mouse.down()
          for (let i = 1; i <= 120; i++) {
            await page.mouse.move(target.x + target.width / 2 + Math.sin((i / 120) * Math.PI) * 300, target.y + 10)
            if (
              i === 60 &&
              !(await page.evaluate(() => document.querySelector('.timeline-content.dragging') !== null))
            ) {
              throw new Error(`${label}: not dragging, the figures would measure nothing`)
            }
          }
          await page.mouse.up()
        })
        await page.waitForTimeout(100)
        byGesture[label] = [...(byGesture[label] ?? []), ...(await takeFrames(page))]
      }
      await page.close()
    }
    const fmt = (n: number) => n.toFixed(1)
    for (const list of Object.values(byGesture)) frames.push(...list)
    const openMedian = percentile(opens, 50)
    const p95 = percentile(frames, 95)
    console.log(
      `open (JSON.parse → timeline painted), 3 runs: ${opens.map(fmt).join(', ')} ms · median ${fmt(openMedian)} ms (goal ≤ ${GOAL_OPEN_MS}) ${openMedian <= GOAL_OPEN_MS ? 'OK' : 'OVER'}`,
    )
    console.log(
      `drag frames (all gestures below): ${frames.length} · p50 ${fmt(percentile(frames, 50))} ms · p95 ${fmt(p95)} ms · max ${fmt(Math.max(...frames))} ms (goal p95 ≤ ${GOAL_FRAME_MS}) ${p95 <= GOAL_FRAME_MS ? 'OK' : 'OVER'}`,
    )
    for (const [name, list] of Object.entries(byGesture)) {
      console.log(
        `  ${name}: ${list.length} frames · p50 ${fmt(percentile(list, 50))} ms · p95 ${fmt(percentile(list, 95))} ms`,
      )
    }
    console.log(
      `baseline (pointer over the monitor, no timeline work): p50 ${fmt(percentile(idleFrames, 50))} ms · p95 ${fmt(percentile(idleFrames, 95))} ms`,
    )
  } finally {
    await browser.close()
    server.close()
  }
}

await main()
