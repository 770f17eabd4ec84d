// A multipart/form-data body carrying one file, streamed from disk with upload progress and an exact
// Content-Length (upload endpoints may refuse chunked bodies). Hand `body` (a factory: one fresh stream per
// attempt) and `headers` to http.send().
import { randomUUID } from 'node:crypto'
import { createReadStream } from 'node:fs'
import { stat } from 'node:fs/promises'
import { Readable } from 'node:stream'

type BodyInit = NonNullable<RequestInit['body']>

export interface MultipartFile {
  /** The form field the file goes in (e.g. `file`). */
  field: string
  path: string
  fileName: string
  mime: string
  /** Plain text fields sent before the file. */
  fields?: Readonly<Record<string, string>>
}

const quoted = (s: string): string => s.replace(/["\r\n\\]/g, '_')

export async function multipartFileBody(
  file: MultipartFile,
  onFraction: (fraction: number) => void,
): Promise<{ headers: Record<string, string>; body: () => BodyInit }> {
  const { size } = await stat(file.path)
  const boundary = `----mmaudio-${randomUUID()}`
  const text = Object.entries(file.fields ?? {})
    .map(
      ([name, value]) => `--${boundary}\r\nContent-Disposition: form-data; name="${quoted(name)}"\r\n\r\n${value}\r\n`,
    )
    .join('')
  const head = Buffer.from(
    `${text}--${boundary}\r\nContent-Disposition: form-data; name="${quoted(file.field)}"; filename="${quoted(file.fileName)}"\r\n` +
      `Content-Type: ${file.mime}\r\n\r\n`,
  )
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`)
  const body = (): BodyInit => {
    async function* parts(): AsyncGenerator<Buffer> {
      let sent = 0
      onFraction(0)
      yield head
      for await (const chunk of createReadStream(file.path) as AsyncIterable<Buffer>) {
        sent += chunk.length
        onFraction(Math.min(1, sent / Math.max(1, size)))
        yield chunk
      }
      yield tail
    }
    return Readable.toWeb(Readable.from(parts())) as unknown as BodyInit
  }
  return {
    headers: {
      'Content-Type': `multipart/form-data; boundary=${boundary}`,
      'Content-Length': String(head.length + size + tail.length),
    },
    body,
  }
}
