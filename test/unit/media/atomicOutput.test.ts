import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs'
import { writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { tempPathFor, writeAtomically, writeFileAtomically } from '../../../electron/media/atomicOutput'

describe('atomic output', () => {
  it('the temp name is hidden, beside the final file, and keeps the extension', () => {
    expect(tempPathFor('/out/my take.wav')).toMatch(/^\/out\/\.my take\.\d+-[0-9a-f]{8}\.tmp\.wav$/)
  })

  it('writes through a temp file and leaves only the final file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'atomic-'))
    await writeFileAtomically(join(dir, 'sub', 'a.json'), '{"ok":true}')
    expect(readFileSync(join(dir, 'sub', 'a.json'), 'utf8')).toBe('{"ok":true}')
    expect(readdirSync(join(dir, 'sub'))).toEqual(['a.json'])
  })

  it('a failure half-way leaves the previous file as it was and no temp behind', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'atomic-'))
    const final = join(dir, 'take.wav')
    writeFileSync(final, 'previous')
    const failure = writeAtomically(final, async (temp) => {
      await writeFile(temp, 'half a fi')
      throw new Error('ffmpeg died')
    })
    await expect(failure).rejects.toThrow('ffmpeg died')
    expect(readFileSync(final, 'utf8')).toBe('previous')
    expect(readdirSync(dir)).toEqual(['take.wav'])
  })
})
