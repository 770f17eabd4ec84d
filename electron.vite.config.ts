import { resolve } from 'node:path'
import { defineConfig } from 'electron-vite'
import react from '@vitejs/plugin-react'
import { devCsp } from './scripts/devCsp'

const fromRoot = (p: string): string => resolve(import.meta.dirname, p)

export default defineConfig({
  main: {
    // cli: the headless `mmaudio-studio` bin (package.json "bin"), built beside the main process.
    build: {
      // @inferencesh/sdk 0.6.54 ships extension-less relative ESM imports that Node cannot resolve: bundle it.
      externalizeDeps: { exclude: ['@inferencesh/sdk'] },
      rollupOptions: { input: { index: fromRoot('electron/main/index.ts'), cli: fromRoot('electron/cli/main.ts') } },
    },
  },
  preload: {
    // CJS so the preload runs with sandbox: true; it imports nothing from node_modules.
    build: {
      externalizeDeps: false,
      rollupOptions: {
        input: { index: fromRoot('electron/preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: fromRoot('renderer'),
    build: { rollupOptions: { input: { index: fromRoot('renderer/index.html') } } },
    // devCsp: `npm run dev` only, lets the dev server's inline Fast Refresh preamble run under our CSP.
    plugins: [react(), devCsp()],
  },
})
