// inference.sh response shapes as @inferencesh/sdk 0.6.54 sees them (after it unwraps the `{data, messages}`
// envelope), the task state table of that version, and the problem+json error body.
import { z } from 'zod'
import { fieldMentioned } from '../paramRange'
import type { ProviderErrorInfo } from '../errors'
import { INFERENCESH_PROFILE } from './profile'

/**
 * Task states of @inferencesh/sdk 0.6.54 — node_modules/@inferencesh/sdk/dist/types.js (the TaskStatus*
 * constants) and dist/utils.js (parseStatus: the same states by lower-case name). This is the "new" table
 * (SDK ≥ 0.4.0), not the 9/10/11 of the webhook example in the app page:
 *   0 unknown · 1 received · 2 queued · 3 dispatched · 4 preparing · 5 serving · 6 setting_up · 7 running ·
 *   8 cancelling · 9 uploading · 10 completed · 11 failed · 12 cancelled
 * test/unit/providers/inferencesh/schemas.test.ts checks this table against the installed SDK.
 */
export const INFERENCESH_STATUS = {
  unknown: 0,
  received: 1,
  queued: 2,
  dispatched: 3,
  preparing: 4,
  serving: 5,
  setting_up: 6,
  running: 7,
  cancelling: 8,
  uploading: 9,
  completed: 10,
  failed: 11,
  cancelled: 12,
} as const

/** A status as the API sends it (a number; parseStatus in 0.6.54 also takes the name) → its number. */
export function statusNumber(status: number | string | null | undefined): number {
  if (typeof status === 'number') return status
  if (typeof status === 'string')
    return INFERENCESH_STATUS[status.toLowerCase() as keyof typeof INFERENCESH_STATUS] ?? 0
  return 0
}

const Status = z.union([z.number().int(), z.string()]).nullish()

/** GET /tasks/{id}/status (what the SDK's poll mode reads). */
export const TaskStatusBody = z.object({ status: Status })

/** POST /apps/run and GET /tasks/{id}: the TaskDTO fields we use. */
export const TaskBody = z.object({
  id: z.string().min(1),
  status: Status,
  error: z.string().nullish(),
  output: z.unknown().nullish(),
})
export type TaskBody = z.infer<typeof TaskBody>

const FileRef = z.object({ uri: z.url(), content_type: z.string().nullish(), filename: z.string().nullish() })

/** The app's output: FLAC audio, plus the muxed video when a video was given. */
export const MmaudioOutput = z.object({
  audio_output: FileRef,
  video_output: FileRef.nullish(),
  duration: z.number().nullish(),
  sampling_rate: z.number().nullish(),
})

/** POST /files → one FileDTO per requested file, each with a presigned upload_url and its final uri. */
export const CreatedFiles = z.array(z.object({ uri: z.url(), upload_url: z.url() }).loose()).min(1)

/**
 * Error bodies: RFC 9457 problem+json `{type, title, status, detail, errors?: [{field, message}]}` (what
 * 0.6.54's HttpClient reads: detail, title, message); the older `{error: {code, message}}` too.
 */
export function inferenceshErrorInfo(body: unknown): ProviderErrorInfo {
  if (!body || typeof body !== 'object') return {}
  const b = body as Record<string, unknown>
  const legacy = b.error && typeof b.error === 'object' ? (b.error as Record<string, unknown>) : undefined
  const first =
    Array.isArray(b.errors) && b.errors[0] && typeof b.errors[0] === 'object'
      ? (b.errors[0] as Record<string, unknown>)
      : undefined
  const pick = (...vals: unknown[]): string | undefined =>
    vals.find((v): v is string => typeof v === 'string' && v.length > 0)
  const message = pick(b.detail, b.title, b.message, legacy?.message, first?.message)
  const named = pick(first?.field, first?.name, first?.location)
  const field = fieldMentioned([named, message].filter(Boolean).join(' '), INFERENCESH_PROFILE.fields)
  return { ...(message ? { message } : {}), ...(field ? { field } : {}) }
}
