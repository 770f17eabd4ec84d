import { z } from 'zod'
import { AppErrorData } from './errors'
import { ExportResult } from './export'
import { HandoffResult } from './handoff'
import { Id } from './ids'
import { Take } from './project'
import { ShotAnalysis } from './shots'

/** 'shots': finding a clip's cuts, in the background after an import. */
export const JOB_KINDS = ['export', 'handoff', 'generate', 'shots'] as const
export const JobKind = z.enum(JOB_KINDS)

export const JOB_STAGES = [
  'preparing',
  'uploading',
  'queued',
  'generating',
  'downloading',
  'mixing',
  'measuring',
  'encoding',
  'finishing',
] as const
export const JobStage = z.enum(JOB_STAGES)
export type JobStage = z.infer<typeof JobStage>

export const JobStatus = z.enum(['running', 'succeeded', 'failed', 'cancelled'])
export type JobStatus = z.infer<typeof JobStatus>

/** The one event that reports long work. Progress is 0..1 of the whole job (it never runs backwards), or null when unknown. */
export const JobUpdate = z.object({
  jobId: Id,
  kind: JobKind,
  status: JobStatus,
  stage: JobStage,
  progress: z.number().min(0).max(1).nullable(),
  /** Position in the provider's queue, when it says. */
  queuePosition: z.number().int().nonnegative().optional(),
  etaSec: z.number().nonnegative().optional(),
  message: z.string().optional(),
  error: AppErrorData.optional(),
  exportResult: ExportResult.optional(),
  /** What a finished hand-off pack holds. */
  handoffResult: HandoffResult.optional(),
  /** The takes a finished generation produced, for the segment it was asked for. */
  generateResult: z.object({ segmentId: Id.nullable(), takes: z.array(Take) }).optional(),
  /** The changes a shot scan found in an asset's picture (which are cuts is decided for a threshold). */
  shotsResult: z.object({ assetId: Id, analysis: ShotAnalysis }).optional(),
})
export type JobUpdate = z.infer<typeof JobUpdate>
