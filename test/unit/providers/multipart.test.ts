import { mkdtemp, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { multipartFileBody } from '../../../electron/providers/multipart'
import { parseMultipart } from '../../emulators/core'

describe('multipartFileBody', () => {
  it('streams a form with text fields and the file, exact Content-Length, progress up to 1, a fresh stream per call', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'multipart-'))
    const path = join(dir, 'cut.mp4')
    const bytes = Buffer.alloc(200_000, 7)
    bytes.write('start', 0)
    await writeFile(path, bytes)
    const fractions: number[] = []
    const form = await multipartFileBody(
      { field: 'file', path, fileName: 'my "cut".mp4', mime: 'video/mp4', fields: { purpose: 'mmaudio' } },
      (f) => fractions.push(f),
    )
    for (let round = 0; round < 2; round++) {
      const sent = Buffer.from(await new Response(form.body()).arrayBuffer())
      expect(String(sent.length)).toBe(form.headers['Content-Length'])
      const parts = parseMultipart(sent, form.headers['Content-Type']!)
      expect(parts.map((p) => [p.name, p.filename, p.type])).toEqual([
        ['purpose', undefined, undefined],
        ['file', 'my _cut_.mp4', 'video/mp4'],
      ])
      expect(parts[0]!.data.toString()).toBe('mmaudio')
      expect(parts[1]!.data.equals(bytes)).toBe(true)
      expect(fractions[0]).toBe(0)
      expect(fractions.at(-1)).toBe(1)
      fractions.length = 0
    }
  })
})
