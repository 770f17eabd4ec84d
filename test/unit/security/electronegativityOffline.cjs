// Preloaded (node -r) into electronegativity so it runs offline and on our TypeScript:
// - its TS parser (@typescript-eslint/typescript-estree 4) needs the TypeScript 4 JS API, but the project's
//   typescript is 7 (native, no JS API): point `require('typescript')` at electronegativity's own TS 4.2;
// - it fetches translations and Electron release data with `got`: fail those at once instead of waiting
//   for timeouts (we pass -e, so release data is not needed).
const Module = require('node:module')
const path = require('node:path')

const egRoot = path.dirname(require.resolve('@doyensec/electronegativity/package.json'))
const nestedTypescript = path.join(egRoot, 'node_modules', 'typescript')
const offlineGot = path.join(__dirname, 'gotOffline.cjs')

const resolve = Module._resolveFilename
Module._resolveFilename = function (request, parent, ...rest) {
  if (request === 'typescript') return resolve.call(this, nestedTypescript, parent, ...rest)
  if (request === 'got') return offlineGot
  return resolve.call(this, request, parent, ...rest)
}
