// The shapes WaveSpeed answers with: every response is an envelope `{code, message, data}`, and the envelope
// code can say "error" inside an HTTP 200. Parsed with zod; unknown shapes are errors.
import { z } from 'zod'
import { unexpectedResponseError, type ProviderErrorInfo } from '../errors'
import { fieldMentioned } from '../paramRange'
import { WAVESPEED_PROFILE } from './profile'

const LABEL = WAVESPEED_PROFILE.label

export const WavespeedEnvelope = z.object({
  code: z.number().int(),
  message: z.string().nullish(),
  data: z.unknown(),
})

/** data of POST /api/v3/media/upload/binary */
export const WavespeedUpload = z.object({ download_url: z.string().url() })

/** data of the submit and of GET /api/v3/predictions/{id}/result */
export const WavespeedPrediction = z.object({
  id: z.string().min(1),
  status: z.enum(['created', 'processing', 'completed', 'failed']),
  outputs: z.array(z.string().url()).nullish(),
  error: z.string().nullish(),
})
export type WavespeedPrediction = z.infer<typeof WavespeedPrediction>

/** The `data` of an envelope (already known to carry code 200), checked against `schema`. */
export function envelopeData<S extends z.ZodType>(body: unknown, schema: S, what: string): z.output<S> {
  const envelope = WavespeedEnvelope.safeParse(body)
  const data = envelope.success ? schema.safeParse(envelope.data.data) : undefined
  if (!data?.success) throw unexpectedResponseError(LABEL, what)
  return data.data
}

/** Error bodies: the envelope's `message` (or a bare `{error}`); the field when the message names one. */
export function wavespeedErrorInfo(body: unknown): ProviderErrorInfo {
  const parsed = z.object({ message: z.string().nullish(), error: z.string().nullish() }).safeParse(body)
  const message = parsed.success ? parsed.data.message || parsed.data.error || undefined : undefined
  if (!message) return {}
  const field = fieldMentioned(message, WAVESPEED_PROFILE.fields)
  return { message, ...(field ? { field } : {}) }
}

/** The HTTP status an envelope code stands for: 2xx codes are success; other error-like codes map onto HTTP. */
function statusForCode(code: number): number {
  if (code >= 200 && code < 300) return 200
  return code >= 400 && code <= 599 ? code : 500
}

/**
 * Wraps fetch so that a JSON 200 whose envelope code is not 2xx reads as that HTTP status. The one HTTP layer
 * then maps and retries it like any other status (a 429 inside a 200 waits and retries, a 401 is a bad key).
 */
export function envelopeAwareFetch(inner: typeof fetch): typeof fetch {
  return async (input, init) => {
    const res = await inner(input, init)
    if (res.status !== 200 || !(res.headers.get('content-type') ?? '').includes('json')) return res
    const text = await res.text()
    let code: unknown
    try {
      code = (JSON.parse(text) as { code?: unknown } | null)?.code
    } catch {
      /* not JSON after all: left to the caller's parse */
    }
    const status = typeof code === 'number' ? statusForCode(code) : 200
    const headers = new Headers(res.headers)
    headers.delete('content-length')
    return new Response(text, { status, headers })
  }
}
