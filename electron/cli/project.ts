// A one-clip project around a generated segment, so the CLI exports through the same export service as the app.
import { randomUUID } from 'node:crypto'
import type { Asset } from '../../shared/domain/asset'
import {
  DEFAULT_ORIGINAL_AUDIO,
  type GenerationParams,
  type OriginalAudio,
  type Project,
  type Take,
} from '../../shared/domain/project'

/** PURE: the whole clip on the timeline from 0, one segment [fromSec, toSec) whose first take sounds. */
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
  return {
    version: 1,
    id: newId(),
    name: input.asset.name,
    assets: [input.asset],
    clips: [{ id: newId(), assetId: input.asset.id, startSec: 0, inSec: 0, outSec: input.asset.durationSec }],
    segments: [
      {
        id: newId(),
        startSec: input.fromSec,
        endSec: input.toSec,
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
