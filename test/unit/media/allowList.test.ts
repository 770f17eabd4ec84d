import { mkdirSync, mkdtempSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import {
  createAllowList,
  decodeRequestedPath,
  isAllowedMediaPath,
  isListedPath,
  nodeRealpath,
  resolveAllowedPath,
  type RealpathFn,
} from '../../../electron/media/allowList'

/** Encodes a path the way mediaUrl does: each segment percent-encoded. */
const asUrlPath = (p: string): string => p.split('/').map(encodeURIComponent).join('/')

describe('decodeRequestedPath (pure)', () => {
  it('decodes once and keeps an ordinary absolute path', () => {
    expect(decodeRequestedPath('/home/ann/My%20Clips/caf%C3%A9%20%E6%97%A5%E6%9C%AC.mp4', 'linux')).toBe(
      '/home/ann/My Clips/café 日本.mp4',
    )
  })

  it.each([
    ['plain ../', '/media/../etc/passwd'],
    ['trailing ..', '/media/..'],
    ['dot segment', '/media/./a.mp4'],
    ['encoded dots', '/media/%2e%2e/etc/passwd'],
    ['mixed-case encoded dots', '/media/%2E%2e/etc/passwd'],
    ['encoded slash', '/media/..%2fetc%2fpasswd'],
    ['encoded backslash', '/media/..%5cetc'],
    ['double-encoded dots', '/media/%252e%252e/etc/passwd'],
    ['double-encoded slash', '/media/a%252fb'],
    ['NUL byte', '/media/a.mp4%00.png'],
    ['double-encoded NUL', '/media/a.mp4%2500'],
    ['relative path', 'media/a.mp4'],
    ['empty', ''],
    ['malformed escape', '/media/%E0%A4%A'],
    ['backslash traversal', '/media/..\\etc'],
  ])('refuses %s', (_name, requested) => {
    expect(decodeRequestedPath(requested, 'linux')).toBeNull()
  })

  it('handles Windows drive paths and refuses UNC and drive-relative ones', () => {
    expect(decodeRequestedPath('/C:/Users/Ann/clip.mp4', 'win32')).toBe('C:/Users/Ann/clip.mp4')
    expect(decodeRequestedPath('/C:/Users/..%5c..%5cWindows', 'win32')).toBeNull()
    expect(decodeRequestedPath('//server/share/clip.mp4', 'win32')).toBeNull()
    expect(decodeRequestedPath('C:clip.mp4', 'win32')).toBeNull()
  })
})

describe('allow-list membership (pure, identity realpath)', () => {
  const identity: RealpathFn = (p) => p
  const list = createAllowList({ platform: 'linux' })
  list.allowFile('/home/ann/clip.mp4')
  list.allowFolder('/var/cache/mmaudio')

  it('allows exact files and files inside allowed folders', () => {
    expect(isAllowedMediaPath('/home/ann/clip.mp4', list, identity, 'linux')).toBe(true)
    expect(isAllowedMediaPath('/var/cache/mmaudio/thumbs/abc.jpg', list, identity, 'linux')).toBe(true)
  })

  it('refuses neighbours, prefixes and the folder itself', () => {
    expect(isAllowedMediaPath('/home/ann/other.mp4', list, identity, 'linux')).toBe(false)
    expect(isAllowedMediaPath('/home/ann/clip.mp4.bak', list, identity, 'linux')).toBe(false)
    expect(isAllowedMediaPath('/var/cache/mmaudio-evil/x.jpg', list, identity, 'linux')).toBe(false)
    expect(isAllowedMediaPath('/var/cache/mmaudio', list, identity, 'linux')).toBe(false)
    expect(isAllowedMediaPath('/var/cache/mmaudio/../../../etc/passwd', list, identity, 'linux')).toBe(false)
    expect(isAllowedMediaPath('/var/cache/mmaudio/%2e%2e/%2e%2e/etc/passwd', list, identity, 'linux')).toBe(false)
  })

  it('refuses a path that does not exist (realpath fails)', () => {
    expect(isAllowedMediaPath('/home/ann/clip.mp4', list, () => null, 'linux')).toBe(false)
  })

  it('compares Windows paths without regard to case', () => {
    const win = createAllowList({ platform: 'win32' })
    win.allowFile('C:\\Users\\Ann\\Clip.MP4')
    expect(isAllowedMediaPath('/c:/users/ann/clip.mp4', win, identity, 'win32')).toBe(true)
    expect(isAllowedMediaPath('/C:/Users/Ann/Other.mp4', win, identity, 'win32')).toBe(false)
  })

  it('tells whether a path is listed as written, without touching the disk', () => {
    expect(isListedPath('/home/ann/clip.mp4', list, 'linux')).toBe(true)
    expect(isListedPath('/var/cache/mmaudio/a/b.jpg', list, 'linux')).toBe(true)
    expect(isListedPath('/var/cache/mmaudio/../x', list, 'linux')).toBe(false)
    expect(isListedPath('/etc/passwd', list, 'linux')).toBe(false)
  })

  it('only accepts absolute, NUL-free paths onto the list', () => {
    const l = createAllowList({ platform: 'linux' })
    expect(() => l.allowFile('relative.mp4')).toThrow()
    expect(() => l.allowFolder('/tmp/a\0b')).toThrow()
  })
})

describe('allow-list on a real file system with symlinks', () => {
  let root: string
  let list: ReturnType<typeof createAllowList>
  beforeAll(() => {
    root = realpathSync(mkdtempSync(join(tmpdir(), 'allowlist-')))
    mkdirSync(join(root, 'cache'))
    mkdirSync(join(root, 'clips'))
    mkdirSync(join(root, 'secret'))
    writeFileSync(join(root, 'clips', 'clip.mp4'), 'video')
    writeFileSync(join(root, 'clips', 'not-imported.mp4'), 'video')
    writeFileSync(join(root, 'secret', 'id_rsa'), 'key')
    writeFileSync(join(root, 'cache', 'thumb.jpg'), 'jpg')
    // Links inside the allowed folder pointing out of it.
    symlinkSync(join(root, 'secret', 'id_rsa'), join(root, 'cache', 'escape.jpg'))
    symlinkSync(join(root, 'secret'), join(root, 'cache', 'dirlink'))
    // A link inside the folder pointing at another file inside it is fine.
    symlinkSync(join(root, 'cache', 'thumb.jpg'), join(root, 'cache', 'alias.jpg'))
    // An imported file that is itself a symlink to a real clip.
    symlinkSync(join(root, 'clips', 'clip.mp4'), join(root, 'clips', 'link-to-clip.mp4'))
    list = createAllowList()
    list.allowFolder(join(root, 'cache'))
    list.allowFile(join(root, 'clips', 'clip.mp4'))
    list.allowFile(join(root, 'clips', 'link-to-clip.mp4'))
  })

  it('serves allowed files and in-folder links, resolved to their real path', () => {
    expect(resolveAllowedPath(join(root, 'cache', 'thumb.jpg'), list, nodeRealpath)).toBe(
      join(root, 'cache', 'thumb.jpg'),
    )
    expect(resolveAllowedPath(join(root, 'cache', 'alias.jpg'), list, nodeRealpath)).toBe(
      join(root, 'cache', 'thumb.jpg'),
    )
    expect(isAllowedMediaPath(asUrlPath(join(root, 'clips', 'clip.mp4')), list, nodeRealpath)).toBe(true)
    expect(isAllowedMediaPath(asUrlPath(join(root, 'clips', 'link-to-clip.mp4')), list, nodeRealpath)).toBe(true)
  })

  it('refuses symlinks that resolve outside the allowed set', () => {
    expect(isAllowedMediaPath(asUrlPath(join(root, 'cache', 'escape.jpg')), list, nodeRealpath)).toBe(false)
    expect(isAllowedMediaPath(asUrlPath(join(root, 'cache', 'dirlink', 'id_rsa')), list, nodeRealpath)).toBe(false)
  })

  it('refuses traversal out of the cache and files never imported', () => {
    expect(isAllowedMediaPath(`${asUrlPath(join(root, 'cache'))}/../secret/id_rsa`, list, nodeRealpath)).toBe(false)
    expect(isAllowedMediaPath(`${asUrlPath(join(root, 'cache'))}/%2e%2e/secret/id_rsa`, list, nodeRealpath)).toBe(false)
    expect(isAllowedMediaPath(asUrlPath(join(root, 'clips', 'not-imported.mp4')), list, nodeRealpath)).toBe(false)
    expect(isAllowedMediaPath(asUrlPath(join(root, 'cache', 'missing.jpg')), list, nodeRealpath)).toBe(false)
  })
})

describe('an allowed file or folder swapped for a symlink after it was allowed', () => {
  it('is refused at serve time: the path must still resolve where it did when it was allowed', () => {
    const root = realpathSync(mkdtempSync(join(tmpdir(), 'allowlist-swap-')))
    mkdirSync(join(root, 'secret'))
    writeFileSync(join(root, 'secret', 'id_rsa'), 'key')
    writeFileSync(join(root, 'clip.mp4'), 'video')
    mkdirSync(join(root, 'cache'))
    writeFileSync(join(root, 'cache', 'thumb.jpg'), 'jpg')
    const list = createAllowList()
    list.allowFile(join(root, 'clip.mp4'))
    list.allowFolder(join(root, 'cache'))
    expect(resolveAllowedPath(join(root, 'clip.mp4'), list, nodeRealpath)).toBe(join(root, 'clip.mp4'))
    expect(resolveAllowedPath(join(root, 'cache', 'thumb.jpg'), list, nodeRealpath)).toBe(
      join(root, 'cache', 'thumb.jpg'),
    )

    // The clip becomes a link to the key; the cache folder becomes a link to the secret folder.
    rmSync(join(root, 'clip.mp4'))
    symlinkSync(join(root, 'secret', 'id_rsa'), join(root, 'clip.mp4'))
    rmSync(join(root, 'cache'), { recursive: true })
    symlinkSync(join(root, 'secret'), join(root, 'cache'))
    expect(resolveAllowedPath(join(root, 'clip.mp4'), list, nodeRealpath)).toBeNull()
    expect(resolveAllowedPath(join(root, 'cache', 'id_rsa'), list, nodeRealpath)).toBeNull()
  })
})
