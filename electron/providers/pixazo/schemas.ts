// Pixazo response shapes (zod) and its error bodies: `{error, message}` from the queue, APIM's
// `{statusCode, message}` from the gateway (401, 429).
import { z } from 'zod'
import type { ProviderErrorInfo } from '../errors'
import { fieldMentioned } from '../paramRange'
import { PIXAZO_PROFILE } from './profile'

/** 202 from the submit. */
export const SubmitResponse = z.object({
  request_id: z.string().min(1),
  status: z.string().optional(),
  // Absolute per the docs; kept lenient so a surprising value never loses an accepted request id.
  polling_url: z.string().min(1).nullish(),
})

/** GET /v2/requests/status/{request_id}; `output` is null until COMPLETED. */
export const StatusResponse = z.object({
  request_id: z.string().optional(),
  status: z.string().min(1),
  error: z.string().nullish(),
  output: z
    .object({
      media_url: z.array(z.string()),
      media_type: z.string().nullish(),
    })
    .nullish(),
})
export type StatusResponse = z.infer<typeof StatusResponse>

const ErrorBody = z.object({
  error: z.string().nullish(),
  message: z.string().nullish(),
})

export function pixazoErrorInfo(body: unknown): ProviderErrorInfo {
  const parsed = ErrorBody.safeParse(body)
  if (!parsed.success) return {}
  const message = (parsed.data.message ?? parsed.data.error ?? '').trim().replace(/[.\s]+$/, '')
  if (!message) return {}
  const field = fieldMentioned(message, PIXAZO_PROFILE.fields)
  return { message, ...(field ? { field } : {}) }
}
