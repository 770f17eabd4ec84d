// The hand-off pack against real time positions (two clips of flashes, one trimmed, after a gap; three segments on
// two lanes, one nudged), checked by what reads each format here: the real MLT engine (melt) renders the .mlt and
// its clicks must land on its own picture's flashes; ffprobe reads each BWF's time_reference; xmllint validates the
// FCPXML against Apple's DTD; the FCPXML, xmeml and OTIO are parsed back and every clip's place recomputed from
// their own numbers. Every click must sound within 5 ms of its flash.
import { execFile } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { HandoffResult } from '../../../shared/domain/handoff'
import type { Project } from '../../../shared/domain/project'
import { createHandoffService } from '../../../electron/jobs/handoff'
import { createJobRegistry } from '../../../electron/jobs/jobs'
import { createFfmpegRunner } from '../../../electron/media/ffmpeg/run'
import { OtioTimeline } from '../../../electron/media/handoff/otio'
import { brightnessJumps } from '../../emulators/synthAudio'
import { HANDOFF_CLICKS_SEC, HANDOFF_TIMELINE_SEC, handoffProject } from '../../fixtures/handoffProject'
import { decodeAudio, findClicks, testBinaries } from '../../fixtures/media'
import { parseXml, timeReference, validateFcpxml } from '../../fixtures/handoffReaders'

