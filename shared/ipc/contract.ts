import { z } from 'zod'
import { Asset } from '../domain/asset'
import { MENU_COMMANDS } from '../domain/commands'
import { AppErrorData } from '../domain/errors'
import { ExportRequest } from '../domain/export'
import { FilePath } from '../domain/filePath'
import { CostEstimate, GenerationRequest, ProviderInfo } from '../domain/generation'
import { HandoffRequest } from '../domain/handoff'
import { Id, ProviderId } from '../domain/ids'
import { JobUpdate } from '../domain/job'
import { Project, Take } from '../domain/project'
import { SecretStatus, Settings } from '../domain/settings'

const Empty = z.object({}).strict()

export const ImportFailure = z.object({ path: z.string(), error: AppErrorData })
export type ImportFailure = z.infer<typeof ImportFailure>

export const ThumbnailStrip = z.object({
  /** URL of one sprite image holding `frameCount` frames side by side (media:// in the app). */
  url: z.string(),
  /** True when the sprite holds only the part asked for first: frames [firstFrame, firstFrame + frameCount). */
  part: z.boolean().default(false),
  /** The asset's strip frame the sprite starts with (0 for the whole strip). */
  firstFrame: z.number().int().nonnegative().default(0),
  frameCount: z.number().int().positive(),
  frameWidth: z.number().int().positive(),
  frameHeight: z.number().int().positive(),
  /** Timeline spacing of the frames in the asset, from 0. */
  intervalSec: z.number().positive(),
})
export type ThumbnailStrip = z.infer<typeof ThumbnailStrip>

export const WaveformPeaks = z.object({
  /** Max absolute sample value per bucket, 0..1. */
  peaks: z.array(z.number().min(0).max(1)),
  peaksPerSec: z.number().positive(),
  /** Where the first peak is in the asset: 0 for the whole file, later for the part asked for first. */
  startSec: z.number().nonnegative().default(0),
})
export type WaveformPeaks = z.infer<typeof WaveformPeaks>

/**
 * A part of an asset in its own time: what is on screen, asked for before the whole (a long clip's thumbnails
 * and peaks show in a moment, the rest follows). A hint: main may answer with the whole.
 */
export const SourceRange = z
  .object({ fromSec: z.number().nonnegative().max(1e7), toSec: z.number().nonnegative().max(1e7) })
  .refine((r) => r.toSec > r.fromSec, 'A range must end after it starts.')
export type SourceRange = z.infer<typeof SourceRange>

export const SecretsOverview = z.object({
  providers: z.array(SecretStatus),
  /** Linux without a keyring: keys are stored with a fixed key (Electron's "basic_text"). Warn the user. */
  plainTextFallback: z.boolean(),
})

export const RecentProject = z.object({ path: z.string(), name: z.string(), exists: z.boolean() })
export type RecentProject = z.infer<typeof RecentProject>

/**
 * A clip's or take's file that a project refers to but that is neither where it was nor beside the project, or
 * that is there but is not what the project says (then `reason` is the sentence).
 */
export const MissingMedia = z.object({ name: z.string(), path: z.string(), reason: z.string().optional() })

/** Unsaved work main kept in its data folder, offered back after a crash. */
export const Recovery = z.object({ project: Project, path: z.string().nullable(), savedAt: z.string() })
export type Recovery = z.infer<typeof Recovery>

export const AppInfo = z.object({
  version: z.string(),
  platform: z.string(),
  ffmpegVersion: z.string().nullable(),
  /** A sentence when ffmpeg or ffprobe cannot be found or run; null when all is well. */
  ffmpegProblem: z.string().nullable(),
})

/**
 * Every invoke channel with its input and output. Main registers a handler for each (a missing one fails to
 * compile), the preload forwards only these names, and both sides parse with these schemas.
 */
