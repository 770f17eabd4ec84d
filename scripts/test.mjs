// The one test command (`npm test`): typecheck, lint and format (Biome), build, then every vitest project
// (unit, integration, e2e).
// Ends with the line CI reads: `N passed, N failed`. A failed typecheck, lint or build counts as a failed test.
import { spawnSync } from 'node:child_process'
import { existsSync, readFileSync, rmSync } from 'node:fs'

const steps = [
  ['typecheck', 'npx', ['tsc', '-b']],
  ['lint and format', 'npx', ['biome', 'ci', '--error-on-warnings', '.']],
  ['build', 'npx', ['electron-vite', 'build']],
]
let stepFailures = 0
for (const [name, cmd, args] of steps) {
  const started = Date.now()
  const r = spawnSync(cmd, args, { stdio: 'inherit' })
  console.log(`${name}: ${r.status === 0 ? 'ok' : 'FAILED'} in ${((Date.now() - started) / 1000).toFixed(1)} s`)
  if (r.status !== 0) stepFailures++
}

const resultFile = '.vitest-result.json'
rmSync(resultFile, { force: true })
const vitest = spawnSync(
  'npx',
  ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile=${resultFile}`, ...process.argv.slice(2)],
  { stdio: 'inherit' },
)
let passed = 0
let failed = stepFailures
if (existsSync(resultFile)) {
  const result = JSON.parse(readFileSync(resultFile, 'utf8'))
  passed += result.numPassedTests ?? 0
  failed += (result.numFailedTests ?? 0) + suitesThatFailedToRun(result)
} else {
  failed++
}
console.log(`${passed} passed, ${failed} failed`)
process.exit(failed > 0 || vitest.status !== 0 ? 1 : 0)

/** A test file that failed to load or whose hooks threw has no failing test of its own: count it once. */
function suitesThatFailedToRun(result) {
  return (result.testResults ?? []).filter(
    (s) => s.status === 'failed' && !(s.assertionResults ?? []).some((a) => a.status === 'failed'),
  ).length
}
