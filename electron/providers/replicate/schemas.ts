// Replicate response shapes (replicate 1.4.0 index.d.ts: Prediction, FileObject) and its error bodies.
import { z } from 'zod'
import { fieldMentioned } from '../paramRange'
import type { ProviderErrorInfo } from '../errors'
import { REPLICATE_PROFILE } from './profile'

/** POST /v1/predictions and GET /v1/predictions/{id}. */
export const Prediction = z.object({
  id: z.string().min(1),
  /** starting → processing → succeeded | failed | canceled (the client's types also list "aborted"). */
  status: z.string(),
  output: z.unknown().nullish(),
  error: z.unknown().nullish(),
})
export type Prediction = z.infer<typeof Prediction>

/** POST /v1/files → FileObject; `urls.get` is what a prediction input takes. */
export const FileObject = z.object({ id: z.string().min(1), urls: z.object({ get: z.url() }) })

/** The output URL: one URI for this model (an array from some cog models: take the first). */
export function outputUrl(output: unknown): string | undefined {
  const url = Array.isArray(output) ? output[0] : output
  return typeof url === 'string' && /^https?:\/\//.test(url) ? url : undefined
}

/** A prediction's `error` as text (a string for cog models; anything else is stringified). */
export function predictionError(error: unknown): string | undefined {
  if (error === null || error === undefined || error === '') return undefined
  return typeof error === 'string' ? error : JSON.stringify(error)
}

/**
 * Error bodies: problem-style `{title, detail, status}`, with `invalid_fields: [{field, description}]` on a
 * 422 [inferred from the live API's responses; not in the client's source].
 */
export function replicateErrorInfo(body: unknown): ProviderErrorInfo {
  if (!body || typeof body !== 'object') return {}
  const b = body as Record<string, unknown>
  const first =
    Array.isArray(b.invalid_fields) && b.invalid_fields[0] && typeof b.invalid_fields[0] === 'object'
      ? (b.invalid_fields[0] as Record<string, unknown>)
      : undefined
  const pick = (...vals: unknown[]): string | undefined =>
    vals.find((v): v is string => typeof v === 'string' && v.trim().length > 0)
  const message = pick(b.detail, b.title, b.message, first?.description)?.trim()
  const field = fieldMentioned([pick(first?.field), message].filter(Boolean).join(' '), REPLICATE_PROFILE.fields)
  return { ...(message ? { message } : {}), ...(field ? { field } : {}) }
}
