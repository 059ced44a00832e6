/// <reference types="vitest/config" />
import { fileURLToPath } from 'node:url'
import { defineConfig } from 'vite'
import vue from '@vitejs/plugin-vue'
import { apiTypes } from './scripts/vite-api-types.ts'
import { precompress } from './scripts/vite-precompress.ts'

const repo = fileURLToPath(new URL('.', import.meta.url))
const apiPort = process.env.PORT ?? '8787'

export default defineConfig({
  root: `${repo}web`,
  // Every component is <script setup>: Vue's Options API support (data, methods, option hooks) is left out.
  // apiTypes: the dev server writes web/src/api/schema.d.ts, which is generated, not committed (scripts/api-types.ts).
  plugins: [apiTypes(), vue({ features: { optionsAPI: false } }), precompress()],
  build: {
    // Vite resolves a relative outDir against root (web/), so the path is absolute.
    outDir: `${repo}dist/web`,
    emptyOutDir: true,
    chunkSizeWarningLimit: 1500,
  },
  server: { proxy: { '/api': `http://127.0.0.1:${apiPort}` } },
  test: {
    // Vitest would inherit root 'web' and find no tests under test/.
    root: repo,
    include: ['test/**/*.test.ts'],
    // Browser tests drive a real server and a software-rendered WebGL map on 2 shared cores.
    testTimeout: 60_000,
    hookTimeout: 180_000,
    globalSetup: ['test/global-setup.ts'],
  },
})
