// A project file, or unsaved work recovered after a crash, is data from outside: before anything in it is played
// or exported, each file it names is checked (it exists, it is an ordinary file, and ffprobe finds a picture in a
// clip's file and sound in a take's), and numbers that cannot be true are clamped or refused with a sentence.
// Takes the parsed project; the project file's own format (versions, migrations) is projectFile.ts's business.
import { anchorRange } from '../../shared/domain/placement'
import { basename } from 'node:path'
import { AppError, isAppError } from '../../shared/domain/errors'
import type { MediaInfo } from '../../shared/domain/media'
import type { Project } from '../../shared/domain/project'
import { statRegular } from '../media/regularFile'

/** No timeline, clip or take is longer than this; a number beyond it is damage, not an edit. */
export const MAX_TIMELINE_SEC = 24 * 3600
/** A clip may end this far past its file (frame rounding) before it is clamped. */
const END_SLACK_SEC = 0.05

export interface UnusableMedia {
  /** What the person knows it by. */
  name: string
  path: string
  /** Why it is not used, when it is there but is not what it should be (absent: it was not found). */
  reason?: string
}

export interface CheckedProject {
  /** The project with impossible numbers clamped and each asset's length as its file has it. */
  project: Project
  /** The files that passed and may be played. */
  playable: string[]
  /** The files that are missing or are not what the project says. */
  unusable: UnusableMedia[]
  /** A sentence for each number that was clamped. */
  adjustments: string[]
}

export interface OpenCheckDeps {
  /** ffprobe on a file; rejects when it is not media. */
  probe: (path: string) => Promise<MediaInfo>
  /** Files the app made itself (its take folder): checked to be ordinary files, not probed. */
  isAppMade?: (path: string) => boolean
}

type Expected = 'video' | 'audio'

const PROBES_AT_ONCE = 4

async function checkFile(
  path: string,
  expected: Expected,
  deps: OpenCheckDeps,
): Promise<{ ok: true; info: MediaInfo | null } | { ok: false; reason?: string }> {
  const what = expected === 'video' ? 'a video file' : 'an audio file'
  try {
    await statRegular(path, what)
  } catch (error) {
    if (isAppError(error) && error.code === 'FILE_NOT_FOUND') return { ok: false }
    return { ok: false, reason: isAppError(error) ? error.message : `"${basename(path)}" cannot be read.` }
  }
  if (deps.isAppMade?.(path)) return { ok: true, info: null }
  const info = await deps.probe(path).catch(() => null)
  const fits =
    info !== null && (expected === 'video' ? info.video !== null && info.durationSec > 0 : info.audio !== null)
  return fits ? { ok: true, info } : { ok: false, reason: `"${basename(path)}" is not ${what}, so it was not opened.` }
}

/** Runs `work` over `items`, a few at a time. */
async function eachLimited<T>(items: readonly T[], work: (item: T) => Promise<void>): Promise<void> {
  let next = 0
  const worker = async (): Promise<void> => {
    while (next < items.length) await work(items[next++]!)
  }
  await Promise.all(Array.from({ length: Math.min(PROBES_AT_ONCE, items.length) }, worker))
}

const seconds = (n: number): string => (Math.abs(n) < 1e6 ? `${n.toFixed(2)} s` : `${n.toExponential(2)} s`)

/**
 * Clamps what can be clamped (a clip running past the end of its file, a take longer than the day) and refuses
 * what cannot be true (a time beyond a day, a range that ends before it starts). `fileSec` is each asset's
 * length as its file has it, where the file could be read. PURE.
 */
export function clampImpossibleNumbers(
  project: Project,
  fileSec: ReadonlyMap<string, number>,
): { project: Project; adjustments: string[] } {
  const adjustments: string[] = []
  const refuse = (what: string): never => {
    throw new AppError(
      'BAD_INPUT',
      `This project cannot be opened: ${what}. The file is damaged or was not written by MMAudio Studio.`,
    )
  }
  const beyond = (n: number): boolean => !Number.isFinite(n) || n > MAX_TIMELINE_SEC
  const assets = project.assets.map((asset) => {
    const real = fileSec.get(asset.id)
    if (real === undefined && beyond(asset.durationSec))
      refuse(`"${asset.name}" claims to last ${seconds(asset.durationSec)}`)
    return real === undefined ? asset : { ...asset, durationSec: real }
  })
  const byId = new Map(assets.map((a) => [a.id, a]))
  const clips = project.clips.map((clip, i) => {
    const asset = byId.get(clip.assetId)
    const label = `clip ${i + 1}${asset ? ` ("${asset.name}")` : ''}`
    if (beyond(clip.startSec))
      refuse(`${label} starts at ${seconds(clip.startSec)}, beyond ${MAX_TIMELINE_SEC / 3600} hours`)
    if (!asset) return clip
    if (clip.inSec >= asset.durationSec)
      refuse(`${label} starts at ${seconds(clip.inSec)} into a file that lasts ${seconds(asset.durationSec)}`)
    if (clip.outSec <= clip.inSec) refuse(`${label} ends before it starts`)
    if (clip.outSec <= asset.durationSec + END_SLACK_SEC) return clip
    adjustments.push(
      `${label[0]!.toUpperCase()}${label.slice(1)} ran past the end of its file (to ${seconds(clip.outSec)}); it now ends with the file at ${seconds(asset.durationSec)}.`,
    )
    return { ...clip, outSec: asset.durationSec }
  })
  const segments = project.segments.map((segment, i) => {
    const { fromSec, toSec } = anchorRange(segment.anchor)
    if (beyond(fromSec) || beyond(toSec)) refuse(`sound segment ${i + 1} lies beyond ${MAX_TIMELINE_SEC / 3600} hours`)
    if (toSec <= fromSec) refuse(`sound segment ${i + 1} ends before it starts`)
    const takes = segment.takes.map((take) => {
      if (!beyond(take.durationSec)) return take
      adjustments.push(
        `A take of sound segment ${i + 1} claimed to last ${seconds(take.durationSec)}; it now lasts as long as its segment.`,
      )
      return { ...take, durationSec: toSec - fromSec }
    })
    return { ...segment, takes }
  })
  return { project: { ...project, assets, clips, segments }, adjustments }
}

/** Checks every file a project names and the numbers in it; see the top of this file. */
export async function checkOpenedProject(project: Project, deps: OpenCheckDeps): Promise<CheckedProject> {
  const wanted = new Map<string, { expected: Expected; name: string }>()
  for (const asset of project.assets) wanted.set(asset.path, { expected: 'video', name: asset.name })
  for (const segment of project.segments) {
    for (const take of segment.takes)
      if (!wanted.has(take.path)) wanted.set(take.path, { expected: 'audio', name: basename(take.path) })
  }
  const playable: string[] = []
  const unusable: UnusableMedia[] = []
  const lengths = new Map<string, number>()
  await eachLimited([...wanted], async ([path, { expected, name }]) => {
    const result = await checkFile(path, expected, deps)
    if (!result.ok) {
      unusable.push({ name, path, ...(result.reason ? { reason: result.reason } : {}) })
      return
    }
    playable.push(path)
    if (result.info) lengths.set(path, result.info.durationSec)
  })
  const fileSec = new Map(
    project.assets.flatMap((a) => (lengths.has(a.path) ? [[a.id, lengths.get(a.path)!] as const] : [])),
  )
  const order = [...wanted.keys()]
  unusable.sort((a, b) => order.indexOf(a.path) - order.indexOf(b.path))
  return { ...clampImpossibleNumbers(project, fileSec), playable, unusable }
}
