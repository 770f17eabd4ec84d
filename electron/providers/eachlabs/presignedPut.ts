// Eachlabs' presigned upload: the headers its signed PUT must carry.

/**
 * Headers of the presigned PUT: the Content-Type declared at presign time plus every `required_headers`
 * entry verbatim (a required header wins over ours if it names Content-Type itself). No API key: the URL
 * is the credential.
 */
export function presignedPutHeaders(
  contentType: string,
  requiredHeaders: Readonly<Record<string, string>>,
): Record<string, string> {
  const names = Object.keys(requiredHeaders).map((h) => h.toLowerCase())
  return {
    ...(names.includes('content-type') ? {} : { 'Content-Type': contentType }),
    ...requiredHeaders,
  }
}
