// Removes anything that looks like a credential from text bound for a log. Errors thrown deep inside a
// provider call can carry request headers or URLs with keys in them; none of that may reach a log file.

const REDACTED = '[redacted]'

/** A value worth hiding: long, or mixing letters and digits (so "key constraint" stays readable). */
function looksLikeSecret(token: string): boolean {
  if (token.length >= 32) return true
  return /[0-9]/.test(token) && /[A-Za-z]/.test(token)
}

// "Authorization: Key abc", "x-api-key: abc", "api_key=abc", "token=abc": the named value always goes.
const ASSIGNMENT =
  /\b(authorization|x-api-key|api[-_]?key|access[-_]?token|token|secret|password)(["']?\s*[:=]\s*["']?)((?:key|bearer|token|basic)\s+)?([^\s"',;&]+)/gi
// "Bearer abc…", "Key abc…" in free text.
const SCHEME = /\b(bearer|key|token|basic)(\s+)([A-Za-z0-9._~+/:=-]{8,})/gi
// Provider-style prefixed tokens (Replicate r8_…, sk-…).
const PREFIXED = /\b(?:r8_|sk-|sk_)[A-Za-z0-9_-]{8,}/g
// Any long unbroken run of token characters (fal's "uuid:hex" keys, hex secrets).
const LONG_TOKEN = /[A-Za-z0-9_:.+/=-]{24,}/g

/** Text with credentials replaced by "[redacted]". Safe to log. */
export function scrubSecrets(text: string): string {
  return text
    .replace(
      ASSIGNMENT,
      (_m, name: string, sep: string, scheme: string | undefined) => `${name}${sep}${scheme ?? ''}${REDACTED}`,
    )
    .replace(SCHEME, (m, name: string, space: string, token: string) =>
      looksLikeSecret(token) ? `${name}${space}${REDACTED}` : m,
    )
    .replace(PREFIXED, REDACTED)
    .replace(LONG_TOKEN, (token) => {
      const isPath = token.includes('/') && !/[+=]/.test(token)
      return !isPath && /[0-9]/.test(token) && /[A-Za-z]/.test(token) ? REDACTED : token
    })
}

/**
 * An error (or anything thrown) as one scrubbed string for a log, with its stack when it has one and what caused
 * it (a few levels: "Could not reach fal.ai" ← a socket closed by the other side ← …), so a log says why.
 */
export function describeForLog(error: unknown): string {
  const lines: string[] = []
  let at: unknown = error
  for (let depth = 0; depth < 5 && at !== undefined && at !== null; depth++) {
    const text = at instanceof Error ? (at.stack ?? `${at.name}: ${at.message}`) : String(at)
    const code = (at as { code?: unknown }).code
    lines.push(
      `${depth === 0 ? '' : 'Caused by: '}${text}${typeof code === 'string' && !text.includes(code) ? ` [${code}]` : ''}`,
    )
    at = at instanceof Error ? at.cause : undefined
  }
  return scrubSecrets(lines.join('\n'))
}
