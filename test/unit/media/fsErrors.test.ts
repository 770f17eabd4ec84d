import { describe, expect, it } from 'vitest'
import { explainFsError } from '../../../electron/media/fsErrors'
import { AppError } from '../../../shared/domain/errors'

const errno = (code: string): NodeJS.ErrnoException => Object.assign(new Error(`${code}: boom`), { code })

describe('explainFsError', () => {
  it.each([
    ['ENOENT', 'FILE_NOT_FOUND', /"clip.mp4" was not found at \/x\/clip.mp4/],
    ['ENOTDIR', 'FILE_NOT_FOUND', /not found/],
    ['EACCES', 'PERMISSION_DENIED', /not allowed to use "clip.mp4"/],
    ['EROFS', 'PERMISSION_DENIED', /permissions/],
    ['ENOSPC', 'DISK_FULL', /disk is full/],
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
