import { describe, expect, it } from 'vitest'
import {
  diskFullError,
  diskFullOrSame,
  explainFsError,
  formatBytes,
  isDiskFull,
} from '../../../electron/media/fsErrors'
import { AppError } from '../../../shared/domain/errors'

const errno = (code: string): NodeJS.ErrnoException => Object.assign(new Error(`${code}: boom`), { code })

describe('explainFsError', () => {
  it.each([
    ['ENOENT', 'FILE_NOT_FOUND', /"clip.mp4" was not found at \/x\/clip.mp4/],
    ['ENOTDIR', 'FILE_NOT_FOUND', /not found/],
    ['EACCES', 'PERMISSION_DENIED', /not allowed to use "clip.mp4"/],
    ['EROFS', 'PERMISSION_DENIED', /permissions/],
    ['ENOSPC', 'DISK_FULL', /disk is full/],
    ['EEXIST', 'BAD_INPUT', /A file is in the way: "\/x\/clip.mp4" cannot be made/],
    ['EISDIR', 'BAD_INPUT', /"\/x\/clip.mp4" is a folder: give a file name/],
  ])('%s → %s', (code, appCode, message) => {
    const e = explainFsError(errno(code), '/x/clip.mp4') as AppError
    expect(e.code).toBe(appCode)
    expect(e.message).toMatch(message)
  })

  it('leaves AppErrors and unknown errors alone', () => {
    const app = new AppError('CANCELLED', 'Cancelled.')
    expect(explainFsError(app, '/x')).toBe(app)
    const other = errno('EMFILE')
    expect(explainFsError(other, '/x')).toBe(other)
  })
})

describe('a full disk is DISK_FULL with where and how much', () => {
  it('names the file, its folder, the room left and what was needed', () => {
    const e = diskFullError('/tmp/out/film.mp4', undefined, 5_200_000)
    expect(e.code).toBe('DISK_FULL')
    expect(e.message).toMatch(
      /^The disk is full: "film\.mp4" could not be written in \/tmp\/out \(\d[\d.]* (bytes|KB|MB|GB) free there, 5\.2 MB needed\)\. Free some space and try again\.$/,
    )
  })
  it('EDQUOT is a full disk too, and any error that is one becomes DISK_FULL with its own path', () => {
    expect((explainFsError(errno('EDQUOT'), '/x/a.wav') as AppError).code).toBe('DISK_FULL')
    const raw = Object.assign(errno('ENOSPC'), { path: '/data/take.wav' })
    expect(diskFullOrSame(raw)).toMatchObject({
      code: 'DISK_FULL',
      message: expect.stringMatching(/"take\.wav" could not be written in \/data/),
    })
    expect(isDiskFull(raw)).toBe(true)
    const other = errno('EMFILE')
    expect(diskFullOrSame(other)).toBe(other)
  })
  it('formats sizes for people', () => {
    expect([
      formatBytes(512),
      formatBytes(12_300),
      formatBytes(960_000),
      formatBytes(3_400_000),
      formatBytes(1.2e9),
    ]).toEqual(['512 bytes', '12 KB', '960 KB', '3.4 MB', '1.2 GB'])
  })
})
