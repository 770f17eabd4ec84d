// Electron >= 42 ships no postinstall of its own: fetch its binary here so `npm install && npm start`
// works on a fresh machine. Offline CI sets ELECTRON_SKIP_BINARY_DOWNLOAD=1 (our convention, see .ci/run).
if (process.env.ELECTRON_SKIP_BINARY_DOWNLOAD) {
  console.log('ensure-electron: ELECTRON_SKIP_BINARY_DOWNLOAD set, not downloading the Electron binary')
  process.exit(0)
}
const { execFileSync } = require('node:child_process')
execFileSync(process.execPath, [require.resolve('electron/install.js')], { stdio: 'inherit' })
