// Removes anything that looks like a credential from text bound for a log. Errors thrown deep inside a
// provider call can carry request headers or URLs with keys in them; none of that may reach a log file.

const REDACTED = '[redacted]'

const PATTERNS: readonly RegExp[] = [
  // Authorization-style headers and assignments: "Authorization: Key abc", "Bearer abc", "api_key=abc".
  /\b(authorization|x-api-key|api[-_]?key|token|secret|password)(["']?\s*[:=]\s*["']?)(?:(?:key|bearer|token|basic)\s+)?[^\s"',;&]+/gi,
  /\b(bearer|key|token|basic)(\s+)[A-Za-z0-9._~+/:=-]{8,}/gi,
  // Provider-style prefixed tokens (Replicate r8_…, sk-…).
  /\b(r8_|sk-|sk_)()[A-Za-z0-9_-]{8,}/g,
]

// A long unbroken run of token characters mixing letters and digits (fal's "uuid:hex" keys, hex secrets).
const LONG_TOKEN = /[A-Za-z0-9_:.+/=-]{24,}/g

function looksLikeSecret(token: string): boolean {
  if (token.includes('/') && !/[+=]/.test(token)) return false // a path, not a key
  return /[0-9]/.test(token) && /[A-Za-z]/.test(token)
}

/** Text with credentials replaced by "[redacted]". Safe to log. */
export function scrubSecrets(text: string): string {
  let out = text
  for (const pattern of PATTERNS) out = out.replace(pattern, (_m, name: string, sepText: string) => `${name}${sepText}${REDACTED}`)
  return out.replace(LONG_TOKEN, (token) => (looksLikeSecret(token) ? REDACTED : token))
}

/** An error (or anything thrown) as one scrubbed string for a log, with its stack when it has one. */
export function describeForLog(error: unknown): string {
  const text = error instanceof Error ? (error.stack ?? `${error.name}: ${error.message}`) : String(error)
  return scrubSecrets(text)
}