export const invokeContract = {
  'app:info': { input: Empty, output: AppInfo },
  'media:import': {
    input: z.object({ paths: z.array(FilePath).min(1).max(500) }),
    output: z.object({ assets: z.array(Asset), failures: z.array(ImportFailure) }),
  },
  'media:url': { input: z.object({ path: FilePath }), output: z.object({ url: z.string() }) },
  'media:thumbnails': {
    input: z.object({ assetId: z.string(), path: FilePath, range: SourceRange.optional() }),
    output: ThumbnailStrip,
  },
  'media:waveform': { input: z.object({ path: FilePath, range: SourceRange.optional() }), output: WaveformPeaks },
  /** Finds the asset's shots in the background (cached by content hash): the result arrives in its job's update. */
  'media:shots': { input: z.object({ assetId: Id, path: FilePath }), output: z.object({ jobId: z.string() }) },
  'project:open': {
    input: z.object({ path: FilePath }),
    output: z.object({
      project: Project,
      path: z.string(),
      missing: z.array(MissingMedia),
      /** A sentence for each impossible number that opening clamped (e.g. a clip running past its file). */
      adjustments: z.array(z.string()).default([]),
    }),
  },
  /** Copies the project's takes into "<name> media/" beside the file, then writes it atomically. */
  'project:save': { input: z.object({ path: FilePath, project: Project }), output: z.object({ path: z.string() }) },
  'project:recent': { input: Empty, output: z.object({ projects: z.array(RecentProject) }) },
  /** Written to the app's data folder, never to the project file; `path` is the project's file, if it has one. */
  'project:autosave': {
    input: z.object({ project: Project, path: FilePath.nullable() }),
    output: z.object({ savedAt: z.string() }),
  },
  /** The renderer says whether its project has unsaved changes, so closing the window can ask first. */
  'project:status': {
    input: z.object({ projectId: z.string().min(1).max(128), name: z.string().max(512), dirty: z.boolean() }),
    output: z.object({}),
  },
  'project:recovery': { input: Empty, output: z.object({ recovery: Recovery.nullable() }) },
  /** Drops one project's autosave (or all of them without projectId). */
  'project:discardRecovery': {
    input: z.object({ projectId: z.string().min(1).max(128).optional() }),
    output: z.object({ discarded: z.number().int().nonnegative() }),
  },
  'providers:list': { input: Empty, output: z.array(ProviderInfo) },
  'audio:estimate': { input: GenerationRequest, output: CostEstimate },
  'audio:generate': { input: GenerationRequest, output: z.object({ jobId: z.string() }) },
  /**
   * A segment was marked or its range changed: main makes its upload cuts in the background, replacing what it
   * was preparing for that segment, so a Generate uploads at once. Null: nothing to prepare for it any more.
   */
  'audio:prepare': {
    input: z.object({ segmentId: Id, request: GenerationRequest.nullable() }),
    output: z.object({ cuts: z.number().int().nonnegative() }),
  },
  'audio:regenerateChunk': {
    input: z.object({ request: GenerationRequest, take: Take, chunkIndex: z.number().int().nonnegative() }),
    output: z.object({ jobId: z.string() }),
  },
  /** Generations a crash, quit or cancel left unfinished; running one again resumes it without paying twice. */
  'audio:interrupted': {
    input: Empty,
    output: z.array(z.object({ segmentId: z.string().nullable(), request: GenerationRequest })),
  },
  'export:start': {
    input: z.object({ project: Project, request: ExportRequest }),
    output: z.object({ jobId: z.string() }),
  },
  /** The hand-off pack for an editor, into "<project name> hand-off" inside a folder chosen in dialog:chooseFolder. */
  'handoff:start': {
    input: z.object({ project: Project, request: HandoffRequest }),
    output: z.object({ jobId: z.string() }),
  },
  'job:cancel': { input: z.object({ jobId: z.string() }), output: z.object({ cancelled: z.boolean() }) },
  'job:list': { input: Empty, output: z.array(JobUpdate) },
  'settings:get': { input: Empty, output: Settings },
  'settings:set': { input: Settings, output: Settings },
  'secrets:status': { input: Empty, output: SecretsOverview },
  'secrets:set': { input: z.object({ provider: ProviderId, key: z.string().min(8).max(512) }), output: SecretStatus },
  'secrets:clear': { input: z.object({ provider: ProviderId }), output: SecretStatus },
  'dialog:openVideos': { input: Empty, output: z.object({ paths: z.array(z.string()) }) },
  'dialog:openProject': { input: Empty, output: z.object({ path: z.string().nullable() }) },
  /** A native dialog for a folder to write into; null when cancelled. */
  'dialog:chooseFolder': { input: Empty, output: z.object({ path: z.string().nullable() }) },
  'dialog:saveFile': {
    input: z.object({
      defaultName: z
        .string()
        .max(512)
        .refine((n) => !n.includes('\0'), 'A file name cannot contain a NUL character.'),
      kind: z.enum(['mp4', 'project', 'wav']),
    }),
    output: z.object({ path: z.string().nullable() }),
  },
  'shell:showInFolder': { input: z.object({ path: FilePath }), output: z.object({ shown: z.boolean() }) },
} as const

export const MenuCommand = z.enum(MENU_COMMANDS)
export type MenuCommand = z.infer<typeof MenuCommand>

/** Every event main pushes to the renderer. */
export const eventContract = {
  'job:update': JobUpdate,
  'menu:command': z.object({ command: MenuCommand }),
  /** File → Open Recent (or a recent document chosen in the OS): open this project file. */
  'menu:openRecent': z.object({ path: z.string() }),
} as const

export type InvokeContract = typeof invokeContract
export type InvokeChannel = keyof InvokeContract
export type EventChannel = keyof typeof eventContract
export type InvokeInput<C extends InvokeChannel> = z.input<InvokeContract[C]['input']>
export type InvokeOutput<C extends InvokeChannel> = z.output<InvokeContract[C]['output']>
export type EventPayload<E extends EventChannel> = z.output<(typeof eventContract)[E]>

/** What every invoke resolves to on the renderer side: errors cross as data, never as thrown objects. */
export type Envelope<T> = { ok: true; data: T } | { ok: false; error: AppErrorData }
