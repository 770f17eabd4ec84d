// Eachlabs response shapes (zod) and the two documented error bodies.
import { z } from 'zod'
import type { ProviderErrorInfo } from '../errors'
import { fieldMentioned } from '../paramRange'
import { EACHLABS_PROFILE } from './profile'

/** POST /v1/upload/presign */
export const PresignResponse = z.object({
  id: z.string().optional(),
  presigned_url: z.url(),
  public_url: z.url(),
  expires_at: z.string().nullish(),
  required_headers: z.record(z.string(), z.string()).nullish(),
})

/** POST /v1/prediction: `{status:"success", message, predictionID}`. */
export const CreateResponse = z.object({
  status: z.string().optional(),
  message: z.string().nullish(),
  error: z.string().nullish(),
  predictionID: z.string().min(1).optional(),
})

/** GET /v1/prediction/{id}. `output` is a URL string; an array is accepted in case a model returns several. */
export const PredictionResponse = z.object({
  status: z.string().min(1),
  output: z.union([z.string(), z.array(z.string())]).nullish(),
  error: z.string().nullish(),
  message: z.string().nullish(),
  details: z.unknown().optional(),
  metrics: z.object({ predict_time: z.number().nullish() }).partial().nullish(),
})
export type PredictionResponse = z.infer<typeof PredictionResponse>

const ErrorBody = z.object({
  message: z.string().nullish(),
  error: z.string().nullish(),
  details: z.unknown().optional(),
})

const trimEnd = (s: string): string => s.trim().replace(/[.\s]+$/, '')

function detailsText(details: unknown): string | undefined {
  if (details === undefined || details === null || details === '') return undefined
  return typeof details === 'string' ? details : JSON.stringify(details)
}

/** The provider's own words from either body: `{status:"error", message, details}` or `{error}`. */
export function eachlabsMessage(body: {
  message?: string | null | undefined
  error?: string | null | undefined
  details?: unknown
}): string | undefined {
  const main = body.message ?? body.error ?? undefined
  const details = detailsText(body.details)
  const parts = [main, details && details !== main ? details : undefined].filter((s): s is string => !!s?.trim())
  return parts.length ? parts.map(trimEnd).join(': ') : undefined
}

export function eachlabsErrorInfo(body: unknown): ProviderErrorInfo {
  const parsed = ErrorBody.safeParse(body)
  if (!parsed.success) return {}
  const message = eachlabsMessage(parsed.data)
  if (!message) return {}
  const field = fieldMentioned(message, EACHLABS_PROFILE.fields)
  return { message, ...(field ? { field } : {}) }
}
