// The shapes fal's queue and storage answer with (untrusted input: parsed, unknown shapes are errors), and
// how its error bodies are read.
import { z } from 'zod'
import type { ProviderErrorInfo } from '../errors'
import { fieldMentioned } from '../paramRange'
import { FAL_PROFILE } from './profile'

const FAL_FIELDS = FAL_PROFILE.fields

/** POST queue.fal.run/{endpoint} */
export const FalSubmitResponse = z.object({
  request_id: z.string().min(1),
  status: z.string().optional(),
  queue_position: z.number().int().nonnegative().optional(),
})

/** GET …/requests/{id}/status: 202 while IN_QUEUE / IN_PROGRESS, 200 once COMPLETED (also when the run failed). */
export const FalStatusResponse = z.object({
  status: z.enum(['IN_QUEUE', 'IN_PROGRESS', 'COMPLETED']),
  queue_position: z.number().int().nonnegative().optional(),
})

const FalFile = z.object({
  url: z.string().url(),
  content_type: z.string().nullish(),
  file_name: z.string().nullish(),
  file_size: z.number().nullish(),
})
export type FalFile = z.infer<typeof FalFile>

/** GET …/requests/{id}: `{video}` (video-to-audio, the picture with the new sound) or `{audio}` (text-to-audio). */
export const FalResult = z.union([z.object({ video: FalFile }), z.object({ audio: FalFile })])

export function resultFile(result: z.infer<typeof FalResult>): FalFile {
  return 'video' in result ? result.video : result.audio
}

const FalErrorBody = z.object({
  detail: z
    .union([
      z.string(),
      z.array(z.object({ loc: z.array(z.union([z.string(), z.number()])).optional(), msg: z.string() })),
    ])
    .optional(),
  error_type: z.string().optional(),
  message: z.string().optional(),
})

/**
 * fal's error bodies: validation `{detail:[{loc:["body","num_steps"],msg,type}]}` (422), infrastructure
 * `{detail:"…", error_type:"…"}`, or `{message}`. The field is reported by our own name.
 */
export function falErrorInfo(body: unknown): ProviderErrorInfo {
  const parsed = FalErrorBody.safeParse(body)
  if (!parsed.success) return {}
  const { detail, message } = parsed.data
  if (typeof detail === 'string') return { message: detail, ...fieldOf(detail) }
  if (detail?.length) {
    const text = detail.map((d) => d.msg).join('; ')
    const locField = detail
      .flatMap((d) => [...(d.loc ?? [])].reverse())
      .find((part): part is string => typeof part === 'string' && part in FAL_FIELDS)
    const field = locField ? FAL_FIELDS[locField] : fieldMentioned(text, FAL_FIELDS)
    return { message: locField ? `${locField}: ${text}` : text, ...(field ? { field } : {}) }
  }
  return message ? { message, ...fieldOf(message) } : {}
}

function fieldOf(text: string): { field?: string } {
  const field = fieldMentioned(text, FAL_FIELDS)
  return field ? { field } : {}
}

/** POST rest.fal.ai/storage/upload/initiate — the SDK hands back `file_url`; we check it is a URL. */
export const FalFileUrl = z.string().url()
