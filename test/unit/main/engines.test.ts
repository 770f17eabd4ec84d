// package.json "engines": the Node versions that can install and build the app. Electron's installer
// (@electron/get) is ESM-only and is loaded with require(), which Node runs unflagged from 20.19 on the 20 line
// and from 22.12 on the 22 line, so 22.0–22.11 must be refused. The range must also fit the build tools' own.
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'

const root = join(import.meta.dirname, '../../..')
// semver as electron-builder itself resolves it (not a dependency of ours).
const requireFromBuilder = createRequire(createRequire(import.meta.url).resolve('app-builder-lib/package.json'))
const semver = requireFromBuilder('semver') as {
  satisfies(version: string, range: string): boolean
  subset(sub: string, sup: string): boolean
}
const json = (path: string) => JSON.parse(readFileSync(path, 'utf8')) as { engines?: { node?: string } }
const ours = json(join(root, 'package.json')).engines!.node!

describe('engines.node', () => {
  it('admits Node 20.19+, 22.12+ and later majors', () => {
    for (const v of ['20.19.0', '20.20.2', '22.12.0', '22.20.0', '24.0.0', '26.1.0'])
      expect(semver.satisfies(v, ours), v).toBe(true)
  })

  it('refuses 22.0–22.11 (no require(esm) for Electron’s installer), 21 and anything before 20.19', () => {
    for (const v of ['22.0.0', '22.11.0', '22.11.9', '21.7.3', '20.18.3', '18.20.0'])
      expect(semver.satisfies(v, ours), v).toBe(false)
  })

  it('fits within what vite, electron-vite and @vitejs/plugin-react declare', () => {
    for (const pkg of ['vite', 'electron-vite', '@vitejs/plugin-react']) {
      const theirs = json(join(root, 'node_modules', pkg, 'package.json')).engines!.node!
      expect(semver.subset(ours, theirs), `${pkg} ${theirs}`).toBe(true)
    }
  })
})
