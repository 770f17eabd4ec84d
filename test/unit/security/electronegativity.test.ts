// Electronegativity (Doyensec) over our app code, offline, assuming our Electron version. No HIGH finding
// may exist; a MEDIUM one must be fixed or excluded below by name, with the reason beside it.
import { spawnSync } from 'node:child_process'
import { cpSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'

const ELECTRON_VERSION = '45.4.1'
const root = join(import.meta.dirname, '../../..')
const driver = join(import.meta.dirname, 'runElectronegativity.cjs')

/** MEDIUM findings we accept, each with why. Anything not listed here must be fixed. */
const EXCLUDED_MEDIUM: Readonly<Record<string, string>> = {
  PRELOAD_JS_CHECK:
    'Our preload only forwards the contract’s channel names and exposes no ipcRenderer or Node API (test/unit/ipc/preload.test.ts).',
}

interface Finding {
  check: string
  severity: 'HIGH' | 'MEDIUM' | 'LOW' | 'INFORMATIONAL'
  confidence: string
  file: string
  location: string
}

interface ScanResult {
  checks: number
  errors: { file: string; message: string; tolerable: boolean }[]
  issues: Finding[]
}

/** Copies the app's code (main, preload, renderer page and sources) to a folder and scans it. */
function scan(extraFiles: Record<string, string> = {}): ScanResult {
  const stage = mkdtempSync(join(tmpdir(), 'electronegativity-'))
  cpSync(join(root, 'electron'), join(stage, 'app', 'electron'), { recursive: true })
  for (const part of ['renderer/index.html', 'renderer/src']) {
    if (existsSync(join(root, part))) cpSync(join(root, part), join(stage, 'app', part), { recursive: true })
  }
  for (const [name, text] of Object.entries(extraFiles)) writeFileSync(join(stage, 'app', name), text)
  const out = join(stage, 'result.json')
  const run = spawnSync(process.execPath, [driver, join(stage, 'app'), ELECTRON_VERSION, out], {
    encoding: 'utf8',
    env: { ...process.env, LANG: 'en-US', FORCE_COLOR: '0' },
    timeout: 20_000,
  })
  if (run.status !== 0 || !existsSync(out)) {
    throw new Error(`electronegativity failed (${run.status}):\n${run.stdout}\n${run.stderr}`)
  }
  return JSON.parse(readFileSync(out, 'utf8')) as ScanResult
}

const describeFinding = (f: Finding): string => `${f.severity} ${f.check} at ${f.file}:${f.location}`

describe(`electronegativity -e ${ELECTRON_VERSION}`, () => {
  const result = scan()
  const findings = result.issues

  it('loads its checks and parses every file it scans', () => {
    expect(result.checks).toBeGreaterThan(30)
    expect(result.errors).toEqual([])
  })

  it('has no HIGH finding', () => {
    expect(findings.filter((f) => f.severity === 'HIGH').map(describeFinding)).toEqual([])
  })

  it('has no MEDIUM finding other than the named exclusions', () => {
    const open = findings.filter((f) => f.severity === 'MEDIUM' && !(f.check in EXCLUDED_MEDIUM))
    expect(open.map(describeFinding)).toEqual([])
  })

  it('keeps no stale exclusion (each still matches a finding)', () => {
    const seen = new Set(findings.map((f) => f.check))
    expect(Object.keys(EXCLUDED_MEDIUM).filter((check) => !seen.has(check))).toEqual([])
  })

  it('really scans our TypeScript: a planted insecure window is reported as HIGH', () => {
    const canary = scan({
      'electron/canary.ts': [
        "import { BrowserWindow } from 'electron'",
        'type Options = { show: boolean }',
        'export const w = new BrowserWindow({ webPreferences: { contextIsolation: false } }) satisfies object',
        'export const o: Options = { show: true }',
      ].join('\n'),
    })
    expect(canary.issues.filter((f) => f.severity === 'HIGH').map((f) => `${f.check} ${f.file}`)).toContain(
      'CONTEXT_ISOLATION_JS_CHECK electron/canary.ts',
    )
  })
})
