import { defineConfig } from 'vitest/config'
import react from '@vitejs/plugin-react'

export default defineConfig({
  plugins: [react()],
  test: {
    testTimeout: 60_000,
    hookTimeout: 120_000,
    projects: [
      {
        extends: true,
        test: {
          name: 'node',
          environment: 'node',
          include: ['test/unit/**/*.test.ts', 'test/integration/**/*.test.ts'],
          // @inferencesh/sdk 0.6.54 ships extension-less ESM imports that only a bundler resolves.
          server: { deps: { inline: ['electron-store', '@inferencesh/sdk'] } },
        },
      },
      { extends: true, test: { name: 'dom', environment: 'jsdom', include: ['test/unit/**/*.test.tsx'] } },
      {
        extends: true,
        test: {
          name: 'e2e',
          environment: 'node',
          include: ['test/e2e/**/*.test.ts'],
          setupFiles: ['test/e2e/harness/onFailure.ts'],
          fileParallelism: false,
        },
      },
    ],
  },
})
