import { describe, expect, it } from 'vitest'
import { contentTypeFor, parseRange } from '../../../electron/main/range'

describe('parseRange', () => {
  const size = 1000

  it('serves the whole file without a Range header', () => {
    expect(parseRange(null, size)).toEqual({ kind: 'full' })
    expect(parseRange('', size)).toEqual({ kind: 'full' })
  })

  it('parses closed, open-ended and suffix ranges (end inclusive)', () => {
    expect(parseRange('bytes=0-99', size)).toEqual({ kind: 'partial', start: 0, end: 99 })
    expect(parseRange('bytes=500-', size)).toEqual({ kind: 'partial', start: 500, end: 999 })
    expect(parseRange('bytes=-100', size)).toEqual({ kind: 'partial', start: 900, end: 999 })
    expect(parseRange('bytes=0-0', size)).toEqual({ kind: 'partial', start: 0, end: 0 })
    expect(parseRange('Bytes = 10 - 20', size)).toEqual({ kind: 'partial', start: 10, end: 20 })
  })

  it('clamps an end past the file and a suffix longer than the file', () => {
    expect(parseRange('bytes=900-5000', size)).toEqual({ kind: 'partial', start: 900, end: 999 })
    expect(parseRange('bytes=-5000', size)).toEqual({ kind: 'partial', start: 0, end: 999 })
  })

  it('clamps an end too long to be a safe integer (RFC 9110: 206 to the end of the file, not 416)', () => {
    expect(parseRange('bytes=0-99999999999999999999', size)).toEqual({ kind: 'partial', start: 0, end: 999 })
    expect(parseRange('bytes=10-9007199254740993', size)).toEqual({ kind: 'partial', start: 10, end: 999 })
    expect(parseRange('bytes=-99999999999999999999', size)).toEqual({ kind: 'partial', start: 0, end: 999 })
  })

  it('is unsatisfiable when the start is past the end of the file, or the range is empty', () => {
    expect(parseRange('bytes=1000-', size)).toEqual({ kind: 'unsatisfiable' })
    expect(parseRange('bytes=1000-1100', size)).toEqual({ kind: 'unsatisfiable' })
    expect(parseRange('bytes=50-10', size)).toEqual({ kind: 'unsatisfiable' })
    expect(parseRange('bytes=-0', size)).toEqual({ kind: 'unsatisfiable' })
    expect(parseRange('bytes=0-', 0)).toEqual({ kind: 'unsatisfiable' })
    expect(parseRange('bytes=99999999999999999999-', size)).toEqual({ kind: 'unsatisfiable' })
  })

  it('ignores what it does not understand and sends the whole file (RFC 9110 allows this)', () => {
    expect(parseRange('items=0-10', size)).toEqual({ kind: 'full' })
    expect(parseRange('bytes=0-10,20-30', size)).toEqual({ kind: 'full' })
    expect(parseRange('bytes=-', size)).toEqual({ kind: 'full' })
    expect(parseRange('bytes=a-b', size)).toEqual({ kind: 'full' })
  })
})

describe('contentTypeFor', () => {
  it.each([
    ['/a/clip.mp4', 'video/mp4'],
    ['/a/CLIP.MOV', 'video/quicktime'],
    ['/a/take.wav', 'audio/wav'],
    ['/a/sprite.jpg', 'image/jpeg'],
    ['/a/sprite.png', 'image/png'],
    ['/a/clip.webm', 'video/webm'],
    ['/a/noext', 'application/octet-stream'],
    ['/a.dir/noext', 'application/octet-stream'],
    ['C:\\a.dir\\noext', 'application/octet-stream'],
  ])('%s → %s', (file, type) => {
    expect(contentTypeFor(file)).toBe(type)
  })
})
