// Small builders for renderer tests: assets, clips and segments with readable numbers.
import type { Asset } from '../../../shared/domain/asset'
import { layoutSegments } from '../../../shared/domain/placement'
import {
  DEFAULT_GENERATION,
  DEFAULT_TAKE_MIX,
  type Clip,
  type Project,
  type Segment,
  type Take,
} from '../../../shared/domain/project'
import { emptyProject } from '../../../renderer/src/state/project'

export function asset(id: string, durationSec: number, fps = 25, withAudio = false): Asset {
  return {
    id,
    path: `/media/${id}.mp4`,
    name: `${id}.mp4`,
    contentHash: id,
    durationSec,
    sizeBytes: 1000,
    video: {
      codec: 'h264',
      width: 640,
      height: 360,
      rotation: 0,
      displayWidth: 640,
      displayHeight: 360,
      fps,
      vfr: false,
    },
    audio: withAudio ? { codec: 'aac', sampleRate: 48000, channels: 2 } : null,
  }
}

export const clip = (id: string, assetId: string, startSec: number, inSec: number, outSec: number): Clip => ({
  id,
  assetId,
  startSec,
  inSec,
  outSec,
})

/** A segment in timeline time (a bed, or one over a gap or across a cut). */
export const segment = (id: string, startSec: number, endSec: number, lane = 0): Segment => ({
  id,
  anchor: { kind: 'timeline', startSec, endSec },
  lane,
  params: DEFAULT_GENERATION,
  takes: [],
  activeTakeId: null,
})

/** A segment made from a picture: [inSec, outSec) of an asset's own time. */
export const attached = (id: string, assetId: string, inSec: number, outSec: number, lane = 0): Segment => ({
  id,
  anchor: { kind: 'source', assetId, inSec, outSec },
  lane,
  params: DEFAULT_GENERATION,
  takes: [],
  activeTakeId: null,
})

/** Asset a (10 s, 25 fps) and b (4 s, 30 fps); clip A = a[0,6) at 0, clip B = b[0,4) at 6. */
export function twoClipProject(extra: Partial<Project> = {}): Project {
  return {
    ...emptyProject('p', 'now'),
    assets: [asset('a', 10), asset('b', 4, 30)],
    clips: [clip('A', 'a', 0, 0, 6), clip('B', 'b', 6, 0, 4)],
    ...extra,
  }
}

/** [id, startSec, endSec, lane] of every piece of every segment as drawn. */
export const shownSegments = (p: Pick<Project, 'clips' | 'segments'>) =>
  layoutSegments(p).pieces.map((x) => [x.segmentId, x.startSec, x.endSec, x.lane])

/** [startSec, inSec, outSec] of each clip, by id, in track order. */
export const layout = (p: Project) => p.clips.map((c) => [c.id, c.startSec, c.inSec, c.outSec])

/** A 2 s take from fal with the default mix; `over` changes any field. */
export const take = (id: string, over: Partial<Take> = {}): Take => ({
  id,
  provider: 'fal',
  seed: 1,
  path: `/takes/${id}.wav`,
  durationSec: 2,
  requestIds: [],
  createdAt: 'now',
  mix: DEFAULT_TAKE_MIX,
  ...over,
})
