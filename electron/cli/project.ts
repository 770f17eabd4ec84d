// A one-clip project around a generated segment, so the CLI exports through the same export service as the app.
import { randomUUID } from 'node:crypto'
import type { Asset } from '../../shared/domain/asset'
import {
  DEFAULT_ORIGINAL_AUDIO,
  PROJECT_VERSION,
  type GenerationParams,
  type OriginalAudio,
  type Project,
  type Take,
} from '../../shared/domain/project'

/** PURE: the whole clip on the timeline from 0, one segment on [fromSec, toSec) of its picture whose first take sounds. */
export function singleClipProject(input: {
  asset: Asset
  fromSec: number
  toSec: number
  params: GenerationParams
  takes: readonly Take[]
  original: OriginalAudio['mode']
  now: string
  newId?: () => string
}): Project {
  const newId = input.newId ?? randomUUID
  const { asset } = input
  return {
    version: PROJECT_VERSION,
    id: newId(),
    name: input.asset.name,
    assets: [input.asset],
    clips: [{ id: newId(), assetId: input.asset.id, startSec: 0, inSec: 0, outSec: input.asset.durationSec }],
    segments: [
      {
        id: newId(),
        anchor: input.params.textOnly
          ? { kind: 'timeline', startSec: input.fromSec, endSec: input.toSec }
          : { kind: 'source', assetId: asset.id, inSec: input.fromSec, outSec: input.toSec },
        lane: 0,
        params: input.params,
        takes: [...input.takes],
        activeTakeId: input.takes[0]?.id ?? null,
      },
    ],
    original: { ...DEFAULT_ORIGINAL_AUDIO, mode: input.original },
    createdAt: input.now,
    updatedAt: input.now,
  }
}

/** PURE: no picture, one text-only bed over [0, lengthSec) of timeline time whose take sounds (a loop repeats). */
export function textBedProject(input: {
  take: Take
  lengthSec: number
  params: GenerationParams
  now: string
}): Project {
  return {
    version: PROJECT_VERSION,
    id: 'text-bed',
    name: 'Text bed',
    assets: [],
    clips: [],
    segments: [
      {
        id: 'bed',
        anchor: { kind: 'timeline', startSec: 0, endSec: input.lengthSec },
        lane: 0,
        params: input.params,
        takes: [input.take],
        activeTakeId: input.take.id,
      },
    ],
    original: DEFAULT_ORIGINAL_AUDIO,
    createdAt: input.now,
    updatedAt: input.now,
  }
}
