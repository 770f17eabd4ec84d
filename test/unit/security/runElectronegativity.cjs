// Runs Electronegativity's scanner through its API (its CSV writer mangles long samples) and writes the
// findings as JSON. Usage: node runElectronegativity.cjs <input dir> <electron version> <out.json>
require('./electronegativityOffline.cjs')
const { writeFileSync } = require('node:fs')
const run = require('@doyensec/electronegativity')

const [input, electronVersion, out] = process.argv.slice(2)
;(run.default ?? run)(
  {
    input,
    output: undefined,
    isSarif: false,
    customScan: [],
    excludeFromScan: [],
    isRelative: true,
    isVerbose: false,
    electronUpgrade: undefined,
    electronVersionOverride: electronVersion,
    parserPlugins: [],
  },
  false,
).then(
  (result) => {
    writeFileSync(
      out,
      JSON.stringify({
        checks: result.globalChecks + result.atomicChecks,
        errors: result.errors.map((e) => ({ file: e.file, message: e.message, tolerable: Boolean(e.tolerable) })),
        issues: result.issues.map((i) => ({
          check: i.id,
          severity: i.severity.name,
          confidence: i.confidence.name,
          file: i.file,
          location: `${i.location.line}:${i.location.column}`,
        })),
      }),
    )
  },
  (error) => {
    console.error(error?.stack ? error.stack : String(error))
    process.exit(1)
  },
)