const run = promisify(execFile)
const dir = mkdtempSync(join(tmpdir(), 'handoff-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))
const service = createHandoffService({
  runner: createFfmpegRunner(testBinaries()),
  jobs: createJobRegistry(),
  tmpDir: dir,
})

/** 01:00:00:00 at 48 kHz. */
const HOUR_SAMPLES = 172_800_000
const TOLERANCE_SEC = 0.005

const fileOf = (result: HandoffResult, suffix: string) => result.files.find((f) => f.endsWith(suffix))!

/** "1001/30000s" → seconds. */
function fcpSec(t: string | null): number {
  if (!t) return 0
  const m = /^(-?\d+)(?:\/(\d+))?s$/.exec(t)
  if (!m) throw new Error(`not an FCPXML time: ${t}`)
  return Number(m[1]) / Number(m[2] ?? 1)
}

/** The clicks a sound file holds, in its own time. */
const clicksIn = async (path: string) => findClicks(await decodeAudio(path), 48000, 0.3)

/** Where every click sounds on the timeline, given where each file is placed (its start, in timeline seconds). */
async function placedClicks(placements: ReadonlyArray<{ path: string; startSec: number }>): Promise<number[]> {
  const all = await Promise.all(placements.map(async (p) => (await clicksIn(p.path)).map((c) => p.startSec + c)))
  return all.flat().sort((a, b) => a - b)
}

function expectOnFlashes(clicks: readonly number[], flashes: readonly number[] = HANDOFF_CLICKS_SEC): void {
  expect(clicks).toHaveLength(flashes.length)
  clicks.forEach((c, i) =>
    expect(Math.abs(c - flashes[i]!), `click ${i} at ${c.toFixed(4)} s, flash at ${flashes[i]} s`).toBeLessThanOrEqual(
      TOLERANCE_SEC,
    ),
  )
}

let project: Project
let pack: HandoffResult
beforeAll(async () => {
  project = await handoffProject({ original: 'keep', timeline: { startTimecode: '01:00:00:00' } })
  pack = await service.run(project, join(dir, 'pack'))
})

describe('the hand-off pack', () => {
  it('holds the four timelines, a README, a file per sounding take and the stems', async () => {
    const names = pack.files.map((f) => f.slice(pack.folder.length + 1))
    expect(names).toEqual([
      'Harbour cut.fcpxml',
      'Harbour cut (Premiere).xml',
      'Harbour cut.otio',
      'Harbour cut.mlt',
      'README.txt',
      'Sound/L1 01 a door slams.wav',
      'Sound/L1 02 rain on a tin roof.wav',
      'Sound/L2 01 footsteps on gravel.wav',
      'Stems/Harbour cut - Lane 1.wav',
      'Stems/Harbour cut - Lane 2.wav',
      'Stems/Harbour cut - Generated.wav',
      'Stems/Harbour cut - Original.wav',
    ])
    // nothing half-written is left behind
    const all = [
      ...(await readdir(pack.folder)),
      ...(await readdir(join(pack.folder, 'Sound'))),
      ...(await readdir(join(pack.folder, 'Stems'))),
    ]
    expect(all.filter((n) => n.includes('.tmp'))).toEqual([])
  })

  it('MLT: the real MLT engine renders the .mlt; every click lands on a flash of the picture it renders', async () => {
    const out = join(dir, 'melt render.mkv')
    // melt runs from elsewhere: the sound files are named relative to the .mlt, not to the working folder
    await run(
      'melt',
      [
        fileOf(pack, '.mlt'),
        '-consumer',
        `avformat:${out}`,
        'vcodec=libx264',
        'preset=ultrafast',
        'acodec=pcm_s16le',
        'ar=48000',
      ],
      { cwd: tmpdir() },
    )
    const { jumpsSec } = await brightnessJumps(out)
    expect(jumpsSec.length).toBe(HANDOFF_CLICKS_SEC.length)
    const clicks = findClicks(await decodeAudio(out), 48000, 0.3)
    // the picture it renders flashes where the timeline shows the flashes, and the clicks land on them
    jumpsSec.forEach((j, i) => expect(Math.abs(j - HANDOFF_CLICKS_SEC[i]!)).toBeLessThan(0.5 / 25))
    expectOnFlashes(clicks, jumpsSec)
  })

  it('BWF: 48 kHz 24-bit; time_reference read back by ffprobe plus each click inside is its timeline time', async () => {
    const sounds = pack.files.filter((f) => f.includes('/Sound/'))
    const placements = await Promise.all(
      sounds.map(async (path) => {
        const { stdout } = await run(testBinaries().ffprobe, [
          '-v',
          'error',
          '-show_entries',
          'stream=sample_rate,bits_per_sample,channels:format_tags=time_reference',
          '-of',
          'json',
          path,
        ])
        const info = JSON.parse(stdout) as {
          streams: Array<{ sample_rate: string; bits_per_sample: number; channels: number }>
          format: { tags: { time_reference: string } }
        }
        expect(info.streams[0]).toMatchObject({ sample_rate: '48000', bits_per_sample: 24, channels: 2 })
        const startSec = (Number(info.format.tags.time_reference) - HOUR_SAMPLES) / 48000
        // frame-aligned: each file starts on a frame of the 25 fps timeline
        expect(Math.abs(startSec * 25 - Math.round(startSec * 25))).toBeLessThan(1e-6)
        return { path, startSec }
      }),
    )
    expectOnFlashes(await placedClicks(placements))
  })

  it('BWF: every stem starts at the timeline start (01:00:00:00) and runs the whole timeline; the generated one clicks on every flash', async () => {
    for (const path of pack.files.filter((f) => f.includes('/Stems/'))) {
      const { stdout } = await run(testBinaries().ffprobe, [
        '-v',
        'error',
        '-show_entries',
        'format=duration:format_tags=time_reference',
        '-of',
        'json',
        path,
      ])
      const { format } = JSON.parse(stdout) as { format: { duration: string; tags: { time_reference: string } } }
      expect(Number(format.tags.time_reference)).toBe(HOUR_SAMPLES)
      expect(Number(format.duration)).toBeCloseTo(HANDOFF_TIMELINE_SEC, 3)
    }
    expectOnFlashes(await clicksIn(fileOf(pack, 'Harbour cut - Generated.wav')))
    expectOnFlashes(await clicksIn(fileOf(pack, 'Harbour cut - Lane 2.wav')), HANDOFF_CLICKS_SEC.slice(4))
  })

  it('BWF: the iXML chunk says the timecode rate and the same sample count', async () => {
    const bytes = readFileSync(fileOf(pack, 'L2 01 footsteps on gravel.wav'))
    const at = bytes.indexOf('iXML')
    expect(at).toBeGreaterThan(0)
    const size = bytes.readUInt32LE(at + 4)
    expect(bytes.readUInt32LE(4)).toBe(bytes.length - 8) // the RIFF size counts the appended chunk
    const ixml = parseXml(bytes.subarray(at + 8, at + 8 + size).toString('utf8'))
    expect(ixml.querySelector('SPEED > TIMECODE_RATE')!.textContent).toBe('25/1')
    expect(ixml.querySelector('SPEED > TIMECODE_FLAG')!.textContent).toBe('NDF')
    // 6.52 s after 01:00:00:00: frame 163
    expect(Number(ixml.querySelector('TIMESTAMP_SAMPLES_SINCE_MIDNIGHT_LO')!.textContent)).toBe(
      HOUR_SAMPLES + 163 * 1920,
    )
  })

  it('FCPXML: valid against Apple’s FCPXML 1.10 DTD (xmllint --dtdvalid)', async () => {
    expect(await validateFcpxml(fileOf(pack, '.fcpxml'))).toBe('')
  })

  it('FCPXML: picture on the storyline where it is; each connected sound’s offset (in its parent’s time) puts its clicks on the flashes', async () => {
    const doc = parseXml(await readFile(fileOf(pack, '.fcpxml'), 'utf8'))
    const sequence = doc.querySelector('sequence')!
    const tcStart = fcpSec(sequence.getAttribute('tcStart'))
    expect(tcStart).toBe(3600)
    const src = (ref: string) =>
      fileURLToPath(doc.getElementById(ref)!.querySelector('media-rep')!.getAttribute('src')!)
    const storyline = [...doc.querySelectorAll('spine > *')]
    const picture = storyline.filter((e) => e.tagName === 'asset-clip')
    const rounded = (sec: number) => Math.round(sec * 1e6) / 1e6
    expect(
      picture.map((e) => [
        rounded(fcpSec(e.getAttribute('offset')) - tcStart),
        fcpSec(e.getAttribute('start')),
        fcpSec(e.getAttribute('duration')),
      ]),
    ).toEqual([
      [0, 0, 4.8],
      [5.52, 1, 4],
    ])
    const placements = storyline.flatMap((parent) => {
      const parentAt = fcpSec(parent.getAttribute('offset')) - tcStart
      const parentStart = fcpSec(parent.getAttribute('start'))
      return [...parent.querySelectorAll(':scope > asset-clip[lane]')]
        .filter((c) => !c.getAttribute('audioRole')!.startsWith('dialogue'))
        .map((c) => ({
          path: src(c.getAttribute('ref')!),
          startSec: parentAt + fcpSec(c.getAttribute('offset')) - parentStart,
        }))
    })
    expect(placements).toHaveLength(3)
    expectOnFlashes(await placedClicks(placements))
    // lanes kept as roles
    const roles = [...doc.querySelectorAll('asset-clip[lane]')].map(
      (c) => `${c.getAttribute('lane')} ${c.getAttribute('audioRole')}`,
    )
    expect(new Set(roles)).toEqual(
      new Set(['-1 dialogue.Original sound', '-2 effects.MMAudio Lane 1', '-3 effects.MMAudio Lane 2']),
    )
  })

  it('Premiere XML (xmeml 5): start/in in frames of the timeline’s rate put each clip where it belongs', async () => {
    const doc = parseXml(await readFile(fileOf(pack, '(Premiere).xml'), 'utf8'))
    expect(doc.documentElement.getAttribute('version')).toBe('5')
    expect(doc.querySelector('sequence > timecode > string')!.textContent).toBe('01:00:00:00')
    const num = (e: Element, tag: string) => Number(e.querySelector(`:scope > ${tag}`)!.textContent)
    const paths = new Map<string, string>()
    for (const f of doc.querySelectorAll('file')) {
      const url = f.querySelector(':scope > pathurl')?.textContent
      if (url) paths.set(f.id, fileURLToPath(url.replace('file://localhost/', 'file:///')))
    }
    const picture = [...doc.querySelectorAll('video > track > clipitem')]
    expect(picture.map((c) => [num(c, 'start'), num(c, 'end'), num(c, 'in'), num(c, 'out')])).toEqual([
      [0, 120, 0, 120],
      [138, 238, 25, 125],
    ])
    const tracks = [...doc.querySelectorAll('audio > track')]
    expect(tracks).toHaveLength(3) // the original sound, lane 1, lane 2
    const placements = tracks.slice(1).flatMap((t) =>
      [...t.querySelectorAll(':scope > clipitem')].map((c) => ({
        path: paths.get(c.querySelector('file')!.id)!,
        startSec: num(c, 'start') / 25,
      })),
    )
    expectOnFlashes(await placedClicks(placements))
  })

  it('OTIO: read back through the schema; places summed from the durations before each item put every click on its flash', async () => {
    const timeline = OtioTimeline.parse(JSON.parse(await readFile(fileOf(pack, '.otio'), 'utf8')))
    expect(timeline.global_start_time).toMatchObject({ value: 90000, rate: 25 })
    const placed = timeline.tracks.children.map((track) => {
      let cursor = 0
      return {
        track,
        clips: track.children.flatMap((item) => {
          const at = cursor
          cursor += item.source_range.duration.value / item.source_range.duration.rate
          return item.OTIO_SCHEMA === 'Clip.2' ? [{ item, startSec: at }] : []
        }),
      }
    })
    const [pictureTrack, originalTrack, ...lanes] = placed
    expect(pictureTrack!.track.kind).toBe('Video')
    expect(pictureTrack!.clips.map((c) => [c.startSec, c.item.source_range.start_time.value])).toEqual([
      [0, 0],
      [5.52, 25],
    ])
    expect(originalTrack!.track.name).toBe('Original')
    const placements = lanes.flatMap((l) =>
      l.clips.map((c) => ({
        path: fileURLToPath(c.item.media_references.DEFAULT_MEDIA.target_url),
        startSec: c.startSec,
      })),
    )
    expectOnFlashes(await placedClicks(placements))
  })

  it('README shows the formats and how to import into each editor', async () => {
    const readme = await readFile(fileOf(pack, 'README.txt'), 'utf8')
    for (const words of [
      'FCPXML 1.10',
      'xmeml 5',
      'OpenTimelineIO',
      'MLT XML',
      'Final Cut Pro',
      'Premiere Pro',
      'DaVinci Resolve',
      'Shotcut',
      'Kdenlive',
      'bext',
    ]) {
      expect(readme).toContain(words)
    }
    expect(readme).toContain('starts at 01:00:00:00')
  })
})

describe('a 29.97 fps timeline (NTSC rate set in the timeline settings, clips at 25 fps)', () => {
  let ntsc: HandoffResult
  beforeAll(async () => {
    const p = await handoffProject({ timeline: { startTimecode: '01:00:00:00', frameRate: { num: 30000, den: 1001 } } })
    ntsc = await service.run(p, join(dir, 'ntsc pack'))
  })

  it('the stems’ TimeReference is 01:00:00:00 at 29.97 non-drop (108000 frames, 3603.6 s after midnight)', async () => {
    expect(await timeReference(fileOf(ntsc, 'Generated.wav'))).toBe(172_972_800)
  })

  it('melt renders the clicks where they belong; the FCPXML is DTD-valid with 1001/30000s frames; xmeml says NTSC', async () => {
    const out = join(dir, 'melt ntsc.wav')
    await run('melt', [fileOf(ntsc, '.mlt'), '-consumer', `avformat:${out}`, 'vn=1', 'acodec=pcm_s16le', 'ar=48000'], {
      cwd: tmpdir(),
    })
    expectOnFlashes(findClicks(await decodeAudio(out), 48000, 0.3))
    await validateFcpxml(fileOf(ntsc, '.fcpxml'))
    expect(await readFile(fileOf(ntsc, '.fcpxml'), 'utf8')).toContain('frameDuration="1001/30000s"')
    const xml = parseXml(await readFile(fileOf(ntsc, '(Premiere).xml'), 'utf8'))
    expect(xml.querySelector('sequence > rate > timebase')!.textContent).toBe('30')
    expect(xml.querySelector('sequence > rate > ntsc')!.textContent).toBe('TRUE')
  })
})

describe('the person’s files', () => {
  it('a folder holding a file of the pack’s name that no earlier pack wrote is refused, and left as it was', async () => {
    const folder = join(dir, 'their folder')
    await mkdir(folder, { recursive: true })
    await writeFile(join(folder, 'README.txt'), 'my notes')
    await expect(service.run(project, folder)).rejects.toMatchObject({
      code: 'BAD_INPUT',
      message: expect.stringMatching(/already holds "README.txt".*never replaces/),
    })
    expect(readFileSync(join(folder, 'README.txt'), 'utf8')).toBe('my notes')
    expect(await readdir(folder)).toEqual(['README.txt'])
  })

  it('a pack cancelled half-way leaves only whole files, and runs again into the same folder', async () => {
    const folder = join(dir, 'cancelled')
    const controller = new AbortController()
    const cancelled = service.run(project, folder, {
      signal: controller.signal,
      onProgress: (stage, progress) => stage === 'encoding' && (progress ?? 0) > 0.2 && controller.abort(),
    })
    await expect(cancelled).rejects.toMatchObject({ code: 'CANCELLED' })
    const left = [...(await readdir(join(folder, 'Sound'))), ...(await readdir(join(folder, 'Stems')).catch(() => []))]
    expect(left.filter((n) => n.includes('.tmp'))).toEqual([])
    expect(left.length).toBeGreaterThan(0) // some whole files were written before the cancel
    expect(left.length).toBeLessThan(7)
    const again = await service.run(project, folder)
    expect(again.files).toHaveLength(12)
  })

  it('a second pack into the same folder replaces the first one’s files', async () => {
    const again = await service.run(project, pack.folder)
    expect(again.files).toEqual(pack.files)
  })

  it('a pack never writes over the project’s media, even a file an earlier pack wrote', async () => {
    // the person took a sound file of the first pack as a take: the next pack into that folder must not replace it
    const theirs = fileOf(pack, 'L1 01 a door slams.wav')
    const before = readFileSync(theirs)
    const usingIt = {
      ...project,
      segments: project.segments.map((s, i) =>
        i === 0 ? { ...s, takes: s.takes.map((t) => ({ ...t, path: theirs })) } : s,
      ),
    }
    await expect(service.run(usingIt, pack.folder)).rejects.toMatchObject({ code: 'DESTINATION_IS_SOURCE' })
    expect(readFileSync(theirs).equals(before)).toBe(true)
  })
})
