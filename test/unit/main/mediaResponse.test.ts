import { mkdirSync, mkdtempSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { createAllowList, nodeRealpath } from '../../../electron/media/allowList'
import { respondToMediaRequest } from '../../../electron/main/mediaResponse'
import { mediaUrl, requestedPathOf } from '../../../electron/main/mediaUrl'

describe('mediaUrl', () => {
  it('encodes each path segment and round-trips through the URL parser', () => {
    const p = '/home/ann/My Clips/café #1 ?.mp4'
    const url = mediaUrl(p)
    expect(url).toBe('media://local/home/ann/My%20Clips/caf%C3%A9%20%231%20%3F.mp4')
    expect(decodeURIComponent(requestedPathOf(url) ?? '')).toBe(p)
  })
  it('writes Windows drive paths as /C:/…', () => {
    expect(mediaUrl('C:\\Users\\Ann\\clip.mp4')).toBe('media://local/C:/Users/Ann/clip.mp4')
  })
  it('reads only our own scheme and host', () => {
    expect(requestedPathOf('file:///etc/passwd')).toBeNull()
    expect(requestedPathOf('media://other/etc/passwd')).toBeNull()
  })
})

describe('respondToMediaRequest', () => {
  let root: string
  let clip: string
  const allowList = createAllowList()
  const bytes = Buffer.from(Array.from({ length: 1000 }, (_, i) => i % 256))

  beforeAll(() => {
    root = realpathSync(mkdtempSync(join(tmpdir(), 'media-resp-')))
    clip = join(root, 'clip one.mp4')
    writeFileSync(clip, bytes)
    writeFileSync(join(root, 'secret.txt'), 'secret')
    writeFileSync(join(root, 'empty.wav'), '')
    mkdirSync(join(root, 'cache'))
    symlinkSync(join(root, 'secret.txt'), join(root, 'cache', 'escape.mp4'))
    allowList.allowFile(clip)
    allowList.allowFile(join(root, 'empty.wav'))
  })

  const get = (url: string, headers: Record<string, string> = {}, method = 'GET') =>
    respondToMediaRequest(new Request(url, { method, headers }), allowList, nodeRealpath)

  it('serves a whole allowed file with its type and Accept-Ranges', async () => {
    const res = await get(mediaUrl(clip))
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toBe('video/mp4')
    expect(res.headers.get('accept-ranges')).toBe('bytes')
    expect(res.headers.get('access-control-allow-origin')).toBe('*')
    expect(res.headers.get('content-length')).toBe('1000')
    expect(Buffer.from(await res.arrayBuffer())).toEqual(bytes)
  })

  it('serves a byte range as 206 with Content-Range', async () => {
    const res = await get(mediaUrl(clip), { Range: 'bytes=100-199' })
    expect(res.status).toBe(206)
    expect(res.headers.get('content-range')).toBe('bytes 100-199/1000')
    expect(res.headers.get('content-length')).toBe('100')
    expect(Buffer.from(await res.arrayBuffer())).toEqual(bytes.subarray(100, 200))
  })

  it('answers a range whose end is far past the file with 206 and the bytes to the end', async () => {
    const res = await get(mediaUrl(clip), { Range: 'bytes=900-99999999999999999999' })
    expect(res.status).toBe(206)
    expect(res.headers.get('content-range')).toBe('bytes 900-999/1000')
    expect(Buffer.from(await res.arrayBuffer())).toEqual(bytes.subarray(900))
  })

  it('answers 416 with the size for an unsatisfiable range', async () => {
    const res = await get(mediaUrl(clip), { Range: 'bytes=5000-' })
    expect(res.status).toBe(416)
    expect(res.headers.get('content-range')).toBe('bytes */1000')
  })

  it('answers HEAD without a body and an empty file with 200', async () => {
    const head = await get(mediaUrl(clip), {}, 'HEAD')
    expect(head.status).toBe(200)
    expect(head.headers.get('content-length')).toBe('1000')
    const empty = await get(mediaUrl(join(root, 'empty.wav')))
    expect(empty.status).toBe(200)
    expect(empty.headers.get('content-length')).toBe('0')
  })

  it('refuses files not on the list, traversal and outside symlinks with 403', async () => {
    expect((await get(mediaUrl(join(root, 'secret.txt')))).status).toBe(403)
    expect((await get(`media://local${root}/%2e%2e${root}/secret.txt`)).status).toBe(403)
    const list = createAllowList()
    list.allowFolder(join(root, 'cache'))
    const linked = await respondToMediaRequest(
      new Request(mediaUrl(join(root, 'cache', 'escape.mp4'))),
      list,
      nodeRealpath,
    )
    expect(linked.status).toBe(403)
  })

  it('an allowed file swapped for a symlink to a secret after it was allowed is not served', async () => {
    const list = createAllowList()
    const swapped = join(root, 'swapped.mp4')
    writeFileSync(swapped, bytes)
    list.allowFile(swapped)
    const serve = () => respondToMediaRequest(new Request(mediaUrl(swapped)), list, nodeRealpath)
    expect((await serve()).status).toBe(200)
    rmSync(swapped)
    symlinkSync(join(root, 'secret.txt'), swapped)
    const res = await serve()
    expect(res.status).toBe(403)
    expect(await res.text()).not.toContain('secret')
  })

  it('refuses other methods', async () => {
    expect((await get(mediaUrl(clip), {}, 'POST')).status).toBe(405)
  })
})
