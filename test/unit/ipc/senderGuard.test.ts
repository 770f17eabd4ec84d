import { pathToFileURL } from 'node:url'
import { describe, expect, it } from 'vitest'
import { isTrustedRendererUrl, isTrustedSender } from '../../../electron/ipc/senderGuard'

const built = { fileUrl: 'file:///opt/MMAudio%20Studio/resources/app.asar/out/renderer/index.html', devServerUrl: null }
const dev = { fileUrl: null, devServerUrl: 'http://localhost:5173/' }

describe('isTrustedRendererUrl', () => {
  it('accepts our built renderer file, with or without hash and query', () => {
    expect(isTrustedRendererUrl(built.fileUrl, built)).toBe(true)
    expect(isTrustedRendererUrl(`${built.fileUrl}#/settings`, built)).toBe(true)
    expect(isTrustedRendererUrl(`${built.fileUrl}?a=1`, built)).toBe(true)
  })

  it('refuses other files, other schemes and the dev server when built', () => {
    expect(isTrustedRendererUrl('file:///tmp/evil.html', built)).toBe(false)
    expect(isTrustedRendererUrl('file:///opt/MMAudio%20Studio/resources/app.asar/out/renderer/other.html', built)).toBe(
      false,
    )
    expect(
      isTrustedRendererUrl('file://evilhost/opt/MMAudio%20Studio/resources/app.asar/out/renderer/index.html', built),
    ).toBe(false)
    expect(isTrustedRendererUrl('http://localhost:5173/', built)).toBe(false)
    expect(isTrustedRendererUrl('media://local/tmp/x.html', built)).toBe(false)
    expect(isTrustedRendererUrl('not a url', built)).toBe(false)
  })

  it('on Windows, accepts the file whatever case the drive letter and escapes were written in (Chromium writes C:)', () => {
    // What main builds with pathToFileURL from its own folder (the drive letter as the process got it)…
    const fromNode = {
      fileUrl: pathToFileURL('c:\\Program Files\\MMAudio Studio\\resources\\app.asar\\out\\renderer\\index.html', {
        windows: true,
      }).href,
      devServerUrl: null,
    }
    expect(fromNode.fileUrl).toBe(
      'file:///c:/Program%20Files/MMAudio%20Studio/resources/app.asar/out/renderer/index.html',
    )
    // …and what Chromium reports for the frame it loaded.
    expect(
      isTrustedRendererUrl(
        'file:///C:/Program%20Files/MMAudio%20Studio/resources/app.asar/out/renderer/index.html',
        fromNode,
      ),
    ).toBe(true)
    expect(
      isTrustedRendererUrl(
        'file:///C:/Program Files/MMAudio Studio/resources/app.asar/out/renderer/index.html',
        fromNode,
      ),
    ).toBe(true)
    expect(
      isTrustedRendererUrl(
        'file:///D:/Program%20Files/MMAudio%20Studio/resources/app.asar/out/renderer/index.html',
        fromNode,
      ),
    ).toBe(false)
    expect(
      isTrustedRendererUrl(
        'file:///C:/Program%20Files/MMAudio%20Studio/resources/app.asar/out/renderer/other.html',
        fromNode,
      ),
    ).toBe(false)
    expect(isTrustedRendererUrl('file:///C:/Program%20Files/MMAudio%20Studio/%E0%A4%A/index.html', fromNode)).toBe(
      false,
    )
  })

  it('accepts any page of the dev server origin, and nothing else, in development', () => {
    expect(isTrustedRendererUrl('http://localhost:5173/index.html', dev)).toBe(true)
    expect(isTrustedRendererUrl('http://localhost:5174/', dev)).toBe(false)
    expect(isTrustedRendererUrl('https://localhost:5173/', dev)).toBe(false)
    expect(isTrustedRendererUrl('http://localhost.evil.com:5173/', dev)).toBe(false)
    expect(isTrustedRendererUrl(built.fileUrl, dev)).toBe(false)
  })
})

describe('isTrustedSender', () => {
  const main = { url: built.fileUrl, parent: null, processId: 4, routingId: 1 }

  it('accepts the top-level main frame showing our renderer', () => {
    expect(isTrustedSender(main, { processId: 4, routingId: 1 }, built)).toBe(true)
  })

  it('refuses a missing frame, a subframe, another frame and a foreign page', () => {
    expect(isTrustedSender(null, main, built)).toBe(false)
    expect(isTrustedSender(main, null, built)).toBe(false)
    expect(isTrustedSender({ ...main, parent: main, routingId: 2 }, main, built)).toBe(false)
    expect(isTrustedSender({ ...main, parent: main }, main, built)).toBe(false)
    expect(isTrustedSender({ ...main, routingId: 7 }, main, built)).toBe(false)
    expect(isTrustedSender({ ...main, processId: 5 }, main, built)).toBe(false)
    expect(isTrustedSender({ ...main, url: 'file:///tmp/x.html' }, main, built)).toBe(false)
  })
})
