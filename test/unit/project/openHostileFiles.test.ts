// What a person (or an attacker) can hand the open dialog that is not a project file: a pipe that never answers,
// a device that never ends, a folder, a huge file. Each gets its own sentence at once, before anything is read,
// and none of them holds up the file operations that follow.
import { execFileSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, truncateSync, writeFileSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { openProjectFile, PROJECT_MAX_BYTES } from '../../../electron/project/projectFile'

const canMakeFifo = process.platform !== 'win32'

async function timed<T>(work: Promise<T>): Promise<{ ms: number; outcome: T | unknown }> {
  const started = Date.now()
  const outcome = await work.catch((e: unknown) => e)
  return { ms: Date.now() - started, outcome }
}

describe('opening what is not a project file', () => {
  it.skipIf(!canMakeFifo)(
    'a FIFO is refused at once, and four of them do not stall the file operations after them',
    async () => {
      const dir = mkdtempSync(join(tmpdir(), 'hostile-open-'))
      const fifos = [0, 1, 2, 3].map((i) => join(dir, `pipe${i}.mmaudio`))
      for (const f of fifos) execFileSync('mkfifo', [f])
      const results = await Promise.all(fifos.map((f) => timed(openProjectFile(f))))
      for (const { ms, outcome } of results) {
        expect(ms).toBeLessThan(1000)
        expect(outcome).toMatchObject({
          code: 'BAD_INPUT',
          message: expect.stringMatching(/"pipe\d\.mmaudio" is a pipe, not a project file/),
        })
      }
      // libuv has four threads for file work by default: had any been stuck on a pipe, this read would wait.
      writeFileSync(join(dir, 'after.txt'), 'ok')
      const after = await timed(Promise.all([0, 1, 2, 3, 4].map(() => readFile(join(dir, 'after.txt'), 'utf8'))))
      expect(after.ms).toBeLessThan(1000)
      expect(after.outcome).toEqual(['ok', 'ok', 'ok', 'ok', 'ok'])
    },
  )

  it.skipIf(process.platform === 'win32')('/dev/zero and /dev/urandom are refused before a byte is read', async () => {
    for (const device of ['/dev/zero', '/dev/urandom']) {
      const { ms, outcome } = await timed(openProjectFile(device))
      expect(ms).toBeLessThan(1000)
      expect(outcome).toMatchObject({
        code: 'BAD_INPUT',
        message: expect.stringMatching(/is a device, not a project file/),
      })
    }
  })

  it('a folder gets its own sentence, not INTERNAL', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hostile-open-'))
    mkdirSync(join(dir, 'Beach.mmaudio'))
    await expect(openProjectFile(join(dir, 'Beach.mmaudio'))).rejects.toMatchObject({
      code: 'BAD_INPUT',
      message: '"Beach.mmaudio" is a folder, not a project file. Choose the file itself.',
    })
  })

  it('a file larger than any project is refused by its size, without reading it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hostile-open-'))
    const huge = join(dir, 'huge.mmaudio')
    writeFileSync(huge, '')
    truncateSync(huge, PROJECT_MAX_BYTES + 1) // sparse: no disk used
    const { ms, outcome } = await timed(openProjectFile(huge))
    expect(ms).toBeLessThan(1000)
    expect(outcome).toMatchObject({
      code: 'BAD_INPUT',
      message: expect.stringMatching(/"huge\.mmaudio" is 64 MB: too large to be an MMAudio Studio project/),
    })
  })
})
